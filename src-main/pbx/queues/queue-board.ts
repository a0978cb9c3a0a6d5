import { randomBytes } from 'node:crypto';
import type { CallQueue, QueueMemberState } from '../../../src-preload/state';
import { isSuccessResponse, type AmiMessage } from '../../ami/message';
import { ExtensionMatcher, type HintedExtension } from '../calls/device-match';
import type { PictureStore } from '../picture-store';
import type { AmiRequester } from '../requester';
import { readQueueMessage, type CallerReport, type MemberReport, type QueueEvent } from './queue-events';

/** app_queue's member `Status`: Asterisk's device state numbers (AMI-NOTES, "Device states"). */
const MEMBER_STATES: readonly QueueMemberState[] = [
  'unknown',
  'idle',
  'inUse',
  'busy',
  'invalid',
  'unavailable',
  'ringing',
  'inUseRinging',
  'onHold',
];

export interface MemberRecord {
  readonly id: string;
  readonly iface: string;
  name: string;
  stateInterface: string;
  dynamic: boolean;
  status: number;
  paused: boolean;
  pausedReason: string;
  callsTaken: number;
  lastCall: number;
}

export interface CallerRecord {
  readonly id: string;
  readonly uniqueid: string;
  readonly channel: string;
  readonly number: string;
  readonly name: string;
  readonly joinedAt: number;
  /** Interfaces of the members being rung for this caller. */
  readonly ringing: Set<string>;
}

export interface QueueRecord {
  readonly id: string;
  readonly name: string;
  /** By lower-cased interface, in the order the PBX listed them. */
  readonly members: Map<string, MemberRecord>;
  /** In queue order: the first is answered next. */
  callers: CallerRecord[];
  completed: number;
  abandoned: number;
}

type Phase = 'offline' | { readonly buffered: QueueEvent[] } | 'live';

/**
 * Every queue the AMI user can see, rebuilt from QueueStatus at every login and kept live from
 * app_queue's events; projected into the picture's `queues`. Queues, members and waiting callers
 * get ids issued here: the page names them by these, and the commands look the interface or the
 * channel up again in this model.
 */
export class QueueBoard {
  private readonly queues = new Map<string, QueueRecord>();
  private phase: Phase = 'offline';
  private issued = 0;
  private connections = 0;
  private prefix = '';
  private readonly sessionTag = randomBytes(2).toString('hex');
  private publishQueued = false;
  private cachedMatcher: ExtensionMatcher | undefined;
  private readonly stopFollowingTiles: () => void;

  constructor(
    private readonly store: PictureStore,
    private readonly now: () => number,
  ) {
    this.stopFollowingTiles = store.onPatch((patch) => {
      if (patch.collection !== 'extensions') return;
      // A lamp changing is most of a busy board's patches: calls and queues show no lamp.
      if (patch.remove.length === 0 && this.cachedMatcher?.knowsAlready(patch.upsert)) return;
      this.cachedMatcher = undefined;
      if (this.phase === 'live' && this.queues.size > 0) this.queuePublish();
    });
  }

  /** A login happened: events wait until QueueStatus has been read. */
  beginRebuild(): void {
    this.connections += 1;
    this.prefix = `${this.sessionTag}${this.connections}q.`;
    this.phase = { buffered: [] };
  }

  /**
   * Reads every queue anew (nothing from before a reconnect is trusted), then the events that came
   * meanwhile. `tilesFirst`: the queues are shown once the tiles their members are matched to are in the picture.
   */
  async rebuild(ami: AmiRequester, tilesFirst?: Promise<void>): Promise<void> {
    const phase = this.phase;
    if (typeof phase !== 'object') return;
    const status = await ami.list('QueueStatus');
    await tilesFirst;
    if (this.phase !== phase) return;
    this.queues.clear();
    // No app_queue, or a user who may not list queues: the console shows no queues rather than failing.
    const items = isSuccessResponse(status.response) ? status.items : [];
    const listedAt = this.now();
    for (const item of items) {
      const event = readQueueMessage(item);
      if (event) this.apply(event, listedAt);
    }
    for (const event of phase.buffered) this.apply(event);
    this.phase = 'live';
    this.publish();
  }

  handleEvent(message: AmiMessage): void {
    if (this.phase === 'offline' || message.actionId !== undefined) return;
    const event = readQueueMessage(message);
    if (!event) return;
    if (typeof this.phase === 'object') {
      this.phase.buffered.push(event);
      return;
    }
    this.apply(event);
    this.queuePublish();
  }

  /** Whether the picture is read and followed: commands wait for this after a login. */
  get isLive(): boolean {
    return this.phase === 'live';
  }

  stop(): void {
    this.phase = 'offline';
    this.stopFollowingTiles();
  }

  queueWithId(id: string): QueueRecord | undefined {
    return [...this.queues.values()].find((queue) => queue.id === id);
  }

  memberWithId(id: string): { queue: QueueRecord; member: MemberRecord } | undefined {
    for (const queue of this.queues.values())
      for (const member of queue.members.values()) if (member.id === id) return { queue, member };
    return undefined;
  }

  callerWithId(id: string): { queue: QueueRecord; caller: CallerRecord } | undefined {
    for (const queue of this.queues.values())
      for (const caller of queue.callers) if (caller.id === id) return { queue, caller };
    return undefined;
  }

