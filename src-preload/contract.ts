/**
 * THE narrow API between the renderer and main: every method (an operator intent or a
 * session/profile call) with its argument schema and result type, and every pushed event.
 * Main validates each argument with these schemas; the preload and the browser bridge build
 * `window.switchboard` from these names; the renderer imports only types from here.
 */
import { z } from 'zod';
import type { PbxPicture, PicturePatch } from './state';

/** A value that ends up in an AMI header: no CR, LF or NUL, ever. */
const headerSafe = (max: number) =>
  z
    .string()
    .max(max)
    .refine((value) => !/[\r\n\0]/.test(value), 'must not contain line breaks or NUL characters');

const hostName = headerSafe(253).pipe(z.string().regex(/^[A-Za-z0-9.:\-[\]]+$/, 'is not a host name or IP address'));

export const ConnectRequestSchema = z.discriminatedUnion('target', [
  z.object({ target: z.literal('demo') }),
  z.object({
    target: z.literal('server'),
    host: hostName,
    port: z.number().int().min(1).max(65535),
    tls: z.discriminatedUnion('enabled', [
      z.object({ enabled: z.literal(false) }),
      z.object({ enabled: z.literal(true), serverName: headerSafe(253).optional() }),
    ]),
    username: headerSafe(80).pipe(z.string().min(1, 'is required')),
    secret: headerSafe(256).pipe(z.string().min(1, 'is required')),
    authType: z.enum(['plain', 'md5']),
  }),
]);
export type ConnectRequest = z.infer<typeof ConnectRequestSchema>;

const NoArgs = z.undefined();

/** Why a session is not (or no longer) connected, in words a receptionist understands. */
export type SessionFailureCode =
  | 'authFailed'
  | 'refused'
  | 'unreachable'
  | 'notAmi'
  | 'timeout'
  | 'tls'
  | 'closedByPeer'
  | 'shutdown'
  | 'linkDead'
  | 'protocol'
  | 'permission';

export type SessionStatus =
  | { readonly kind: 'disconnected' }
  | { readonly kind: 'connecting'; readonly target: string; readonly attempt: number }
  | {
      readonly kind: 'connected';
      readonly target: string;
      readonly username: string;
      readonly amiVersion: string;
      /** e.g. `20.20.1`, or a release family like `20` when CoreSettings is not permitted. */
      readonly asteriskVersion: string;
    }
  | {
      readonly kind: 'reconnecting';
      readonly target: string;
      readonly attempt: number;
      /** Epoch ms of the next attempt, so the page can count down. */
      readonly retryAt: number;
      readonly reason: { readonly code: SessionFailureCode; readonly message: string };
    }
  | {
      readonly kind: 'failed';
      readonly target: string;
      readonly reason: { readonly code: SessionFailureCode; readonly message: string };
    };

export interface PictureSnapshot {
  /** Patches with a version at or below this one are already contained in the snapshot. */
  readonly version: number;
  readonly picture: PbxPicture;
}

export interface PictureBatch {
  readonly version: number;
  readonly patches: readonly PicturePatch[];
}

/** What every method returns across IPC: never a thrown error, always something the UI can show. */
export type IpcResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: IpcError };

export interface IpcError {
  readonly code: string;
  readonly message: string;
}

/** A method: its argument schema, and its result type carried as a phantom. */
export interface MethodSpec<A extends z.ZodType, R> {
  readonly args: A;
  readonly result?: R;
}
const method =
  <R>() =>
  <A extends z.ZodType>(args: A): MethodSpec<A, R> => ({ args });

/** A pushed event, its payload type carried as a phantom. */
export interface EventSpec<P> {
  readonly payload?: P;
}
const event = <P>(): EventSpec<P> => ({});

export const methods = {
  session: {
    connect: method<SessionStatus>()(ConnectRequestSchema),
    disconnect: method<SessionStatus>()(NoArgs),
    status: method<SessionStatus>()(NoArgs),
  },
  picture: {
    /** Starts the feed for this window: returns the snapshot; patches follow as `picture:patch`. */
    subscribe: method<PictureSnapshot>()(NoArgs),
  },
} as const;

export const events = {
  session: {
    status: event<SessionStatus>(),
  },
  picture: {
    patch: event<PictureBatch>(),
  },
} as const;

type Methods = typeof methods;
type Events = typeof events;
export type Domain = keyof Methods;

/** `domain:verb`, the channel name of each method. */
export type MethodChannel = { [D in keyof Methods]: `${D}:${keyof Methods[D] & string}` }[keyof Methods];
export type EventChannel = { [D in keyof Events]: `${D}:${keyof Events[D] & string}` }[keyof Events];

type SpecOf<C extends MethodChannel> = C extends `${infer D extends keyof Methods}:${infer V}`
  ? V extends keyof Methods[D]
    ? Methods[D][V]
    : never
  : never;
type EventSpecOf<C extends EventChannel> = C extends `${infer D extends keyof Events}:${infer V}`
  ? V extends keyof Events[D]
    ? Events[D][V]
    : never
  : never;

export type ArgsOf<C extends MethodChannel> = SpecOf<C> extends MethodSpec<infer A, unknown> ? z.infer<A> : never;
export type ResultOf<C extends MethodChannel> = SpecOf<C> extends MethodSpec<z.ZodType, infer R> ? R : never;
export type PayloadOf<C extends EventChannel> = EventSpecOf<C> extends EventSpec<infer P> ? P : never;

function channelsOf(table: Record<string, Record<string, unknown>>): string[] {
  return Object.entries(table).flatMap(([domain, verbs]) => Object.keys(verbs).map((verb) => `${domain}:${verb}`));
}

export const METHOD_CHANNELS = channelsOf(methods) as readonly MethodChannel[];
export const EVENT_CHANNELS = channelsOf(events) as readonly EventChannel[];

export function schemaOf(channel: MethodChannel): z.ZodType {
  const [domain, verb] = channel.split(':') as [string, string];
  const spec = (methods as Record<string, Record<string, MethodSpec<z.ZodType, unknown>>>)[domain]?.[verb];
  if (!spec) throw new Error(`No such method in the contract: ${channel}`);
  return spec.args;
}

/** The shape of `window.switchboard`: `api.session.connect(args)`, `api.session.onStatus(listener)`. */
export type SwitchboardApi = {
  [D in keyof Methods | keyof Events]: (D extends keyof Methods
    ? {
        [V in keyof Methods[D] & string]: ArgsOf<`${D}:${V}` & MethodChannel> extends undefined
          ? () => Promise<IpcResult<ResultOf<`${D}:${V}` & MethodChannel>>>
          : (args: ArgsOf<`${D}:${V}` & MethodChannel>) => Promise<IpcResult<ResultOf<`${D}:${V}` & MethodChannel>>>;
      }
    : unknown) &
    (D extends keyof Events
      ? {
          [V in keyof Events[D] & string as `on${Capitalize<V>}`]: (
            listener: (payload: PayloadOf<`${D}:${V}` & EventChannel>) => void,
          ) => () => void;
        }
      : unknown);
};
