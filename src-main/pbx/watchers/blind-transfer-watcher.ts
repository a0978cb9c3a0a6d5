import type { PbxEvent } from '../calls/events';
import type { WatchFailureCode } from '../../../src-shared/error-codes';
import type { MovedPerson, UnansweredHow } from '../../../src-shared/main-said';
import { refusal, type Refusal } from '../../../src-shared/refusals';
import type { OutcomeWatcher, WatchFailure } from './watcher';

/** A blind transfer as the operator hears of it: sent → ringing at the target → transferred (answered). */
export type BlindTransferStage =
  { readonly stage: 'waiting' } | { readonly stage: 'ringing' } | { readonly stage: 'transferred' } | WatchFailure;

/** How long the PBX gets to show the moved person dialling the target before the console says it did not. */
export const TRANSFER_EVIDENCE_WINDOW_MS = 5_000;
/** After the target's dial ended without an answer: how long to wait to see where the person went. */
const AFTERMATH_MS = 3_000;

export interface BlindTransferWatchOptions {
  /** The channel of the person being moved: the PBX keeps it through Redirect and BlindTransfer. */
  readonly movedUid: string;
  /** The moved person as the board names them ("105 Emma Fischer"), for what the page says. */
  readonly moved: MovedPerson;
  readonly target: string;
  /** Whether a channel is the operator's own phone (the moved person coming back to me). */
  readonly isMine: (channelName: string) => boolean;
  readonly startedAt: number;
  readonly windowMs?: number;
}

/** The target's DialStatus, as the page says it; any other status is `noAnswer`. */
const NOT_ANSWERED: Readonly<Record<string, UnansweredHow>> = {
  BUSY: 'busy',
  CHANUNAVAIL: 'unreachable',
  CONGESTION: 'unreachable',
};

/**
 * The acknowledgement of Redirect or BlindTransfer says only that the PBX took the request. This
 * follows the moved person's channel: it dials the target (ringing), the target answers
 * (transferred); or the person hangs up, or the dial ends unanswered and the person hangs up or
 * comes back to my phone. Each is said as it happened.
 */
export class BlindTransferWatcher implements OutcomeWatcher<BlindTransferStage> {
  stage: BlindTransferStage = { stage: 'waiting' };
  /** The target's dial ended unanswered with this status, at this time: what happens next tells the rest. */
  private unanswered: { readonly status: string; readonly at: number } | undefined;
  private readonly bridgeOf = new Map<string, string>();
  private readonly mineUids = new Set<string>();

  constructor(private readonly options: BlindTransferWatchOptions) {}

  get done(): boolean {
    return this.stage.stage === 'transferred' || this.stage.stage === 'failed';
  }

  observe(event: PbxEvent, now: number): BlindTransferStage | undefined {
    if (this.done) return undefined;
    const { movedUid, moved, target } = this.options;
    switch (event.kind) {
      case 'dialBegin':
        if (event.caller?.uid !== movedUid) return undefined;
        if (this.unanswered && this.options.isMine(event.dest.name))
          return this.fail('returned', refusal('ringingBackAtYou', { ...this.notAnswered(), moved }));
        return this.unanswered ? undefined : this.move({ stage: 'ringing' });
      case 'dialEnd':
        if (event.callerUid !== movedUid || this.unanswered) return undefined;
        if (event.status.toUpperCase() === 'ANSWER') return this.move({ stage: 'transferred' });
        // CANCEL: the person being moved hung up while the target rang; their hangup says so.
        if (event.status.toUpperCase() !== 'CANCEL') this.unanswered = { status: event.status.toUpperCase(), at: now };
        return undefined;
      case 'link':
        if (![event.a.uid, event.b.uid].includes(movedUid)) return undefined;
        if (this.unanswered)
          return this.options.isMine(event.a.name) || this.options.isMine(event.b.name) ? this.backWithMe() : undefined;
        return this.stage.stage === 'ringing' ? this.move({ stage: 'transferred' }) : undefined;
      case 'bridgeEnter':
        if (event.holding) return undefined;
        this.bridgeOf.set(event.channel.uid, event.bridgeId);
        if (this.options.isMine(event.channel.name)) this.mineUids.add(event.channel.uid);
        return this.unanswered && this.withMe() ? this.backWithMe() : undefined;
      case 'bridgeLeave':
        this.bridgeOf.delete(event.uid);
        return undefined;
      case 'hangup':
        if (event.uid !== movedUid) return undefined;
        if (this.unanswered)
          return this.fail('notAnswered', refusal('endedAfterUnanswered', { ...this.notAnswered(), moved }));
        if (this.stage.stage === 'ringing')
          return this.fail('hungUp', refusal('hungUpWhileRinging', { target, moved }));
        return this.fail('hungUp', refusal('hungUpBeforeTransfer', { moved }));
      default:
        return undefined;
    }
  }

  tick(now: number): BlindTransferStage | undefined {
    if (this.unanswered) {
      return now >= this.unanswered.at + AFTERMATH_MS
        ? this.fail('notAnswered', refusal('transferUnanswered', this.notAnswered()))
        : undefined;
    }
    if (this.stage.stage !== 'waiting') return undefined;
    if (now < this.options.startedAt + (this.options.windowMs ?? TRANSFER_EVIDENCE_WINDOW_MS)) return undefined;
    const { target, moved } = this.options;
    return this.fail('noEvidence', refusal('noRingingSeen', { target, moved }));
  }

  /** Who did not answer, and how. */
  private notAnswered(): { target: string; how: UnansweredHow } {
    return { target: this.options.target, how: NOT_ANSWERED[this.unanswered?.status ?? ''] ?? 'noAnswer' };
  }

  private withMe(): boolean {
    const movedBridge = this.bridgeOf.get(this.options.movedUid);
    return movedBridge !== undefined && [...this.mineUids].some((uid) => this.bridgeOf.get(uid) === movedBridge);
  }

  private backWithMe(): BlindTransferStage | undefined {
    return this.fail('returned', refusal('backWithYou', { ...this.notAnswered(), moved: this.options.moved }));
  }

  private fail(code: WatchFailureCode, said: Refusal): BlindTransferStage | undefined {
    return this.move({ stage: 'failed', code, said });
  }

  private move(stage: BlindTransferStage): BlindTransferStage | undefined {
    if (stage.stage === this.stage.stage) return undefined;
    this.stage = stage;
    return stage;
  }
}
