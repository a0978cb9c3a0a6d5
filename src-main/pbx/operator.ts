import type { DndMethod } from '../../src-shared/profile';

/**
 * The operator's settings for one session: the phone click-to-dial rings first, where numbers are
 * dialled, the parking lot, the recording file pattern. A login profile carries them.
 */
export interface SessionOperator {
  /** e.g. `PJSIP/200`; without it, dialling and attended transfer say what to set. */
  readonly myDevice?: string | undefined;
  readonly dialContext: string;
  readonly parkingLot: string;
  readonly recordingPattern: string;
  /** What reaches someone's voicemail, e.g. `*${exten}`. */
  readonly voicemailPattern: string;
  readonly dndMethod: DndMethod;
  /** Whether listening in (ChanSpy) is offered. */
  readonly listenIn: boolean;
}
