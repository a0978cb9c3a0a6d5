import type { AmiHeader } from '../../ami/message';
import type { ModelEvent, SimModel } from '../model';

export type SimDialect = 'asterisk-11' | 'asterisk-18' | 'asterisk-22';

/** One AMI event ready to send, with the class a user must be allowed to read. */
export interface RenderedEvent {
  readonly name: string;
  readonly eventClass: EventClass;
  readonly headers: readonly AmiHeader[];
}

export type EventClass = 'system' | 'call' | 'agent' | 'user' | 'security' | 'reporting' | 'dialplan';

export interface RenderContext {
  readonly model: SimModel;
  readonly now: number;
}

/** Everything that differs between the Asterisk versions the simulator speaks. */
export interface DialectProfile {
  readonly id: SimDialect;
  readonly amiVersion: string;
  readonly asteriskVersion: string;
  readonly tech: 'PJSIP' | 'SIP';
  /** Monitor, StopMonitor, PauseMonitor, UnpauseMonitor, ChangeMonitor exist. */
  readonly hasMonitor: boolean;
  /** MixMonitor*, BlindTransfer action, ExtensionStateList, DeviceStateList, BridgeList, PresenceStateList. */
  readonly modernActions: boolean;
  /** `Output:` headers (14+) or `Response: Follows` … `--END COMMAND--`. */
  readonly commandStyle: 'output' | 'follows';
  /** Events carry SystemName and Timestamp (timestampevents = yes in the lab). */
  readonly timestamps: boolean;
  render(event: ModelEvent, ctx: RenderContext): RenderedEvent[];
}
