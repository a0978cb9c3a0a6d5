/**
 * The simulated PBX's own truth: devices, hints, channels, bridges, the parking lot, the queue,
 * mailboxes and presence. Pure state plus transitions; every transition reports what changed as
 * a ModelEvent (dialect renderers turn those into AMI events). No timers here: call flows that
 * wait live in telephony/.
 */
import { CHANNEL_STATE } from '../ami/channel-state';
import type { OfficeDirectory } from './office';

export type DeviceState =
  'UNKNOWN' | 'NOT_INUSE' | 'INUSE' | 'BUSY' | 'INVALID' | 'UNAVAILABLE' | 'RINGING' | 'RINGINUSE' | 'ONHOLD';

/** Device state numbers as Asterisk reports them (queue members, DeviceStateChange). */
export const DEVICE_STATE_CODE: Record<DeviceState, number> = {
  UNKNOWN: 0,
  NOT_INUSE: 1,
  INUSE: 2,
  BUSY: 3,
  INVALID: 4,
  UNAVAILABLE: 5,
  RINGING: 6,
  RINGINUSE: 7,
  ONHOLD: 8,
};

/** Hint (extension) state for a device state: code and StatusText, as in trace 05. */
export const HINT_STATUS: Record<DeviceState, { code: number; text: string; cli: string }> = {
  UNKNOWN: { code: 0, text: 'Idle', cli: 'Idle' },
  NOT_INUSE: { code: 0, text: 'Idle', cli: 'Idle' },
  INUSE: { code: 1, text: 'InUse', cli: 'InUse' },
  BUSY: { code: 2, text: 'Busy', cli: 'Busy' },
  INVALID: { code: 4, text: 'Unavailable', cli: 'Unavailable' },
  UNAVAILABLE: { code: 4, text: 'Unavailable', cli: 'Unavailable' },
  RINGING: { code: 8, text: 'Ringing', cli: 'Ringing' },
  RINGINUSE: { code: 9, text: 'InUse&Ringing', cli: 'InUse&Ringing' },
  ONHOLD: { code: 16, text: 'Hold', cli: 'Hold' },
};

export type ChannelState = 'Down' | 'Ring' | 'Ringing' | 'Up' | 'Busy';
export const CHANNEL_STATE_CODE: Record<ChannelState, number> = {
  Down: CHANNEL_STATE.down,
  Ring: CHANNEL_STATE.ring,
  Ringing: CHANNEL_STATE.ringing,
  Up: CHANNEL_STATE.up,
  Busy: CHANNEL_STATE.busy,
};

export interface Recording {
  file: string;
  paused: boolean;
  muted: boolean;
}

/** A place in the dialplan: an extension in a context. */
export interface DialplanAddress {
  readonly context: string;
  readonly exten: string;
}

export interface SimChannel {
  readonly name: string;
  readonly uniqueid: string;
  linkedid: string;
  /** Device the channel belongs to (`PJSIP/101`, `PJSIP/trunk`), used for device state. */
  readonly device: string;
  state: ChannelState;
  callerIdNum: string;
  callerIdName: string;
  connectedNum: string;
  connectedName: string;
  context: string;
  exten: string;
  priority: number;
  application: string;
  appData: string;
  readonly createdAt: number;
  bridgeId: string | undefined;
  onHold: boolean;
  readonly vars: Map<string, string>;
  monitor: Recording | undefined;
  mixMonitor: Recording | undefined;
  hungUp: boolean;
  /** The other half of a Local channel pair (`…;1` ↔ `…;2`); each half hangs up with the other. */
  localPeer: SimChannel | undefined;
  /**
   * A Local handset that answered while its `;1` half sends no audio yet (ChanSpy before it spies):
   * Answer() waits for the first frame, so the dialplan has not set the phone's lamp INUSE (trace 21).
   */
  awaitingAudio?: boolean;
}

export type BridgeType = 'basic' | 'parking';
export interface SimBridge {
  readonly id: string;
  readonly type: BridgeType;
  readonly technology: string;
  readonly channels: SimChannel[];
}

export interface Hint {
  readonly exten: string;
  readonly context: string;
  readonly device: string;
  readonly presenceProvider: string | undefined;
  /** FreePBX style: a `Custom:DND<exten>` device beside the phone, BUSY while DND is on. */
  readonly dndDevice: string | undefined;
  readonly name: string;
}

