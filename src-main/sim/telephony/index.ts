/**
 * Call flows over the model: dialling and answering devices, bridging, hangups, originate,
 * redirect, transfers, parking, the queue. Everything that waits uses the injected clock.
 * This class holds the flows' shared state; each flow lives in its own module.
 */
import type { SimClock, TimerHandle } from '../clock';
import type { DialplanAddress, HangupCause, Hint, QueueMember, SimModel, SimChannel } from '../model';
import { answer, bridgeTogether, dial } from './dialling';
import { deviceForDialString, resolve, runDialplan } from './dialplan';
import { hangup } from './hangup';
import { originate, placeCall } from './originate';
import { park, pickup } from './parking';
import {
  addMember,
  distributeQueue,
  joinQueue,
  memberByInterface,
  pauseMember,
  removeMember,
  type MemberRemoval,
} from './queue';
import { attendedTransfer, blindTransfer, hasTransferFeature, redirect } from './transfers';
import type {
  AgentCall,
  AtxferBehaviour,
  AtxferOptions,
  Consultation,
  DialplanTarget,
  OriginateOutcome,
  OriginateRequest,
  PendingDial,
  PlaceCallOptions,
  TelephonyOptions,
} from './types';

export { parseCallerId } from './caller-id';
export type { AtxferBehaviour, OriginateRequest, PlaceCallOptions } from './types';

export class Telephony {
  readonly pending = new Map<string, PendingDial>();
  /** Answered queue calls, by the caller's and by the agent's Uniqueid. */
  readonly agentCalls = new Map<string, AgentCall>();
  /** Attended transfers in progress, by the transferer's Uniqueid. */
  readonly consultations = new Map<string, Consultation>();
  /** ChanSpy sessions, by the spyer's Uniqueid. */
  readonly spies = new Map<string, { readonly spyer: SimChannel; readonly spyee: SimChannel }>();
  readonly parkTimers = new Map<number, TimerHandle>();
  private readonly timers = new Set<TimerHandle>();
  /** Devices that never answer (scenarios: a caller who gives up). */
  readonly noAnswer = new Set<string>();
  /** What the Atxfer action does: nothing without the bridge's transfer feature (as on the lab PBX), or an attended transfer. */
  atxfer: AtxferBehaviour = 'noFeature';
  answerDelayMs: number;
  parkingTimeoutMs: number;
  private readonly contexts: ReadonlySet<string>;

  constructor(
    readonly model: SimModel,
    private readonly options: TelephonyOptions,
  ) {
    this.answerDelayMs = options.answerDelayMs;
    this.parkingTimeoutMs = options.parkingTimeoutMs;
    this.contexts = new Set([
      'internal',
      'from-external',
      'parkedcalls',
      ...model.office.extensions.map((e) => e.context),
    ]);
    // A member who becomes free gets the next waiting caller.
    model.subscribe((event) => {
      if (
        event.kind === 'deviceState' &&
        event.state === 'NOT_INUSE' &&
        model.queue.members.some((member) => member.stateInterface === event.device) &&
        model.queue.callers.length > 0
      ) {
        this.later(0, () => this.distributeQueue());
      }
      // A queue call or a consultation that ended some other way (transferred, redirected) is forgotten.
      if (event.kind === 'hangup') {
        this.agentCalls.delete(event.channel.uniqueid);
        this.consultations.delete(event.channel.uniqueid);
        // One half of a Local pair gone takes the other with it, a moment later (trace 07).
        const peer = event.channel.localPeer;
        if (peer && !peer.hungUp) this.later(0, () => this.hangup(peer, event.cause));
      }
    });
  }

  get clock(): SimClock {
    return this.options.clock;
  }

  /** Schedules work on the simulator's clock; cancelled by stopAll(). */
  later(ms: number, fn: () => void): TimerHandle {
    const handle = this.clock.setTimer(ms, () => {
      this.timers.delete(handle);
      fn();
    });
    this.timers.add(handle);
    return handle;
  }

  cancel(handle: TimerHandle | undefined): void {
    if (!handle) return;
    this.timers.delete(handle);
    this.clock.clearTimer(handle);
  }

  stopAll(): void {
    for (const t of this.timers) this.clock.clearTimer(t);
    this.timers.clear();
    this.pending.clear();
    this.parkTimers.clear();
    this.agentCalls.clear();
    this.consultations.clear();
  }

  knownContext(context: string): boolean {
    return this.contexts.has(context);
  }

  answerChannel(channel: SimChannel): void {
    this.model.setChannelState(channel, 'Up');
  }

  // ---- the flows, one module each ---------------------------------------------------------

  resolve(context: string, exten: string): DialplanTarget | undefined {
    return resolve(this, context, exten);
  }

  deviceForDialString(dialString: string): string | undefined {
    return deviceForDialString(this, dialString);
  }

  runDialplan(channel: SimChannel, context: string, exten: string): void {
    runDialplan(this, channel, context, exten);
  }

  dial(caller: SimChannel | undefined, hint: Hint, handlers: Parameters<typeof dial>[3]): SimChannel | undefined {
    return dial(this, caller, hint, handlers);
  }

  answer(dest: SimChannel): boolean {
    return answer(this, dest);
  }

  bridgeTogether(caller: SimChannel, callee: SimChannel): void {
    bridgeTogether(this, caller, callee);
  }

  hangup(channel: SimChannel, cause: HangupCause = 16): void {
    hangup(this, channel, cause);
  }

  originate(req: OriginateRequest): Promise<OriginateOutcome> {
    return originate(this, req);
  }

  placeCall(from: string, to: string, options: PlaceCallOptions = {}): SimChannel {
    return placeCall(this, from, to, options);
  }

  redirect(channel: SimChannel, to: DialplanAddress, extra?: Parameters<typeof redirect>[3]): void {
    redirect(this, channel, to, extra);
  }

  blindTransfer(transferer: SimChannel, to: DialplanAddress): boolean {
    return blindTransfer(this, transferer, to);
  }

  hasTransferFeature(channel: SimChannel): boolean {
    return hasTransferFeature(this, channel);
  }

  attendedTransfer(transferer: SimChannel, to: DialplanAddress, options: AtxferOptions = {}): boolean {
    return attendedTransfer(this, transferer, to, options);
  }

  park(parkee: SimChannel, timeoutChannel: SimChannel | undefined, timeoutMs: number): number | undefined {
    return park(this, parkee, timeoutChannel, timeoutMs);
  }

  pickup(space: number, retriever: SimChannel): boolean {
    return pickup(this, space, retriever);
  }

  joinQueue(channel: SimChannel): void {
    joinQueue(this, channel);
  }

  distributeQueue(): void {
    distributeQueue(this);
  }

  pauseMember(iface: string, paused: boolean, reason: string): boolean {
    return pauseMember(this, iface, paused, reason);
  }

  memberByInterface(iface: string): QueueMember | undefined {
    return memberByInterface(this, iface);
  }

  addMember(member: Parameters<typeof addMember>[1]): 'added' | 'alreadyThere' {
    return addMember(this, member);
  }

  removeMember(iface: string): MemberRemoval {
    return removeMember(this, iface);
  }
}
