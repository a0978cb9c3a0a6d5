/** What the directory benchmark says to its simulated PBX (lamp-pbx.ts) over the fork channel, and what it answers. */
export type LampPbxRequest = { readonly kind: 'probe'; readonly ms: number } | { readonly kind: 'close' };

/** A lamp the simulator set: the tile, the lamp main must show, and when the event was written. */
export interface LampProbe {
  readonly id: string;
  readonly lamp: string;
  /** performance.timeOrigin + performance.now(): one clock for both processes. */
  readonly at: number;
}

export type LampPbxReply =
  { readonly kind: 'ready'; readonly port: number } | { readonly kind: 'sent'; readonly probes: readonly LampProbe[] };

export const wallClock = (): number => performance.timeOrigin + performance.now();