export interface SimParkedCall {
  readonly space: number;
  readonly lot: string;
  readonly parkee: SimChannel;
  readonly parkerDialString: string;
  readonly timeoutSec: number;
  readonly parkedAt: number;
}

export interface QueueMember {
  /** The extension whose phone the member is (its hint is what the queue dials). */
  readonly exten: string;
  /** What the queue dials: the phone, or a Local channel in front of it (`Local/118@from-queue/n`). */
  readonly interface: string;
  /** The device whose state the queue follows (`PJSIP/118`, `Custom:118`). */
  readonly stateInterface: string;
  readonly name: string;
  /** Added with QueueAdd (removable), or from queues.conf. */
  readonly dynamic: boolean;
  /** Epoch seconds the member joined the queue (the PBX's start, for static members). */
  readonly loginTime: number;
  paused: boolean;
  pausedReason: string;
  callsTaken: number;
  lastCall: number;
  lastPause: number;
}

/** The parties of a queue call: the queue, its member, the waiting caller, and the channel that rings the member. */
export interface QueueCallParties {
  readonly queue: SimQueue;
  readonly member: QueueMember;
  readonly caller: SimChannel;
  readonly agent: SimChannel;
}

export interface QueueEntry {
  readonly channel: SimChannel;
  readonly joinedAt: number;
}

export interface SimQueue {
  readonly name: string;
  readonly exten: string;
  readonly strategy: string;
  readonly members: QueueMember[];
  readonly callers: QueueEntry[];
  completed: number;
  abandoned: number;
}

export interface Mailbox {
  readonly id: string;
  /** The owner's name, as voicemail.conf gives it. */
  readonly fullName: string;
  newCount: number;
  oldCount: number;
  urgentCount: number;
}

export type PresenceState = 'not_set' | 'unavailable' | 'available' | 'away' | 'xa' | 'chat' | 'dnd';
export interface Presence {
  state: PresenceState;
  subtype: string;
  message: string;
}

export type HangupCause = 16 | 17 | 19 | 21 | 26 | 34;
export const HANGUP_CAUSE_TEXT: Record<HangupCause, string> = {
  16: 'Normal Clearing',
  17: 'User busy',
  19: 'User alerting, no answer',
  21: 'Call Rejected',
  26: 'Answered elsewhere',
  34: 'Circuit/channel congestion',
};

export type DialStatus = 'ANSWER' | 'BUSY' | 'NOANSWER' | 'CANCEL' | 'CONGESTION' | 'CHANUNAVAIL';

