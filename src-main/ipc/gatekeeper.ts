import {
  METHOD_CHANNELS,
  schemaOf,
  type ArgsOf,
  type EventChannel,
  type IpcError,
  type IpcResult,
  type MethodChannel,
  type PayloadOf,
  type ResultOf,
} from '../../src-preload/contract';
import type { BridgeErrorCode, GatekeeperErrorCode, IpcErrorCode } from '../../src-shared/error-codes';
import { codedByDefault, saidOf } from '../../src-shared/argument-said';
import { refusal, type Refusal } from '../../src-shared/refusals';
import type { z } from 'zod';
import { inEnglish } from '../english-words';

/** A window (or bridge connection) that has passed the transport's own identity check. */
export interface Sender {
  readonly id: string;
  send<C extends EventChannel>(channel: C, payload: PayloadOf<C>): void;
  /** Called once when the window or connection goes away. */
  onClosed(listener: () => void): void;
}

/**
 * A failure the operator should read: handlers throw it; the gatekeeper turns it into `{ ok: false }`.
 * Given a refusal, the page words it in the operator's language; given English, it shows that.
 */
export class OperatorError extends Error {
  readonly refusal: Refusal | undefined;

  constructor(
    readonly code: Exclude<IpcErrorCode, GatekeeperErrorCode | BridgeErrorCode>,
    said: Refusal | string,
  ) {
    super(typeof said === 'string' ? said : inEnglish(said));
    this.name = 'OperatorError';
    this.refusal = typeof said === 'string' ? undefined : said;
  }
}

export type Handlers = {
  [C in MethodChannel]: (args: ArgsOf<C>, sender: Sender) => Promise<ResultOf<C>> | ResultOf<C>;
};

export interface GatekeeperLog {
  warn(message: string): void;
  error(message: string, error: unknown): void;
}

const isMethodChannel = (channel: unknown): channel is MethodChannel =>
  typeof channel === 'string' && (METHOD_CHANNELS as readonly string[]).includes(channel);

/**
 * The one door into main: refuses unknown senders and channels, validates the argument
 * against the contract's schema, and always answers with a result union.
 */
export function createGatekeeper(handlers: Handlers, log: GatekeeperLog) {
  return async function dispatch(
    channel: unknown,
    rawArgs: unknown,
    sender: Sender | undefined,
  ): Promise<IpcResult<unknown>> {
    if (!sender) {
      log.warn(`refused a call to ${String(channel)} from an unknown sender`);
      return refuseSaying('untrustedSender', refusal('untrustedSender', {}));
    }
    if (!isMethodChannel(channel)) {
      return refuseSaying(
        'unknownMethod',
        refusal('unknownMethod', { method: JSON.stringify(String(channel).slice(0, 60)) }),
      );
    }
    const parsed = schemaOf(channel).safeParse(rawArgs, { error: codedByDefault });
    if (!parsed.success) {
      // The operator reads the schemas' own sentences; the method and field names go to the log only.
      const where = parsed.error.issues.map((issue) => issue.path.join('.') || '(argument)').join(', ');
      log.warn(`refused ${channel}: invalid ${where}`);
      return refuseArgument(parsed.error.issues);
    }
    try {
      const handler = handlers[channel] as (args: unknown, sender: Sender) => unknown;
      return { ok: true, value: await handler(parsed.data, sender) };
    } catch (error) {
      if (error instanceof OperatorError) return refuse(error.code, error.message, error.refusal);
      log.error(`${channel} failed unexpectedly`, error);
      return refuseSaying('internal', refusal('internalFault', {}));
    }
  };
}

function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/**
 * Our schemas speak in sentences a person can act on, or in codes the page words; each problem is
 * also filed under the setting it is about.
 */
function refuseArgument(issues: readonly z.core.$ZodIssue[]): { ok: false; error: IpcError } {
  const fields: Record<string, string> = {};
  const fieldRefusals: Record<string, Refusal> = {};
  const english = issues.map((issue) => {
    // Every coded check carries its code in its message (argument-said).
    const said = saidOf(issue);
    return { issue, said, words: sentence(said ? inEnglish(said) : issue.message) };
  });
  for (const { issue, said, words } of english) {
    const field = settingOf(issue.path);
    if (!field || field in fields) continue;
    fields[field] = words;
    if (said) fieldRefusals[field] = said;
  }
  const problems = [...new Set(english.map(({ words }) => words))].join(' ');
  // One coded problem is the whole refusal: the page words it where it shows no field beside it.
  const [only, ...others] = english;
  const said = only?.said && others.length === 0 ? { refusal: only.said } : {};
  const coded = Object.keys(fieldRefusals).length > 0 ? { fieldRefusals } : {};
  return {
    ok: false as const,
    error: { code: 'invalidArgument', message: `That was not accepted: ${problems}`, fields, ...coded, ...said },
  };
}

/** `['changes', 'myDevice']` → `myDevice`; `['board', 'contexts', 0]` → `board.contexts`. */
function settingOf(path: readonly PropertyKey[]): string | undefined {
  const named = path.filter((part): part is string => typeof part === 'string');
  const setting = named[0] === 'changes' ? named.slice(1) : named;
  return setting.length > 0 ? setting.join('.') : undefined;
}

function refuse(code: IpcErrorCode, message: string, said?: Refusal): { ok: false; error: IpcError } {
  return { ok: false, error: said ? { code, message, refusal: said } : { code, message } };
}

const refuseSaying = (code: GatekeeperErrorCode, said: Refusal) => refuse(code, inEnglish(said), said);

export type Dispatch = ReturnType<typeof createGatekeeper>;
