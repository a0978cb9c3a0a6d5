import type { IpcErrorCode, IpcResult, SwitchboardApi } from '../../src-preload/contract';
import type { Refusal } from '../../src-shared/refusals';

let api: SwitchboardApi | undefined;

/** The browser bridge's one-time token, from the page's #fragment (never sent in a request line or logged). */
export function bridgeToken(): string {
  return new URLSearchParams(location.hash.slice(1)).get('token') ?? '';
}

/** Whether there is a way to main at all: the preload's API in Electron, or a bridge token in a browser. */
export const canReachMain = (): boolean => window.switchboard !== undefined || bridgeToken() !== '';

/**
 * The one door to main. In Electron the preload has put it on `window`; in a plain browser
 * (development, e2e) it is built over the loopback bridge from the same contract.
 */
export async function connectToMain(): Promise<SwitchboardApi> {
  if (window.switchboard) api = window.switchboard;
  else api = (await import('./bridge-transport')).connectBridge();
  return api;
}

export function switchboard(): SwitchboardApi {
  if (!api) throw new Error('connectToMain() must run before the app mounts');
  return api;
}

/** The request's value; when it fails, `undefined`, after `refused` is told the error it failed with. */
export async function unlessRefused<T>(
  request: () => Promise<T>,
  refused: (error: unknown) => void,
): Promise<T | undefined> {
  try {
    return await request();
  } catch (error) {
    refused(error);
    return undefined;
  }
}

/** A failure main reported, carried as an Error so callers can `catch` it. */
export class MainError extends Error {
  constructor(
    readonly code: IpcErrorCode,
    message: string,
    /** What is wrong with each setting of a refused argument, by setting name. */
    readonly fields: Readonly<Record<string, string>> = {},
    /** What main said, for the page to word in the operator's language. */
    readonly refusal?: Refusal,
    /** The problems of `fields` main sent as codes, by the same setting names. */
    readonly fieldRefusals: Readonly<Record<string, Refusal>> = {},
  ) {
    super(message);
    this.name = 'MainError';
  }
}

export async function unwrap<T>(call: Promise<IpcResult<T>>): Promise<T> {
  const result = await call;
  if (!result.ok)
    throw new MainError(
      result.error.code,
      result.error.message,
      result.error.fields,
      result.error.refusal,
      result.error.fieldRefusals,
    );
  return result.value;
}