/** What changed, in the order it happened. Snapshots are taken by rendering synchronously. */
export type ModelEvent =
  | { kind: 'newchannel'; channel: SimChannel }
  /** A Local channel pair is set up; `optimize` unless dialled with `/n`. */
  | { kind: 'localBridge'; one: SimChannel; two: SimChannel; context: string; exten: string; optimize: boolean }
  /** The pair `one`/`two` starts optimising away: `source` (bridged with `two`) takes `one`'s place. */
  | { kind: 'localOptimizationBegin'; one: SimChannel; two: SimChannel; source: SimChannel; id: number }
  | { kind: 'localOptimizationEnd'; one: SimChannel; two: SimChannel; id: number }
  | { kind: 'newstate'; channel: SimChannel }
  | { kind: 'newcallerid'; channel: SimChannel }
  | { kind: 'newconnectedline'; channel: SimChannel }
  | { kind: 'dialBegin'; caller: SimChannel | undefined; dest: SimChannel; dialString: string }
  | { kind: 'dialState'; caller: SimChannel | undefined; dest: SimChannel; status: 'RINGING' }
  | { kind: 'dialEnd'; caller: SimChannel | undefined; dest: SimChannel; status: DialStatus }
  | { kind: 'bridgeCreate'; bridge: SimBridge }
  /** `swapped`: the channel this one replaces (a Local pair optimising away). */
  | { kind: 'bridgeEnter'; bridge: SimBridge; channel: SimChannel; swapped?: SimChannel }
  | { kind: 'bridgeLeave'; bridge: SimBridge; channel: SimChannel }
  | { kind: 'bridgeDestroy'; bridge: SimBridge }
  | { kind: 'hold'; channel: SimChannel }
  | { kind: 'unhold'; channel: SimChannel }
  | { kind: 'musicOnHold'; channel: SimChannel; playing: boolean }
  | { kind: 'hangup'; channel: SimChannel; cause: HangupCause }
  | { kind: 'deviceState'; device: string; state: DeviceState }
  | { kind: 'extensionStatus'; hint: Hint; state: DeviceState }
  | { kind: 'presenceStatus'; provider: string; presence: Presence; hints: readonly Hint[] }
  | { kind: 'parkedCall'; parked: SimParkedCall }
  | { kind: 'unparkedCall'; parked: SimParkedCall; retriever: SimChannel }
  | { kind: 'parkedCallTimeOut'; parked: SimParkedCall }
  | { kind: 'parkedCallGiveUp'; parked: SimParkedCall }
  | { kind: 'monitorStart' | 'monitorStop'; channel: SimChannel }
  | { kind: 'mixMonitorStart' | 'mixMonitorStop'; channel: SimChannel }
  | { kind: 'mixMonitorMute'; channel: SimChannel; direction: string; muted: boolean }
  | {
      kind: 'blindTransfer';
      transferer: SimChannel;
      transferee: SimChannel;
      bridge: SimBridge;
      context: string;
      exten: string;
    }
  | { kind: 'bridgeMerge'; from: SimBridge; to: SimBridge }
  /** `origBridge` holds the transferee (and now the target); `secondBridge` was the consultation. */
  | {
      kind: 'attendedTransfer';
      transferer: SimChannel;
      transferee: SimChannel;
      target: SimChannel;
      origBridge: SimBridge;
      secondBridge: SimBridge;
    }
  | {
      kind: 'originateResponse';
      actionId: string | undefined;
      success: boolean;
      channelName: string;
      /** Where the channel went: an extension, or an application with its data. */
      target: DialplanAddress | { application: string; data: string };
      reason: number;
      uniqueid: string;
      callerIdNum: string;
      callerIdName: string;
    }
  | { kind: 'queueCallerJoin' | 'queueCallerLeave'; queue: SimQueue; channel: SimChannel; position: number }
  | { kind: 'queueCallerAbandon'; queue: SimQueue; channel: SimChannel; position: number; holdTime: number }
  | {
      kind: 'queueMemberStatus' | 'queueMemberPause' | 'queueMemberAdded' | 'queueMemberRemoved';
      queue: SimQueue;
      member: QueueMember;
    }
  | ({ kind: 'agentCalled' } & QueueCallParties)
  | ({ kind: 'agentConnect'; holdTime: number; ringTime: number } & QueueCallParties)
  | ({
      kind: 'agentComplete';
      holdTime: number;
      talkTime: number;
      reason: 'caller' | 'agent';
    } & QueueCallParties)
  | { kind: 'messageWaiting'; mailbox: Mailbox }
  /** ChanSpy on `spyee` from `spyer` (trace 21). */
  | { kind: 'chanSpyStart' | 'chanSpyStop'; spyer: SimChannel; spyee: SimChannel }
  | { kind: 'shutdown'; restart: boolean };

export type ModelListener = (event: ModelEvent) => void;

export interface SimModelOptions {
  /** Technology of the phones: 'PJSIP' (asterisk-18/22) or 'SIP' (asterisk-11). */
  tech: 'PJSIP' | 'SIP';
  now: () => number;
  systemName?: string;
  /** Deterministic id source (bridge ids); defaults to a counter. */
  random?: () => number;
}

export class SimModel {
  readonly tech: 'PJSIP' | 'SIP';
  readonly systemName: string;
  readonly office: OfficeDirectory;
  readonly hints = new Map<string, Hint>();
  /** Hints in Asterisk's (hash-like, not numeric) listing order. */
  readonly hintOrder: Hint[] = [];
  readonly channels = new Map<string, SimChannel>();
  readonly bridges = new Map<string, SimBridge>();
  readonly parked = new Map<number, SimParkedCall>();
  readonly mailboxes = new Map<string, Mailbox>();
  readonly presence = new Map<string, Presence>();
  /** Caller ID name of each phone's SIP peer / PJSIP endpoint, by device (`SIP/104`); absent = none set. */
  readonly phoneNames = new Map<string, string>();
  /** AstDB (`family/key` → value): FreePBX keeps DND flags there (trace 22). */
  readonly astdb = new Map<string, string>();
  readonly queue: SimQueue;
  readonly parkingBridge: SimBridge;
  readonly startedAt: number;
  lastReload: number;
  processedCalls = 0;
  private readonly manualState = new Map<string, DeviceState>();
  private readonly deviceState = new Map<string, DeviceState>();
  private readonly listeners = new Set<ModelListener>();
  private readonly channelsByName = new Map<string, SimChannel>();
  private readonly channelsByDevice = new Map<string, Set<SimChannel>>();
  private readonly hintsByDevice = new Map<string, Hint[]>();
  private readonly hintsByExten = new Map<string, Hint>();
  private readonly now: () => number;
  private readonly random: () => number;
  private channelSeq = 0;
  private uniqueSeq = 0;

