/**
 * Call flows over the model: dialling and answering devices, bridging, hangups, originate,
 * redirect, transfers, parking, the queue. Everything that waits uses the injected clock.
 */
import type { SimClock, TimerHandle } from './clock';
import type {
  DialStatus,
  HangupCause,
  Hint,
  SimParkedCall,
  SimModel,
  QueueMember,
  SimBridge,
  SimChannel,
  SimQueue,
} from './model';

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
  | { kind: 'park' }
  | { kind: 'pickup'; space: number }
  | { kind: 'application'; app: 'Echo' | 'Playback' | 'MusicOnHold' | 'VoiceMailMain' };

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

export type OriginateOutcome = { ok: true; queued: boolean; channel?: SimChannel } | { ok: false; message: string };

interface PendingDial {
  caller: SimChannel | undefined;
  dest: SimChannel;
  answerTimer: TimerHandle | undefined;
  timeoutTimer: TimerHandle | undefined;
  onAnswer: (dest: SimChannel) => void;
  onFail: (status: DialStatus) => void;
}

/** A queue caller talking to an agent, reported by AgentComplete when either hangs up. */
interface AgentCall {
  readonly queue: SimQueue;
  readonly member: QueueMember;
  readonly caller: SimChannel;
  readonly agent: SimChannel;
  readonly holdTime: number;
  readonly connectedAt: number;
}

/** An attended transfer in progress: the transferer talks to the target in its own bridge. */
interface Consultation {
  readonly transferer: SimChannel;
  readonly origBridge: SimBridge;
  readonly consultBridge: SimBridge;
  readonly target: SimChannel;
}

/** Parses `"Name" <number>`, `Name <number>` or a bare number. */
export function parseCallerId(value: string | undefined): { num?: string; name?: string } {
  if (!value) return {};
  const m = /^\s*"?([^"<]*?)"?\s*<([^>]*)>\s*$/.exec(value);
  if (m) return { name: m[1] || undefined, num: m[2] || undefined };
  return { num: value.trim() };
}

