import { refusal, type Refusal } from '../../../src-shared/refusals';
import type { PbxEvent } from '../calls/events';
import type { OutcomeWatcher, WatchFailure } from './watcher';

/** A dial from my phone, as the UI shows it: calling your phone → ringing the target → connected. */
export type OriginateStage =
  | { readonly stage: 'callingYou' }
  | { readonly stage: 'ringing' }
  | { readonly stage: 'connected' }
  | { readonly stage: 'ended' }
  | WatchFailure;

/** OriginateResponse `Reason` (the first leg, my phone), as the page says it. */
function originateFailure(reason: number, myDevice: string): Refusal {
  switch (reason) {
    case 0:
      return refusal('couldNotCallYou', { myDevice });
    case 1:
      return refusal('yourPhoneHungUp', {});
    case 3:
      return refusal('yourPhoneNotAnswered', {});
    case 5:
      return refusal('yourPhoneBusy', {});
    case 8:
      return refusal('yourPhoneUnreachable', { myDevice });
    default:
      return refusal('callNotPlaced', { pbxReason: String(reason) });
  }
}

/** DialStatus of the second leg (the target), as the page says it. */
function dialFailure(status: string, target: string): Refusal {
  switch (status.toUpperCase()) {
    case 'BUSY':
      return refusal('targetBusy', { target });
    case 'NOANSWER':
      return refusal('targetNoAnswer', { target });
    case 'CANCEL':
      return refusal('callCancelled', {});
    case 'CONGESTION':
    case 'CHANUNAVAIL':
      return refusal('targetUnreachable', { target });
    default:
      return status ? refusal('callToFailed', { target, status }) : refusal('callToFailedUnsaid', { target });
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
          { stage: 'failed', code: 'targetFailed', said: dialFailure(event.status, this.options.target) },
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
            : { stage: 'failed', code: 'hungUp', said: refusal('endedBeforeAnswer', { target: this.options.target }) },
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
      said: refusal('noOriginateResponse', {}),
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
        said: originateFailure(event.reason, myDevice),
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
