/** What the benchmark says to its host process (host.ts) over the fork channel, and what it answers. */
export type HostRequest =
  | { readonly kind: 'connect'; readonly id: number; readonly host: string; readonly port: number }
  | { readonly kind: 'disconnect' | 'close'; readonly id: number }
  /** `collect`: a full garbage collection first, so that the heap is what is still referenced. */
  | { readonly kind: 'usage'; readonly id: number; readonly collect?: boolean };

export type HostReply =
  | { readonly kind: 'ready'; readonly url: string }
  | { readonly kind: 'connected'; readonly id: number; readonly status: string }
  | { readonly kind: 'done'; readonly id: number }
  | {
      readonly kind: 'usage';
      readonly id: number;
      readonly cpuMicros: number;
      readonly atMs: number;
      readonly rssBytes: number;
      readonly heapBytes: number;
    };