  /** The board tile of a member's phone: by its state interface (`Custom:118`, `PJSIP/118`), else its interface. */
  extensionOf(member: Pick<MemberRecord, 'iface' | 'stateInterface'>): HintedExtension | undefined {
    const matcher = this.matcher();
    return (
      (member.stateInterface ? matcher.extensionOfDevice(member.stateInterface) : undefined) ??
      matcher.extensionOfDevice(member.iface)
    );
  }

  matcher(): ExtensionMatcher {
    this.cachedMatcher ??= new ExtensionMatcher(this.store.values('extensions'));
    return this.cachedMatcher;
  }

  private issue(): string {
    this.issued += 1;
    return `${this.prefix}${this.issued}`;
  }

  private queueNamed(name: string): QueueRecord {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = { id: this.issue(), name, members: new Map(), callers: [], completed: 0, abandoned: 0 };
      this.queues.set(name, queue);
    }
    return queue;
  }

  private apply(event: QueueEvent, now = this.now()): void {
    const queue = this.queueNamed(event.queue);
    switch (event.kind) {
      case 'queue':
        queue.completed = event.completed;
        queue.abandoned = event.abandoned;
        return;
      case 'callerJoined':
        this.join(queue, event.caller, now);
        return;
      case 'callerLeft':
        if (event.abandoned && queue.callers.some((caller) => caller.uniqueid === event.uniqueid)) queue.abandoned += 1;
        queue.callers = queue.callers.filter((caller) => caller.uniqueid !== event.uniqueid);
        return;
      case 'member':
        this.noteMember(queue, event.member);
        return;
      case 'memberRemoved':
        queue.members.delete(event.iface.toLowerCase());
        return;
      case 'agentRinging':
      case 'agentStopped': {
        const caller = queue.callers.find((one) => one.uniqueid === event.uniqueid);
        if (!caller) return;
        if (event.kind === 'agentRinging') caller.ringing.add(event.iface.toLowerCase());
        else caller.ringing.delete(event.iface.toLowerCase());
        return;
      }
    }
  }

  private join(queue: QueueRecord, report: CallerReport, now: number): void {
    if (queue.callers.some((caller) => caller.uniqueid === report.uniqueid)) return;
    const caller: CallerRecord = {
      id: this.issue(),
      uniqueid: report.uniqueid,
      channel: report.channel,
      number: report.number,
      name: report.name,
      joinedAt: now - report.waitSec * 1000,
      ringing: new Set(),
    };
    // Position says where the PBX put the caller (a higher queue priority jumps ahead).
    const at = Math.min(Math.max(report.position - 1, 0), queue.callers.length);
    queue.callers = [...queue.callers.slice(0, at), caller, ...queue.callers.slice(at)];
  }

  private noteMember(queue: QueueRecord, report: MemberReport): void {
    const key = report.iface.toLowerCase();
    const known = queue.members.get(key);
    const member: MemberRecord = known ?? {
      id: this.issue(),
      iface: report.iface,
      name: report.iface,
      stateInterface: '',
      dynamic: false,
      status: 0,
      paused: false,
      pausedReason: '',
      callsTaken: 0,
      lastCall: 0,
    };
    if (report.name) member.name = report.name;
    if (report.stateInterface !== undefined) member.stateInterface = report.stateInterface;
    if (report.dynamic !== undefined) member.dynamic = report.dynamic;
    if (report.status !== undefined) member.status = report.status;
    if (report.callsTaken !== undefined) member.callsTaken = report.callsTaken;
    if (report.lastCall !== undefined) member.lastCall = report.lastCall;
    if (report.paused !== undefined) {
      member.paused = report.paused;
      // Asterisk 11's QueueMemberStatus has no reason: a member still paused keeps the one given.
      if (!report.paused) member.pausedReason = '';
    }
    if (report.pausedReason !== undefined && member.paused) member.pausedReason = report.pausedReason;
    queue.members.set(key, member);
  }

  private queuePublish(): void {
    if (this.publishQueued) return;
    this.publishQueued = true;
    queueMicrotask(() => {
      this.publishQueued = false;
      if (this.phase === 'live') this.publish();
    });
  }

  private publish(): void {
    this.store.replace(
      'queues',
      [...this.queues.values()].map((queue) => this.project(queue)),
    );
  }

  private project(queue: QueueRecord): CallQueue {
    const members = [...queue.members.values()];
    const nameOf = (iface: string) => queue.members.get(iface)?.name ?? iface;
    return {
      id: queue.id,
      name: queue.name,
      completed: queue.completed,
      abandoned: queue.abandoned,
      callers: queue.callers.map((caller, index) => ({
        id: caller.id,
        position: index + 1,
        number: caller.number,
        name: caller.name,
        joinedAt: caller.joinedAt,
        ringing: [...caller.ringing].map(nameOf),
      })),
      members: members.map((member) => ({
        id: member.id,
        name: member.name,
        extensionId: this.extensionOf(member)?.id,
        state: MEMBER_STATES[member.status] ?? 'unknown',
        paused: member.paused,
        pausedReason: member.pausedReason,
        callsTaken: member.callsTaken,
        lastCallAt: member.lastCall > 0 ? member.lastCall * 1000 : undefined,
        dynamic: member.dynamic,
      })),
    };
  }
}