  constructor(office: OfficeDirectory, options: SimModelOptions) {
    this.office = office;
    this.tech = options.tech;
    this.now = options.now;
    this.systemName = options.systemName ?? 'sim';
    this.random = options.random ?? Math.random;
    this.startedAt = this.now();
    this.lastReload = this.startedAt;
    for (const ext of office.extensions) {
      const device = this.deviceOf(ext.exten);
      const hint: Hint = {
        exten: ext.exten,
        context: ext.context,
        device,
        presenceProvider: ext.presence ? `CustomPresence:${ext.exten}` : undefined,
        dndDevice: ext.dnd ? `Custom:DND${ext.exten}` : undefined,
        name: ext.name,
      };
      this.hints.set(`${ext.exten}@${ext.context}`, hint);
      if (!this.hintsByExten.has(ext.exten)) this.hintsByExten.set(ext.exten, hint);
      for (const own of hint.dndDevice ? [device, hint.dndDevice] : [device]) {
        this.deviceState.set(own, 'NOT_INUSE');
        this.manualState.set(own, 'NOT_INUSE');
      }
      if (ext.phoneName && !office.localHandsets) this.phoneNames.set(device, ext.phoneName);
      if (ext.mailbox !== false)
        this.mailboxes.set(`${ext.exten}@default`, {
          id: `${ext.exten}@default`,
          fullName: ext.name,
          newCount: 0,
          oldCount: 0,
          urgentCount: 0,
        });
      if (hint.presenceProvider)
        this.presence.set(hint.presenceProvider, { state: 'not_set', subtype: '', message: '' });
    }
    this.hintOrder.push(...hashOrder([...this.hints.values()]));
    for (const hint of this.hintOrder) {
      for (const device of hint.dndDevice ? [hint.device, hint.dndDevice] : [hint.device]) {
        const list = this.hintsByDevice.get(device) ?? [];
        list.push(hint);
        this.hintsByDevice.set(device, list);
      }
    }
    this.queue = {
      name: office.queue.name,
      exten: office.queue.exten,
      strategy: office.queue.strategy,
      members: office.queue.members.map((exten) => ({
        exten,
        interface: this.queueInterfaceOf(exten),
        stateInterface: this.deviceOf(exten),
        name: office.extensions.find((ext) => ext.exten === exten)?.name ?? this.deviceOf(exten),
        dynamic: false,
        loginTime: Math.floor(this.startedAt / 1000),
        paused: false,
        pausedReason: '',
        callsTaken: 0,
        lastCall: 0,
        lastPause: 0,
      })),
      callers: [],
      completed: 0,
      abandoned: 0,
    };
    this.parkingBridge = { id: this.newBridgeId(), type: 'parking', technology: 'holding_bridge', channels: [] };
    this.bridges.set(this.parkingBridge.id, this.parkingBridge);
  }

  // ---- observation ------------------------------------------------------------------------

