import type { TimerHandle, SimClock } from '../clock';
import type { OfficeRingGroup } from '../office';
import type { QueueCallParties, DialStatus, Hint, SimBridge, SimChannel } from '../model';

export type AtxferBehaviour = 'noFeature' | 'transfers';

export interface TelephonyOptions {
  clock: SimClock;
  /** How long a device rings before it answers. */
  answerDelayMs: number;
  /** Default parking timeout. */
  parkingTimeoutMs: number;
}

export type DialplanTarget =
  | { kind: 'extension'; hint: Hint }
  | { kind: 'queue' }
  | { kind: 'ringGroup'; group: OfficeRingGroup }
  | { kind: 'park' }
  | { kind: 'pickup'; space: number }
  | { kind: 'application'; app: 'Echo' | 'Playback' | 'MusicOnHold' | 'VoiceMailMain' | 'VoiceMail' };

export interface OriginateRequest {
  channel: string;
  context?: string;
  exten?: string;
  application?: string;
  data?: string;
  timeoutMs: number;
  callerIdNum?: string;
  callerIdName?: string;
  async: boolean;
  actionId: string | undefined;
  /** Channel variables set on the originated channel (`Variable: BRIDGE_FEATURES=T`). */
  variables?: ReadonlyMap<string, string>;
}

/** A call placed by an outside event (a scenario, a test): its caller hangs up this long after it is placed. */
export interface PlaceCallOptions {
  readonly hangupAfterMs?: number;
}

/** An attended transfer a scenario plays out: the transferer completes it by hanging up this long after the answer. */
export interface AtxferOptions {
  readonly hangUpAfterAnswerMs?: number;
}

export type OriginateOutcome = { ok: true; queued: boolean; channel?: SimChannel } | { ok: false; message: string };

export interface PendingDial {
  caller: SimChannel | undefined;
  dest: SimChannel;
  answerTimer: TimerHandle | undefined;
  timeoutTimer: TimerHandle | undefined;
  onAnswer: (dest: SimChannel) => void;
  onFail: (status: DialStatus) => void;
  /** The phone behind a Local channel picks up first. */
  answerPhone?: () => void;
  /** Runs once the answering channel is Up, before its DialEnd ANSWER (Dial hangs up its other legs first). */
  onAnswering?: (dest: SimChannel) => void;
}

/** A queue caller talking to an agent, reported by AgentComplete when either hangs up. */
export interface AgentCall extends QueueCallParties {
  readonly holdTime: number;
  readonly connectedAt: number;
}

/** An attended transfer in progress: the transferer talks to the target in its own bridge. */
export interface Consultation {
  readonly transferer: SimChannel;
  readonly origBridge: SimBridge;
  readonly consultBridge: SimBridge;
  readonly target: SimChannel;
}