export class Telephony {
  private readonly pending = new Map<string, PendingDial>();
  /** Answered queue calls, by the caller's and by the agent's Uniqueid. */
  private readonly agentCalls = new Map<string, AgentCall>();
  /** Attended transfers in progress, by the transferer's Uniqueid. */
  private readonly consultations = new Map<string, Consultation>();
  private readonly parkTimers = new Map<number, TimerHandle>();
  private readonly timers = new Set<TimerHandle>();
  /** Devices that never answer (scenarios: a caller who gives up). */
  readonly noAnswer = new Set<string>();
  /** What the Atxfer action does: nothing without the bridge's transfer feature (as on the lab PBX), or an attended transfer. */
  atxfer: AtxferBehaviour = 'noFeature';
  answerDelayMs: number;
  parkingTimeoutMs: number;

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
    const memberDevices = new Set(model.queue.members.map((m) => m.interface));
    // A member who becomes free gets the next waiting caller.
    model.subscribe((event) => {
      if (
        event.kind === 'deviceState' &&
        event.state === 'NOT_INUSE' &&
        memberDevices.has(event.device) &&
        model.queue.callers.length > 0
      ) {
        this.later(0, () => this.distributeQueue());
      }
      // A queue call or a consultation that ended some other way (transferred, redirected) is forgotten.
      if (event.kind === 'hangup') {
        this.agentCalls.delete(event.channel.uniqueid);
        this.consultations.delete(event.channel.uniqueid);
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

  // ---- dialplan ---------------------------------------------------------------------------

  private readonly contexts: ReadonlySet<string>;

  knownContext(context: string): boolean {
    return this.contexts.has(context);
  }

  resolve(context: string, exten: string): DialplanTarget | undefined {
    if (!this.knownContext(context)) return undefined;
    const office = this.model.office;
    if (exten === office.huntGroupExten) {
      const hint = this.model.hintByExten(office.receptionExten);
      return hint ? { kind: 'extension', hint } : undefined;
    }
    if (exten === office.queue.exten) return { kind: 'queue' };
    if (exten === office.parking.parkExten) return { kind: 'park' };
    const n = Number(exten);
    if (/^\d+$/.test(exten) && n >= office.parking.firstSpace && n <= office.parking.lastSpace)
      return { kind: 'pickup', space: n };
    if (exten === '600') return { kind: 'application', app: 'Echo' };
    if (exten === '601') return { kind: 'application', app: 'Playback' };
    if (exten === '602') return { kind: 'application', app: 'MusicOnHold' };
    if (exten === '899') return { kind: 'application', app: 'VoiceMailMain' };
    const hint = this.model.hint(exten, context) ?? this.model.hintByExten(exten);
    return hint ? { kind: 'extension', hint } : undefined;
  }

  /** Device named by a dial string: `PJSIP/101`, `SIP/101`, `Local/101@internal/n`. */
  deviceForDialString(dialString: string): string | undefined {
    const local = /^Local\/([^@/]+)@([^/]+)/.exec(dialString);
    if (local) {
      const target = this.resolve(local[2]!, local[1]!);
      return target?.kind === 'extension' ? target.hint.device : undefined;
    }
    const m = /^(PJSIP|SIP)\/([^/@-]+)/i.exec(dialString);
    if (!m) return undefined;
    const device = `${this.model.tech}/${m[2]}`;
    return this.model.isKnownDevice(device) && !device.endsWith('/trunk') ? device : undefined;
  }

  /** Sends a channel into the dialplan at context/exten (after answer, redirect, transfer). */
  runDialplan(channel: SimChannel, context: string, exten: string): void {
    if (channel.hungUp) return;
    channel.context = context;
    channel.exten = exten;
    channel.priority = 1;
    const target = this.resolve(context, exten);
    if (!target) {
      this.hangup(channel, 16);
      return;
    }
    switch (target.kind) {
      case 'extension':
        this.dial(channel, target.hint, {
          onAnswer: (dest) => this.bridgeTogether(channel, dest),
          onFail: () => this.hangup(channel, 16),
        });
        return;
      case 'queue':
        // Queue() starts a moment after the channel enters the dialplan (after OriginateResponse, trace 16).
        this.later(0, () => !channel.hungUp && this.joinQueue(channel));
        return;
      case 'park':
        this.answerChannel(channel);
        this.park(channel, undefined, this.parkingTimeoutMs);
        return;
      case 'pickup':
        this.answerChannel(channel);
        if (!this.pickup(target.space, channel)) this.hangup(channel, 16);
        return;
      case 'application':
        channel.application = target.app;
        this.answerChannel(channel);
        return;
    }
  }

  answerChannel(channel: SimChannel): void {
    this.model.setChannelState(channel, 'Up');
  }

  // ---- dialling ---------------------------------------------------------------------------

  dial(
    caller: SimChannel | undefined,
    hint: Hint,
    handlers: {
      onAnswer: (dest: SimChannel) => void;
      onFail: (status: DialStatus) => void;
      /** Called once the callee channel exists, before DialBegin (AgentCalled comes first). */
      onCreated?: (dest: SimChannel) => void;
      timeoutMs?: number;
      /** No DialBegin/DialState: Asterisk reports only the DialEnd of a transfer target (trace 11). */
      withoutDialBegin?: true;
    },
  ): SimChannel | undefined {
    const model = this.model;
    // FreePBX's dialplan answers busy for an extension in DND.
    const resting = model.dndOn(hint) ? 'BUSY' : model.stateOf(hint.device);
    if (resting === 'UNAVAILABLE' || resting === 'INVALID') {
      handlers.onFail('CHANUNAVAIL');
      return undefined;
    }
    if (resting === 'BUSY') {
      handlers.onFail('BUSY');
      return undefined;
    }
    const dest = model.createChannel({
      device: hint.device,
      state: 'Down',
      context: hint.context,
      exten: hint.exten,
      callerIdNum: hint.exten,
      callerIdName: hint.name,
      connectedNum: caller?.callerIdNum,
      connectedName: caller?.callerIdName,
      linkedid: caller?.linkedid,
      application: 'AppDial',
      appData: '(Outgoing Line)',
    });
    if (caller) {
      caller.application = 'Dial';
      caller.appData = `${hint.device},30`;
    }
    handlers.onCreated?.(dest);
    const announced = !handlers.withoutDialBegin;
    if (announced)
      model.emit({ kind: 'dialBegin', caller, dest, dialString: hint.device.slice(hint.device.indexOf('/') + 1) });
    model.setChannelState(dest, 'Ringing');
    if (announced) model.emit({ kind: 'dialState', caller, dest, status: 'RINGING' });
    const pending: PendingDial = {
      caller,
      dest,
      answerTimer: undefined,
      timeoutTimer: undefined,
      onAnswer: handlers.onAnswer,
      onFail: handlers.onFail,
    };
    this.pending.set(dest.uniqueid, pending);
    if (!this.noAnswer.has(hint.device)) pending.answerTimer = this.later(this.answerDelayMs, () => this.answer(dest));
    pending.timeoutTimer = this.later(handlers.timeoutMs ?? 30_000, () => {
      this.endDial(pending, 'NOANSWER');
      this.model.leaveBridge(dest);
      this.model.destroyChannel(dest, 19);
      pending.onFail('NOANSWER');
    });
    return dest;
  }

  /** Stops a ringing dial; reports DialEnd unless the status is undefined. */
  private endDial(pending: PendingDial, status: DialStatus | undefined): void {
    this.cancel(pending.answerTimer);
    this.cancel(pending.timeoutTimer);
    this.pending.delete(pending.dest.uniqueid);
    if (status) this.model.emit({ kind: 'dialEnd', caller: pending.caller, dest: pending.dest, status });
  }

  /** The ringing device picks up now. */
  answer(dest: SimChannel): boolean {
    const pending = this.pending.get(dest.uniqueid);
    if (!pending || dest.hungUp) return false;
    this.model.setChannelState(dest, 'Up');
    this.endDial(pending, 'ANSWER');
    const caller = pending.caller;
    if (caller && !caller.hungUp) {
      if (caller.state !== 'Up') this.model.setChannelState(caller, 'Up');
      this.model.setConnectedLine(caller, dest.callerIdNum, dest.callerIdName);
    }
    pending.onAnswer(dest);
    return true;
  }

  bridgeTogether(caller: SimChannel, callee: SimChannel): void {
    if (caller.hungUp || callee.hungUp) return;
    const bridge = this.model.createBridge();
    this.model.enterBridge(bridge, callee);
    this.model.enterBridge(bridge, caller);
    callee.application = 'AppDial';
    caller.application = 'Dial';
  }

  /** Ringing dials this channel is part of (as caller or callee). */
  private pendingFor(channel: SimChannel): PendingDial[] {
    const found: PendingDial[] = [];
    for (const p of this.pending.values()) if (p.dest === channel || p.caller === channel) found.push(p);
    return found;
  }

  // ---- hangup -----------------------------------------------------------------------------

  hangup(channel: SimChannel, cause: HangupCause = 16): void {
    if (channel.hungUp) return;
    const model = this.model;
    const consultation = this.consultations.get(channel.uniqueid);
    if (consultation) {
      this.completeAttendedTransfer(consultation, cause);
      return;
    }
    const consulted = [...this.consultations.values()].find((c) => c.target === channel);
    if (consulted && !this.pending.has(channel.uniqueid)) {
      model.leaveBridge(channel);
      model.destroyChannel(channel, cause);
      this.returnFromConsultation(consulted);
      return;
    }
    for (const p of this.pendingFor(channel)) {
      if (p.dest === channel) {
        this.endDial(p, 'BUSY');
        model.leaveBridge(channel);
        model.destroyChannel(channel, cause);
        p.onFail('BUSY');
        return;
      }
      this.endDial(p, 'CANCEL');
      model.destroyChannel(p.dest, 16);
    }
    this.leaveQueue(channel, true);
    const parked = model.parkedByChannel(channel);
    if (parked) {
      this.releaseSpace(parked);
      model.emit({ kind: 'parkedCallGiveUp', parked });
      model.leaveBridge(channel);
      model.destroyChannel(channel, cause);
      return;
    }
    const bridge = channel.bridgeId ? model.bridges.get(channel.bridgeId) : undefined;
    if (!bridge || bridge.type !== 'basic') {
      if (bridge) model.leaveBridge(channel);
      model.destroyChannel(channel, cause);
      return;
    }
    const peers = model.bridgePeers(channel);
    model.leaveBridge(channel);
    for (const peer of peers) model.leaveBridge(peer);
    this.completeAgentCall(channel);
    model.destroyChannel(channel, cause);
    model.destroyBridgeIfEmpty(bridge);
    for (const peer of peers) this.hangup(peer, 16);
    this.distributeQueue();
  }

  // ---- originate --------------------------------------------------------------------------

  originate(req: OriginateRequest): Promise<OriginateOutcome> {
    const model = this.model;
    if (!req.channel.includes('/')) return Promise.resolve({ ok: false, message: 'Invalid channel' });
    if (req.exten !== undefined && !req.application) {
      if (!this.resolve(req.context ?? 'default', req.exten))
        return Promise.resolve({ ok: false, message: 'Extension does not exist.' });
    }
    const device = this.deviceForDialString(req.channel);
    const respond = (ok: boolean, reason: number, channel: SimChannel | undefined) => {
      if (!req.async) return;
      model.emit({
        kind: 'originateResponse',
        actionId: req.actionId,
        success: ok,
        channelName: channel?.name ?? req.channel,
        context: req.context ?? '',
        exten: req.exten ?? '',
        reason,
        uniqueid: channel?.uniqueid ?? '<unknown>',
        callerIdNum: req.callerIdNum ?? '<unknown>',
        callerIdName: req.callerIdName ?? '<unknown>',
      });
    };
    if (!device) {
      if (!req.async) return Promise.resolve({ ok: false, message: 'Originate failed' });
      this.later(0, () => respond(false, 0, undefined));
      return Promise.resolve({ ok: true, queued: true });
    }
    model.processedCalls++;
    return new Promise((resolve) => {
      const start = () => {
        const hint = model.hintsForDevice(device)[0];
        const resting = model.stateOf(device);
        if (!hint || resting === 'UNAVAILABLE' || resting === 'BUSY') {
          respond(false, resting === 'BUSY' ? 5 : 8, undefined);
          resolve({ ok: false, message: 'Originate failed' });
          return;
        }
        const channel = model.createChannel({
          device,
          state: 'Down',
          context: req.context ?? 'internal',
          exten: req.exten ?? 's',
          callerIdNum: req.callerIdNum,
          callerIdName: req.callerIdName,
          connectedNum: req.callerIdNum,
          connectedName: req.callerIdName,
          application: 'AppDial2',
          appData: '(Outgoing Line)',
        });
        model.emit({
          kind: 'dialBegin',
          caller: undefined,
          dest: channel,
          dialString: device.slice(device.indexOf('/') + 1),
        });
        model.setChannelState(channel, 'Ringing');
        model.emit({ kind: 'dialState', caller: undefined, dest: channel, status: 'RINGING' });
        for (const [name, value] of req.variables ?? []) channel.vars.set(name, value);
        const pending: PendingDial = {
          caller: undefined,
          dest: channel,
          answerTimer: undefined,
          timeoutTimer: undefined,
          onAnswer: () => {
            // Asterisk reports the answered originate once the dialplan has started (trace 07).
            if (req.application) {
              channel.application = req.application;
              channel.appData = req.data ?? '';
            } else {
              this.runDialplan(channel, req.context ?? 'internal', req.exten ?? 's');
            }
            respond(true, 4, channel);
            resolve({ ok: true, queued: false, channel });
          },
          onFail: (status) => {
            respond(false, status === 'NOANSWER' ? 3 : status === 'BUSY' ? 5 : 1, undefined);
            resolve({ ok: false, message: 'Originate failed' });
          },
        };
        this.pending.set(channel.uniqueid, pending);
        if (!this.noAnswer.has(device))
          pending.answerTimer = this.later(this.answerDelayMs, () => this.answer(channel));
        pending.timeoutTimer = this.later(req.timeoutMs, () => {
          // The originate's own dial gets no DialEnd when it times out, only the Hangup (trace 08).
          this.endDial(pending, undefined);
          model.destroyChannel(channel, 19);
          pending.onFail('NOANSWER');
        });
      };
      if (req.async) {
        this.later(0, start);
        resolve({ ok: true, queued: true });
      } else {
        start();
      }
    });
  }

  /** An outside event: `from` (an extension or an external number) calls `to`. */
  placeCall(from: string, to: string, options: { hangupAfterMs?: number } = {}): SimChannel {
    const model = this.model;
    const fromHint = model.hintByExten(from);
    const channel = fromHint
      ? model.createChannel({
          device: fromHint.device,
          state: 'Ring',
          context: fromHint.context,
          exten: to,
          callerIdNum: fromHint.exten,
          callerIdName: fromHint.name,
        })
      : model.createChannel({
          device: `${model.tech}/trunk`,
          state: 'Ring',
          context: 'from-external',
          exten: to,
          callerIdNum: from,
          callerIdName: from,
        });
    model.processedCalls++;
    this.runDialplan(channel, fromHint ? fromHint.context : 'internal', to);
    if (options.hangupAfterMs !== undefined) this.later(options.hangupAfterMs, () => this.hangup(channel, 16));
    return channel;
  }

  // ---- redirect and transfers ---------------------------------------------------------------

  /** Takes a channel out of its call; the other party of a two-party call is hung up. */
  private detach(channel: SimChannel, keep: SimChannel | undefined): void {
    const model = this.model;
    const parked = model.parkedByChannel(channel);
    if (parked) {
      this.releaseSpace(parked);
      model.leaveBridge(channel);
      return;
    }
    const bridge = channel.bridgeId ? model.bridges.get(channel.bridgeId) : undefined;
    if (!bridge) return;
    const peers = model.bridgePeers(channel).filter((p) => p !== keep);
    model.leaveBridge(channel);
    if (keep && keep.bridgeId === bridge.id) model.leaveBridge(keep);
    for (const peer of peers) model.leaveBridge(peer);
    for (const peer of peers) model.destroyChannel(peer, 16);
    model.destroyBridgeIfEmpty(bridge);
  }

  redirect(
    channel: SimChannel,
    context: string,
    exten: string,
    extra?: { channel: SimChannel; context: string; exten: string },
  ): void {
    this.detach(channel, extra?.channel);
    if (extra) this.detach(extra.channel, channel);
    this.runDialplan(channel, context, exten);
    if (extra) this.runDialplan(extra.channel, extra.context, extra.exten);
  }

  blindTransfer(transferer: SimChannel, context: string, exten: string): boolean {
    const model = this.model;
    const bridge = transferer.bridgeId ? model.bridges.get(transferer.bridgeId) : undefined;
    const transferee = model.bridgePeers(transferer)[0];
    if (!bridge || !transferee) return false;
    // Asterisk takes the transferer off hold before it leaves, held or not (trace 10).
    model.emit({ kind: 'unhold', channel: transferer });
    model.emit({ kind: 'blindTransfer', transferer, transferee, bridge, context, exten });
    model.leaveBridge(transferer);
    model.destroyChannel(transferer, 16);
    model.leaveBridge(transferee);
    model.destroyBridgeIfEmpty(bridge);
    this.runDialplan(transferee, context, exten);
    return true;
  }

  /** Whether Atxfer on this channel transfers: the PBX-wide setting, or the call was dialled with BRIDGE_FEATURES=T. */
  hasTransferFeature(channel: SimChannel): boolean {
    return this.atxfer === 'transfers' || /t/i.test(channel.vars.get('BRIDGE_FEATURES') ?? '');
  }

  /**
   * Atxfer with the transfer feature, as trace 11 part 2 recorded it: Hold on the transferer, a
   * consultation bridge with the target, the transferer moves there; when the transferer hangs up
   * the target is merged into the original bridge (BridgeMerge, AttendedTransfer). If the target
   * fails or hangs up first, the transferer returns to the original call.
   */
  attendedTransfer(
    transferer: SimChannel,
    context: string,
    exten: string,
    options: { hangUpAfterAnswerMs?: number } = {},
  ): boolean {
    const model = this.model;
    const target = this.resolve(context, exten);
    const origBridge = transferer.bridgeId ? model.bridges.get(transferer.bridgeId) : undefined;
    if (target?.kind !== 'extension' || origBridge?.type !== 'basic' || model.bridgePeers(transferer).length === 0)
      return false;
    if (this.consultations.has(transferer.uniqueid)) return false;
    // Asterisk reports the transferer as the one holding and plays music to the others; no
    // device-state change goes with it.
    model.emit({ kind: 'hold', channel: transferer });
    for (const waiting of model.bridgePeers(transferer))
      model.emit({ kind: 'musicOnHold', channel: waiting, playing: true });
    let consultation: Consultation | undefined;
    this.dial(undefined, target.hint, {
      withoutDialBegin: true,
      onCreated: (dest) => {
        const consultBridge = model.createBridge();
        model.enterBridge(consultBridge, dest);
        model.enterBridge(consultBridge, transferer);
        consultation = { transferer, origBridge, consultBridge, target: dest };
        this.consultations.set(transferer.uniqueid, consultation);
      },
      onAnswer: () => {
        if (options.hangUpAfterAnswerMs !== undefined)
          this.later(options.hangUpAfterAnswerMs, () => this.hangup(transferer, 16));
      },
      onFail: () => {
        if (consultation) this.returnFromConsultation(consultation);
      },
    });
    return consultation !== undefined;
  }

  /** The transferer hangs up: the target joins whoever waits in the original bridge. */
  private completeAttendedTransfer(consultation: Consultation, cause: HangupCause): void {
    const model = this.model;
    const { transferer, origBridge, consultBridge, target } = consultation;
    this.consultations.delete(transferer.uniqueid);
    const transferee = model.bridges.has(origBridge.id) ? origBridge.channels[0] : undefined;
    if (!transferee || target.hungUp) {
      this.hangup(transferer, cause);
      return;
    }
    model.emit({ kind: 'bridgeMerge', from: consultBridge, to: origBridge });
    model.enterBridge(origBridge, target);
    model.emit({ kind: 'musicOnHold', channel: transferee, playing: false });
    model.emit({ kind: 'attendedTransfer', transferer, transferee, target, origBridge, secondBridge: consultBridge });
    model.leaveBridge(transferer);
    model.destroyBridgeIfEmpty(consultBridge);
    model.destroyChannel(transferer, cause);
  }

  /** The target did not answer or hung up: the transferer is back with the transferee. */
  private returnFromConsultation(consultation: Consultation): void {
    const model = this.model;
    const { transferer, origBridge, consultBridge } = consultation;
    this.consultations.delete(transferer.uniqueid);
    if (transferer.hungUp) return;
    model.leaveBridge(transferer);
    model.destroyBridgeIfEmpty(consultBridge);
    if (!model.bridges.has(origBridge.id)) {
      this.hangup(transferer, 16);
      return;
    }
    for (const waiting of origBridge.channels) model.emit({ kind: 'musicOnHold', channel: waiting, playing: false });
    model.enterBridge(origBridge, transferer);
    model.emit({ kind: 'unhold', channel: transferer });
  }

  // ---- parking ----------------------------------------------------------------------------

  /** Parks a channel; returns the space, or undefined when the lot is full. */
  park(parkee: SimChannel, timeoutChannel: SimChannel | undefined, timeoutMs: number): number | undefined {
    const model = this.model;
    const space = model.freeParkingSpace();
    if (space === undefined) return undefined;
    const oldBridge = parkee.bridgeId ? model.bridges.get(parkee.bridgeId) : undefined;
    const peers = model.bridgePeers(parkee);
    if (oldBridge) model.leaveBridge(parkee);
    const parker = timeoutChannel ?? peers[0];
    const parked: SimParkedCall = {
      space,
      lot: model.office.parking.lot,
      parkee,
      parkerDialString: parker ? parker.device : '',
      timeoutSec: Math.round(timeoutMs / 1000),
      parkedAt: this.clock.now(),
    };
    model.parked.set(space, parked);
    model.emit({ kind: 'parkedCall', parked });
    model.enterBridge(model.parkingBridge, parkee);
    this.parkTimers.set(
      space,
      this.later(timeoutMs, () => this.parkingTimeout(parked)),
    );
    // The parker is left alone in the old bridge and hangs up shortly after (trace 12).
    for (const peer of peers) this.later(Math.min(this.answerDelayMs, 2600), () => this.hangup(peer, 16));
    return space;
  }

  private releaseSpace(parked: SimParkedCall): void {
    this.cancel(this.parkTimers.get(parked.space));
    this.parkTimers.delete(parked.space);
    this.model.parked.delete(parked.space);
  }

  private parkingTimeout(parked: SimParkedCall): void {
    const model = this.model;
    if (model.parked.get(parked.space) !== parked) return;
    this.releaseSpace(parked);
    const parkee = parked.parkee;
    model.leaveBridge(parkee);
    // Comeback (comebacktoorigin=no): the parkee dials reception. As on the lab PBX, the new
    // channel exists before ParkedCallTimeOut is reported and DialBegin follows it.
    let reported = false;
    const report = () => {
      if (!reported) model.emit({ kind: 'parkedCallTimeOut', parked });
      reported = true;
    };
    const reception = model.hintByExten(model.office.receptionExten);
    parkee.context = 'internal';
    parkee.exten = model.office.receptionExten;
    if (!reception) {
      report();
      this.hangup(parkee, 16);
      return;
    }
    this.dial(parkee, reception, {
      onCreated: report,
      onAnswer: (dest) => this.bridgeTogether(parkee, dest),
      onFail: () => {
        report();
        this.hangup(parkee, 16);
      },
    });
  }

  pickup(space: number, retriever: SimChannel): boolean {
    const model = this.model;
    const parked = model.parked.get(space);
    if (!parked) return false;
    this.releaseSpace(parked);
    model.emit({ kind: 'unparkedCall', parked, retriever });
    const bridge = model.createBridge();
    model.leaveBridge(parked.parkee);
    model.enterBridge(bridge, parked.parkee);
    model.enterBridge(bridge, retriever);
    return true;
  }

  // ---- queue ------------------------------------------------------------------------------

  joinQueue(channel: SimChannel): void {
    const queue = this.model.queue;
    this.answerChannel(channel);
    channel.application = 'Queue';
    channel.appData = queue.name;
    queue.callers.push({ channel, joinedAt: this.clock.now() });
    this.model.emit({ kind: 'queueCallerJoin', queue, channel, position: queue.callers.length });
    this.distributeQueue();
  }

  private leaveQueue(channel: SimChannel, abandoned: boolean): void {
    const queue = this.model.queue;
    const at = queue.callers.findIndex((e) => e.channel === channel);
    if (at < 0) return;
    const [entry] = queue.callers.splice(at, 1);
    if (abandoned) {
      queue.abandoned++;
      this.model.emit({
        kind: 'queueCallerAbandon',
        queue,
        channel,
        position: at + 1,
        holdTime: Math.round((this.clock.now() - entry!.joinedAt) / 1000),
      });
    }
    this.model.emit({ kind: 'queueCallerLeave', queue, channel, position: at + 1 });
  }

  /** Rings the first available member for the first waiting caller (ringall with one winner). */
  distributeQueue(): void {
    const model = this.model;
    const queue = model.queue;
    const entry = queue.callers[0];
    if (!entry || this.pendingFor(entry.channel).length > 0) return;
    const member = queue.members.find((m) => !m.paused && model.stateOf(m.interface) === 'NOT_INUSE');
    const hint = member && model.hintByExten(member.exten);
    if (!member || !hint) return;
    const caller = entry.channel;
    const ringStart = this.clock.now();
    this.dial(caller, hint, {
      timeoutMs: 15_000,
      onCreated: (dest) => model.emit({ kind: 'agentCalled', queue, member, caller, dest }),
      onAnswer: (agent) => {
        const holdTime = Math.round((this.clock.now() - entry.joinedAt) / 1000);
        this.leaveQueue(caller, false);
        member.callsTaken++;
        member.lastCall = Math.floor(this.clock.now() / 1000);
        queue.completed++;
        model.emit({
          kind: 'agentConnect',
          queue,
          member,
          caller,
          dest: agent,
          holdTime,
          ringTime: Math.round((this.clock.now() - ringStart) / 1000),
        });
        const call: AgentCall = { queue, member, caller, agent, holdTime, connectedAt: this.clock.now() };
        this.agentCalls.set(caller.uniqueid, call);
        this.agentCalls.set(agent.uniqueid, call);
        this.bridgeTogether(caller, agent);
      },
      onFail: () => {
        this.later(2000, () => this.distributeQueue());
      },
    });
  }

  /** The first of a queue call's two to hang up ends it (trace 16: after the leave, before the caller's Hangup). */
  private completeAgentCall(channel: SimChannel): void {
    const call = this.agentCalls.get(channel.uniqueid);
    if (!call) return;
    this.agentCalls.delete(call.caller.uniqueid);
    this.agentCalls.delete(call.agent.uniqueid);
    this.model.emit({
      kind: 'agentComplete',
      ...call,
      talkTime: Math.round((this.clock.now() - call.connectedAt) / 1000),
      reason: channel === call.caller ? 'caller' : 'agent',
    });
  }

  pauseMember(iface: string, paused: boolean, reason: string): boolean {
    const member = this.model.queue.members.find(
      (m) => m.interface.toLowerCase() === iface.toLowerCase() || `Local/${m.exten}@phones` === iface,
    );
    if (!member) return false;
    member.paused = paused;
    member.pausedReason = paused ? reason : '';
    member.lastPause = Math.floor(this.clock.now() / 1000);
    this.model.emit({ kind: 'queueMemberPause', queue: this.model.queue, member });
    if (!paused) this.distributeQueue();
    return true;
  }
}
