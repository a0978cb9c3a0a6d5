import type { PbxEvent } from '../calls/events';
import type { OutcomeWatcher, WatchFailure } from './watcher';

/** A dial from my phone, as the UI shows it: calling your phone → ringing the target → connected. */
export type OriginateStage =
  | { readonly stage: 'callingYou' }
  | { readonly stage: 'ringing' }
  | { readonly stage: 'connected' }
  | { readonly stage: 'ended' }
  | WatchFailure;

/** OriginateResponse `Reason` (the first leg, my phone) in plain words. */
export function originateFailureMessage(reason: number, myDevice: string): string {
  switch (reason) {
    case 0:
      return `The PBX could not call your phone (${myDevice}), or the number does not exist. Check "my device" in your profile and the number dialled.`;
    case 1:
      return 'Your phone hung up before the call was placed. Try again and answer when it rings.';
    case 3:
      return 'Your phone rang but was not answered in time. Try again and answer your phone when it rings.';
    case 5:
      return 'Your phone is busy. Finish the call you are on, then try again.';
    case 8:
      return `Your phone (${myDevice}) could not be reached: it may be offline or not registered. Check it, then try again.`;
    default:
      return `The PBX could not place the call (reason ${reason}). Try again; if it keeps failing, ask your PBX admin.`;
  }
}

/** DialStatus of the second leg (the target) in plain words. */
function dialFailureMessage(status: string, target: string): string {
  switch (status.toUpperCase()) {
    case 'BUSY':
      return `${target} is busy.`;
    case 'NOANSWER':
      return `${target} did not answer.`;
    case 'CANCEL':
      return 'The call was cancelled before it was answered.';
    case 'CONGESTION':
    case 'CHANUNAVAIL':
      return `${target} could not be reached: it may be offline. Try again later.`;
    default:
      return `The call to ${target} failed (${status || 'no reason given'}).`;
  }
}

/** Time after the originate timeout within which the PBX must have answered. */
const RESPONSE_GRACE_MS = 5_000;

export interface OriginateWatchOptions {
  /** ActionID of the Originate (from its response); OriginateResponse carries it. */
  readonly actionId: string | undefined;
  readonly myDevice: string;
  readonly target: string;
  readonly startedAt: number;
  readonly timeoutMs: number;
}

/**
 * Follows an async Originate: "successfully queued" means nothing yet. OriginateResponse tells
 * whether my phone answered (it can arrive after the second leg's DialBegin, so those events are
 * remembered by channel until it does), then the second leg's DialEnd or bridge tells the rest.
 */
export class OriginateWatcher implements OutcomeWatcher<OriginateStage> {
  stage: OriginateStage = { stage: 'callingYou' };
  private uid: string | undefined;
  private readonly earlier = new Map<string, OriginateStage>();

  constructor(private readonly options: OriginateWatchOptions) {}

  get done(): boolean {
    return this.stage.stage === 'connected' || this.stage.stage === 'failed' || this.stage.stage === 'ended';
  }

  observe(event: PbxEvent, _now: number): OriginateStage | undefined {
    if (this.done && this.stage.stage !== 'connected') return undefined;
    if (event.kind === 'originateResponse') return this.onResponse(event);
    const uid = this.uid;
    const seen = (stage: OriginateStage, channelUid: string | undefined) => {
      if (channelUid === undefined) return undefined;
      if (uid === undefined) {
        this.earlier.set(channelUid, stage);
        return undefined;
      }
      return channelUid === uid ? this.move(stage) : undefined;
    };
    switch (event.kind) {
      case 'dialBegin':
        return seen({ stage: 'ringing' }, event.caller?.uid);
      case 'dialEnd':
        if (event.status.toUpperCase() === 'ANSWER') return seen({ stage: 'connected' }, event.callerUid);
        return seen(
          { stage: 'failed', code: 'targetFailed', message: dialFailureMessage(event.status, this.options.target) },
          event.callerUid,
        );
      case 'bridgeEnter':
        // Picking up a parked call has no Dial: my channel is bridged straight to the parkee.
        return seen({ stage: 'connected' }, event.channel.uid);
      case 'link':
        return seen({ stage: 'connected' }, event.a.uid) ?? seen({ stage: 'connected' }, event.b.uid);
      case 'hangup':
        if (event.uid !== uid) return undefined;
        return this.move(
          this.stage.stage === 'connected'
            ? { stage: 'ended' }
            : { stage: 'failed', code: 'hungUp', message: `The call ended before ${this.options.target} answered.` },
        );
      default:
        return undefined;
    }
  }

  tick(now: number): OriginateStage | undefined {
    if (this.stage.stage !== 'callingYou') return undefined;
    if (now < this.options.startedAt + this.options.timeoutMs + RESPONSE_GRACE_MS) return undefined;
    return this.move({
      stage: 'failed',
      code: 'noResponse',
      message: 'The PBX never said whether your phone answered. Check the call list before dialling again.',
    });
  }

  private onResponse(event: Extract<PbxEvent, { kind: 'originateResponse' }>): OriginateStage | undefined {
    const { actionId, myDevice } = this.options;
    const ours = actionId !== undefined ? event.actionId === actionId : event.channel.startsWith(myDevice);
    if (!ours || this.stage.stage !== 'callingYou') return undefined;
    if (!event.success) {
      return this.move({
        stage: 'failed',
        code: `reason${event.reason}`,
        message: originateFailureMessage(event.reason, myDevice),
      });
    }
    this.uid = event.uid;
    const already = event.uid !== undefined ? this.earlier.get(event.uid) : undefined;
    this.earlier.clear();
    return this.move(already ?? { stage: 'ringing' });
  }

  private move(stage: OriginateStage): OriginateStage | undefined {
    if (stage.stage === this.stage.stage) return undefined;
    this.stage = stage;
    return stage;
  }
}
