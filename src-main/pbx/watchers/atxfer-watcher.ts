import { refusal } from '../../../src-shared/refusals';
import type { PbxEvent } from '../calls/events';
import type { OutcomeWatcher, WatchFailure } from './watcher';

export type AtxferStage =
  | { readonly stage: 'waiting' }
  /** The PBX put the other person on hold and is calling the target: talk, then complete or cancel. */
  | { readonly stage: 'consulting' }
  | { readonly stage: 'transferred' }
  /** The consultation ended without a transfer (cancelled, or the target did not answer): back on the call. */
  | { readonly stage: 'returned' }
  | WatchFailure;

/** How long the PBX gets to show an attended transfer started before the console says it did not. */
export const ATXFER_EVIDENCE_WINDOW_MS = 3_000;

export interface AtxferWatchOptions {
  /** My channel, the one Atxfer was sent on. */
  readonly transfererUid: string;
  /** The others on the call (they get music on hold when it works). */
  readonly peerUids: readonly string[];
  /** The bridge my channel was in when Atxfer was sent: coming back to it means no transfer. */
  readonly origBridgeId: string | undefined;
  readonly startedAt: number;
  readonly windowMs?: number;
}

/**
 * Atxfer is acknowledged ("Atxfer successfully queued") even when the bridge has no transfer
 * feature and the digits just pass through as DTMF. So: success needs evidence within a few
 * seconds (hold, music on hold for the peer, a consultation dial, or the transfer itself).
 */
export class AtxferWatcher implements OutcomeWatcher<AtxferStage> {
  stage: AtxferStage = { stage: 'waiting' };

  constructor(private readonly options: AtxferWatchOptions) {}

  get done(): boolean {
    return this.stage.stage === 'transferred' || this.stage.stage === 'returned' || this.stage.stage === 'failed';
  }

  get transfererUid(): string {
    return this.options.transfererUid;
  }

  observe(event: PbxEvent, _now: number): AtxferStage | undefined {
    if (this.done) return undefined;
    const { transfererUid, peerUids } = this.options;
    switch (event.kind) {
      case 'hold':
        return event.onHold && event.uid === transfererUid ? this.move({ stage: 'consulting' }) : undefined;
      case 'musicOnHold':
        return event.playing && peerUids.includes(event.uid) ? this.move({ stage: 'consulting' }) : undefined;
      case 'dialBegin':
        return event.caller?.uid === transfererUid ? this.move({ stage: 'consulting' }) : undefined;
      case 'bridgeEnter':
        return this.stage.stage === 'consulting' &&
          event.channel.uid === transfererUid &&
          event.bridgeId === this.options.origBridgeId
          ? this.move({ stage: 'returned' })
          : undefined;
      case 'link': {
        // Asterisk 11 has no bridge ids: back talking with one of the others means no transfer.
        const pair = [event.a.uid, event.b.uid];
        const back = pair.includes(transfererUid) && pair.some((uid) => peerUids.includes(uid));
        return this.stage.stage === 'consulting' && back ? this.move({ stage: 'returned' }) : undefined;
      }
      case 'attendedTransfer':
        if (event.transfererUid !== undefined && event.transfererUid !== transfererUid) return undefined;
        return this.move(
          event.success
            ? { stage: 'transferred' }
            : {
                stage: 'failed',
                code: 'transferFailed',
                said: refusal('transferNotCompleted', {}),
              },
        );
      case 'hangup':
        if (event.uid !== transfererUid || this.stage.stage !== 'waiting') return undefined;
        return this.move({
          stage: 'failed',
          code: 'callEnded',
          said: refusal('callEndedBefore', { doing: 'transferred' }),
        });
      default:
        return undefined;
    }
  }

  tick(now: number): AtxferStage | undefined {
    if (this.stage.stage !== 'waiting') return undefined;
    if (now < this.options.startedAt + (this.options.windowMs ?? ATXFER_EVIDENCE_WINDOW_MS)) return undefined;
    return this.move({ stage: 'failed', code: 'noTransferFeature', said: refusal('noTransferFeature', {}) });
  }

  private move(stage: AtxferStage): AtxferStage | undefined {
    if (stage.stage === this.stage.stage) return undefined;
    this.stage = stage;
    return stage;
  }
}