  subscribe(listener: ModelListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: ModelEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  // ---- look-ups ---------------------------------------------------------------------------

  /** The phone of an extension: `PJSIP/105`, or `Custom:105` where handsets are Local channels. */
  deviceOf(exten: string): string {
    return this.office.localHandsets ? `Custom:${exten}` : `${this.tech}/${exten}`;
  }

  /** What the queue dials for a member: `Local/118@phones`, `Local/118@from-queue/n` or the phone. */
  queueInterfaceOf(exten: string): string {
    const { localHandsets, queueMemberContext } = this.office;
    if (localHandsets) return `Local/${exten}@${localHandsets}`;
    return queueMemberContext ? `Local/${exten}@${queueMemberContext}/n` : this.deviceOf(exten);
  }

  hint(exten: string, context: string): Hint | undefined {
    return this.hints.get(`${exten}@${context}`);
  }

  hintByExten(exten: string): Hint | undefined {
    return this.hintsByExten.get(exten);
  }

  hintsForDevice(device: string): readonly Hint[] {
    return this.hintsByDevice.get(device) ?? [];
  }

  /** Whether the hint's DND device is on (FreePBX sets it BUSY). */
  dndOn(hint: Hint): boolean {
    return hint.dndDevice !== undefined && this.stateOf(hint.dndDevice) === 'BUSY';
  }

  /** The hint's state as Asterisk folds its devices: a DND device that is on reads Busy over an idle phone. */
  hintState(hint: Hint): DeviceState {
    const phone = this.stateOf(hint.device);
    return this.dndOn(hint) && phone === 'NOT_INUSE' ? 'BUSY' : phone;
  }

  stateOf(device: string): DeviceState {
    return this.deviceState.get(device) ?? 'INVALID';
  }

  knownDevices(): string[] {
    return [...this.deviceState.keys()];
  }

  isKnownDevice(device: string): boolean {
    return this.deviceState.has(device) || device.endsWith('/trunk');
  }

  channelByName(name: string): SimChannel | undefined {
    return this.channelsByName.get(name);
  }

  channelsOnDevice(device: string): SimChannel[] {
    const set = this.channelsByDevice.get(device);
    return set ? [...set] : [];
  }

  bridgePeers(channel: SimChannel): SimChannel[] {
    const bridge = channel.bridgeId ? this.bridges.get(channel.bridgeId) : undefined;
    return bridge ? bridge.channels.filter((c) => c !== channel) : [];
  }

  get currentCalls(): number {
    let n = 0;
    for (const b of this.bridges.values()) if (b.type === 'basic' && b.channels.length > 0) n++;
    return n;
  }

  // ---- devices and hints ------------------------------------------------------------------

  /**
   * What a PBX starting up reads from its AstDB: Asterisk restores `Custom:` device states from
   * `CustomDevstate/<name>`, FreePBX turns `DND/<exten>` into its `Custom:DND<exten>` device BUSY.
   */
  loadAstdb(entries: Readonly<Record<string, string>>): void {
    for (const [path, value] of Object.entries(entries)) this.astdb.set(path, value);
    for (const [path, value] of this.astdb) {
      const custom = /^CustomDevstate\/(.+)$/.exec(path);
      const state = value.toUpperCase();
      if (custom && this.deviceState.has(`Custom:${custom[1]}`) && state in DEVICE_STATE_CODE)
        this.setDeviceState(`Custom:${custom[1]}`, state as DeviceState);
    }
    for (const hint of this.hints.values())
      if (hint.dndDevice && this.astdb.get(`DND/${hint.exten}`)) this.setDeviceState(hint.dndDevice, 'BUSY');
  }

  /** Sets a device's resting state (as `devstate change` would) and reports it at once. */
  setDeviceState(device: string, state: DeviceState): void {
    this.manualState.set(device, state);
    this.refreshDevice(device, true);
  }

  /** Recomputes a device's state from its channels; reports only a change (or always if forced). */
  refreshDevice(device: string, force = false): void {
    if (!this.deviceState.has(device)) return;
    const next = this.derivedState(device);
    const prev = this.deviceState.get(device);
    if (!force && prev === next) return;
    this.deviceState.set(device, next);
    for (const hint of this.hintsForDevice(device))
      this.emit({ kind: 'extensionStatus', hint, state: this.hintState(hint) });
    this.emit({ kind: 'deviceState', device, state: next });
    for (const member of this.queue.members) {
      if (member.stateInterface === device) this.emit({ kind: 'queueMemberStatus', queue: this.queue, member });
    }
  }

  private derivedState(device: string): DeviceState {
    // A channel still Down (being set up) does not light the lamp yet.
    const channels = this.channelsOnDevice(device).filter((c) => c.state !== 'Down');
    if (channels.length === 0) return this.manualState.get(device) ?? 'NOT_INUSE';
    const ringing = channels.some((c) => c.state === 'Ringing' || c.awaitingAudio);
    const up = channels.some((c) => c.state !== 'Ringing' && !c.awaitingAudio);
    if (ringing && up) return 'RINGINUSE';
    if (ringing) return 'RINGING';
    return channels.some((c) => c.onHold) ? 'ONHOLD' : 'INUSE';
  }

  /** `dialplan reload`: Asterisk re-reports every hint. */
  reloadDialplan(): void {
    this.lastReload = this.now();
    for (const hint of this.hintOrder) this.emit({ kind: 'extensionStatus', hint, state: this.hintState(hint) });
  }

  // ---- presence and mailboxes ---------------------------------------------------------------

  setPresence(provider: string, state: PresenceState, subtype = '', message = ''): void {
    const presence: Presence = { state, subtype, message };
    this.presence.set(provider, presence);
    const hints = this.hintOrder.filter((h) => h.presenceProvider === provider);
    this.emit({ kind: 'presenceStatus', provider, presence, hints });
  }

  setMailbox(id: string, newCount: number, oldCount: number): void {
    const mailbox = this.mailboxes.get(id) ?? { id, fullName: '', newCount: 0, oldCount: 0, urgentCount: 0 };
    mailbox.newCount = newCount;
    mailbox.oldCount = oldCount;
    this.mailboxes.set(id, mailbox);
    this.emit({ kind: 'messageWaiting', mailbox });
  }

  // ---- channels ---------------------------------------------------------------------------

  newUniqueid(): string {
    return `${this.systemName}-${Math.floor(this.startedAt / 1000)}.${this.uniqueSeq++}`;
  }

  createChannel(init: {
    device: string;
    /** A Local channel's own name (`Local/105@phones-0000000d;1`); others are named after the device. */
    name?: string;
    state: ChannelState;
    context: string;
    exten: string;
    callerIdNum?: string;
    callerIdName?: string;
    connectedNum?: string;
    connectedName?: string;
    linkedid?: string;
    application?: string;
    appData?: string;
  }): SimChannel {
    const uniqueid = this.newUniqueid();
    const channel: SimChannel = {
      name: init.name ?? `${init.device}-${this.nextChannelSeq()}`,
      uniqueid,
      linkedid: init.linkedid ?? uniqueid,
      device: init.device,
      state: init.state,
      callerIdNum: init.callerIdNum ?? '<unknown>',
      callerIdName: init.callerIdName ?? '<unknown>',
      connectedNum: init.connectedNum ?? '<unknown>',
      connectedName: init.connectedName ?? '<unknown>',
      context: init.context,
      exten: init.exten,
      priority: 1,
      application: init.application ?? '',
      appData: init.appData ?? '',
      createdAt: this.now(),
      bridgeId: undefined,
      onHold: false,
      vars: new Map(),
      monitor: undefined,
      mixMonitor: undefined,
      hungUp: false,
      localPeer: undefined,
    };
    this.channels.set(uniqueid, channel);
    this.channelsByName.set(channel.name, channel);
    const onDevice = this.channelsByDevice.get(channel.device) ?? new Set<SimChannel>();
    onDevice.add(channel);
    this.channelsByDevice.set(channel.device, onDevice);
    this.emit({ kind: 'newchannel', channel });
    this.refreshDevice(channel.device);
    return channel;
  }

  /** The next channel sequence number, as Asterisk prints it in channel names (`0000000d`). */
  nextChannelSeq(): string {
    return (this.channelSeq++).toString(16).padStart(8, '0');
  }

  setChannelState(channel: SimChannel, state: ChannelState): void {
    if (channel.state === state || channel.hungUp) return;
    // A Local pair answers from the far end: the ;2 half is Up before the ;1 half (trace 07).
    if (state === 'Up' && channel.localPeer && channel.name.endsWith(';1'))
      this.setChannelState(channel.localPeer, 'Up');
    channel.state = state;
    this.emit({ kind: 'newstate', channel });
    this.refreshDevice(channel.device);
  }

  setConnectedLine(channel: SimChannel, num: string, name: string): void {
    if (channel.connectedNum === num && channel.connectedName === name) return;
    channel.connectedNum = num;
    channel.connectedName = name;
    this.emit({ kind: 'newconnectedline', channel });
  }

  setCallerId(channel: SimChannel, num: string, name: string): void {
    channel.callerIdNum = num;
    channel.callerIdName = name;
    this.emit({ kind: 'newcallerid', channel });
  }

  setHold(channel: SimChannel, onHold: boolean): void {
    if (channel.onHold === onHold) return;
    channel.onHold = onHold;
    this.emit({ kind: onHold ? 'hold' : 'unhold', channel });
    this.refreshDevice(channel.device);
  }

  /** Removes a channel that is in no bridge (leave bridges first). */
  destroyChannel(channel: SimChannel, cause: HangupCause): void {
    if (channel.hungUp) return;
    channel.hungUp = true;
    if (channel.mixMonitor) {
      this.emit({ kind: 'mixMonitorStop', channel });
      channel.mixMonitor = undefined;
    }
    if (channel.monitor) {
      this.emit({ kind: 'monitorStop', channel });
      channel.monitor = undefined;
    }
    this.channels.delete(channel.uniqueid);
    this.channelsByName.delete(channel.name);
    const onDevice = this.channelsByDevice.get(channel.device);
    onDevice?.delete(channel);
    if (onDevice?.size === 0) this.channelsByDevice.delete(channel.device);
    this.emit({ kind: 'hangup', channel, cause });
    this.refreshDevice(channel.device);
  }

  // ---- bridges ----------------------------------------------------------------------------

  private newBridgeId(): string {
    const hex = (n: number) => Array.from({ length: n }, () => Math.floor(this.random() * 16).toString(16)).join('');
    return `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[Math.floor(this.random() * 4)]}${hex(3)}-${hex(12)}`;
  }

  createBridge(): SimBridge {
    const bridge: SimBridge = { id: this.newBridgeId(), type: 'basic', technology: 'simple_bridge', channels: [] };
    this.bridges.set(bridge.id, bridge);
    this.emit({ kind: 'bridgeCreate', bridge });
    return bridge;
  }

  enterBridge(bridge: SimBridge, channel: SimChannel, swapped?: SimChannel): void {
    if (channel.bridgeId) this.leaveBridge(channel);
    bridge.channels.push(channel);
    channel.bridgeId = bridge.id;
    this.emit({ kind: 'bridgeEnter', bridge, channel, ...(swapped ? { swapped } : {}) });
  }

  /** Takes a channel out of its bridge; returns the bridge it left. */
  leaveBridge(channel: SimChannel): SimBridge | undefined {
    const bridge = channel.bridgeId ? this.bridges.get(channel.bridgeId) : undefined;
    if (!bridge) return undefined;
    const at = bridge.channels.indexOf(channel);
    if (at >= 0) bridge.channels.splice(at, 1);
    channel.bridgeId = undefined;
    this.emit({ kind: 'bridgeLeave', bridge, channel });
    return bridge;
  }

  destroyBridgeIfEmpty(bridge: SimBridge | undefined): void {
    if (!bridge || bridge.type !== 'basic' || bridge.channels.length > 0 || !this.bridges.has(bridge.id)) return;
    this.bridges.delete(bridge.id);
    this.emit({ kind: 'bridgeDestroy', bridge });
  }

  // ---- parking ----------------------------------------------------------------------------

  freeParkingSpace(): number | undefined {
    const { firstSpace, lastSpace } = this.office.parking;
    for (let space = firstSpace; space <= lastSpace; space++) if (!this.parked.has(space)) return space;
    return undefined;
  }

  parkedByChannel(channel: SimChannel): SimParkedCall | undefined {
    for (const p of this.parked.values()) if (p.parkee === channel) return p;
    return undefined;
  }

  // ---- life cycle -------------------------------------------------------------------------

  /** Forgets every call (a restart). Devices, hints, mailboxes and presence stay. */
  clearCalls(): void {
    this.channels.clear();
    this.channelsByName.clear();
    this.channelsByDevice.clear();
    for (const [id, bridge] of this.bridges) if (bridge.type === 'basic') this.bridges.delete(id);
    this.parkingBridge.channels.length = 0;
    this.parked.clear();
    this.queue.callers.length = 0;
    for (const device of this.deviceState.keys())
      this.deviceState.set(device, this.manualState.get(device) ?? 'NOT_INUSE');
    this.processedCalls = 0;
  }
}

/**
 * Asterisk lists hints in its hash-table order, not numerically (trace 05: 104..107, 100..103, ...).
 * A stable pseudo-hash order keeps that property without pretending to reproduce the real table.
 */
function hashOrder(hints: Hint[]): Hint[] {
  const weight = (h: Hint) => {
    let x = 0;
    for (const ch of `${h.exten}@${h.context}`) x = (x * 31 + ch.charCodeAt(0)) % 9973;
    return x;
  };
  return [...hints].sort((a, b) => weight(a) - weight(b) || a.exten.localeCompare(b.exten));
}
