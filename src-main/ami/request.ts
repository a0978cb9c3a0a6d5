import { AmiActionError, type AmiActionErrorCode } from './action-error';
import type { AmiHeader, AmiMessage } from './message';
import { serializeAction } from './serialize';

export interface ListResult {
  response: AmiMessage;
  items: AmiMessage[];
  complete: AmiMessage | undefined;
}

/** What an action waits for: its response alone, or its response and the list of events it announces. */
export type ReplyShape = 'response' | 'list';

/**
 * `queued`: not written (waiting for login or for the socket to drain); `sent`: written, no reply yet;
 * `settled`: resolved or rejected.
 */
export type RequestPhase = 'queued' | 'sent' | 'settled';

type Outcome<S extends ReplyShape> = S extends 'list' ? ListResult : AmiMessage;

const WILL_FOLLOW = /will follow/i;

/** One action from the caller's call to its outcome, with its own deadline. */
export class ActionRequest<S extends ReplyShape = ReplyShape> {
  phase: RequestPhase = 'queued';
  readonly promise: Promise<Outcome<S>>;
  /** Called once when the request settles, so whoever holds it can let go. */
  onSettled: (() => void) | undefined;

  private resolvePromise!: (value: Outcome<S>) => void;
  private rejectPromise!: (error: AmiActionError) => void;
  private readonly timer: NodeJS.Timeout;
  private response: AmiMessage | undefined;
  private readonly items: AmiMessage[] = [];

  constructor(
    readonly action: string,
    readonly headers: readonly AmiHeader[],
    readonly shape: S,
    private readonly timeoutMs: number,
  ) {
    this.promise = new Promise<Outcome<S>>((resolve, reject) => {
      this.resolvePromise = resolve;
      this.rejectPromise = reject;
    });
    this.timer = setTimeout(() => this.expire(), timeoutMs);
  }

  /** The bytes to write under this ActionID. Throws AmiInjectionError. */
  encode(actionId: string): Buffer {
    return serializeAction(this.action, this.headers, actionId);
  }

  acceptResponse(response: AmiMessage): void {
    if (this.phase === 'settled') return;
    if (this.shape === 'response' || !announcesList(response)) {
      this.settle(() => this.resolvePromise(this.result(response)));
      return;
    }
    this.response = response;
  }

  /** An event carrying this request's ActionID: a list item, or the list's closing event. */
  acceptListEvent(event: AmiMessage): void {
    if (this.phase === 'settled') return;
    if (isListEnd(event)) {
      const response = this.response ?? event;
      this.settle(() => this.resolvePromise({ response, items: this.items, complete: event } as Outcome<S>));
      return;
    }
    this.items.push(event);
  }

  fail(code: AmiActionErrorCode, message: string): void {
    this.settle(() => this.rejectPromise(new AmiActionError(code, this.action, message, this.items)));
  }

  private result(response: AmiMessage): Outcome<S> {
    if (this.shape === 'response') return response as Outcome<S>;
    const empty: ListResult = { response, items: [], complete: undefined };
    return empty as Outcome<S>;
  }

  private expire(): void {
    if (this.phase === 'queued') {
      this.fail(
        'notSent',
        `${this.action} was not sent: the PBX was not ready to take it within ${seconds(this.timeoutMs)}.`,
      );
    } else {
      this.fail('timeout', `The PBX did not answer ${this.action} within ${seconds(this.timeoutMs)}.`);
    }
  }

  private settle(deliver: () => void): void {
    if (this.phase === 'settled') return;
    this.phase = 'settled';
    clearTimeout(this.timer);
    deliver();
    this.onSettled?.();
    this.onSettled = undefined;
  }
}

/** A list action's response announces items with `EventList: start` (modern) or "... will follow" (old). */
function announcesList(response: AmiMessage): boolean {
  if (response.response?.toLowerCase() === 'error') return false;
  const eventList = response.get('EventList');
  if (eventList !== undefined) return eventList.toLowerCase() === 'start';
  return WILL_FOLLOW.test(response.get('Message') ?? '');
}

/** Modern lists end with `EventList: Complete`; old ones with an event named `…Complete`. */
function isListEnd(event: AmiMessage): boolean {
  const eventList = event.get('EventList');
  if (eventList !== undefined) return eventList.toLowerCase() === 'complete';
  return event.event?.endsWith('Complete') ?? false;
}

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}
