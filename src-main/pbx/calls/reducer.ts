import { CHANNEL_STATE } from '../../ami/channel-state';
import type { ChannelSnapshot, PbxEvent } from './events';
import { regroupChanged, type ModelChange } from './grouping';
import type { BridgeRecord, ChannelRecord, ParkedRecord, PbxModel } from './model';

/**
 * The call model's reducer: one console event in, the next model out. Pure: time is passed in,
 * ids come from the model's own counter, the input model is not changed.
 */
export function reduceModel(model: PbxModel, event: PbxEvent, now: number): PbxModel {
  const draft = new Draft(model, now);
  if (!draft.apply(event)) return model;
  return regroupChanged(model, draft.finish(), draft.change());
}

/** Applies several events in order. */
export function reduceEvents(model: PbxModel, events: readonly PbxEvent[], now: number): PbxModel {
  return events.reduce((current, event) => reduceModel(current, event, now), model);
}

/**
 * One of the model's maps in a draft: the model's own until the first change, then a copy, so an
 * event that changes nothing (most of a call's events repeat what the model already says) copies
 * nothing. It keeps the keys it changed, so that regrouping need not compare every entry.
 */
class DraftMap<V> {
  readonly changed = new Set<string>();
  private owned = false;

  constructor(private map: ReadonlyMap<string, V>) {}

  get current(): ReadonlyMap<string, V> {
    return this.map;
  }

  set(key: string, value: V): void {
    this.toWrite().set(key, value);
    this.changed.add(key);
  }

  delete(key: string): void {
    this.toWrite().delete(key);
    this.changed.add(key);
  }

  private toWrite(): Map<string, V> {
    if (!this.owned) {
      this.map = new Map(this.map);
      this.owned = true;
    }
    return this.map as Map<string, V>;
  }
}

/** The next model being made (exported for `testing/apply-event.ts`, which applies without regrouping). */
export class Draft {
  private readonly channels: DraftMap<ChannelRecord>;
  private readonly bridges: DraftMap<BridgeRecord>;
  private readonly parked: DraftMap<ParkedRecord>;
  private nextSeq: number;

  constructor(
    private readonly model: PbxModel,
    private readonly now: number,
  ) {
    this.channels = new DraftMap(model.channels);
    this.bridges = new DraftMap(model.bridges);
    this.parked = new DraftMap(model.parked);
    this.nextSeq = model.nextSeq;
  }

  finish(): PbxModel {
    return {
      ...this.model,
      nextSeq: this.nextSeq,
      channels: this.channels.current,
      bridges: this.bridges.current,
      parked: this.parked.current,
    };
  }

  /** The channels and bridges set or deleted so far. */
  change(): ModelChange {
    return { channels: this.channels.changed, bridges: this.bridges.changed };
  }

  /** False when the event changes nothing the model keeps. */
  apply(event: PbxEvent): boolean {
    switch (event.kind) {
      case 'channel':
        return this.see(event.channel);
      case 'hangup':
        this.hangup(event.uid);
        return true;
      case 'rename':
        return this.rename(event.uid, event.oldName, event.newName);
      case 'dialBegin':
        if (event.caller) this.see(event.caller);
        this.see(event.dest, { dialedBy: event.caller?.uid });
        return true;
      case 'dialEnd':
        this.dialEnd(event.callerUid, event.destUid, event.status);
        return true;
      case 'bridgeCreate':
        this.bridges.set(event.bridgeId, { id: event.bridgeId, holding: event.holding });
        return true;
      case 'bridgeEnter':
        if (!this.bridges.current.has(event.bridgeId))
          this.bridges.set(event.bridgeId, { id: event.bridgeId, holding: event.holding });
        this.see(event.channel, { bridgeId: event.bridgeId });
        return true;
      case 'bridgeLeave':
        // Once an answered callee leaves its bridge, who dialled it no longer ties it to anyone. A hold
        // belongs to the bridge it was put on: the transferer of an attended transfer gets a Hold,
        // moves to the consultation and is never sent an Unhold (trace 11).
        this.update(event.uid, (channel) =>
          channel.bridgeId === event.bridgeId ? { bridgeId: undefined, dialedBy: undefined, onHold: false } : {},
        );
        // Nor does a caller that leaves tie to it the callee still in the bridge: the transferer of an
        // attended transfer consults apart from the call she placed (trace 11).
        for (const channel of this.channels.current.values())
          if (channel.dialedBy === event.uid && channel.bridgeId === event.bridgeId)
            this.channels.set(channel.uid, { ...channel, dialedBy: undefined });
        return true;
      case 'bridgeDestroy':
        this.bridges.delete(event.bridgeId);
        this.moveBridge(event.bridgeId, undefined);
        return true;
      case 'bridgeMerge':
        this.moveBridge(event.fromBridgeId, event.toBridgeId);
        this.bridges.delete(event.fromBridgeId);
        return true;
      case 'link':
        this.link(event.a, event.b);
        return true;
      case 'unlink':
        for (const uid of [event.aUid, event.bUid]) {
          this.update(uid, (channel) => (channel.bridgeId?.startsWith('link:') ? { bridgeId: undefined } : {}));
        }
        return true;
      case 'hold':
        this.update(event.uid, () => ({ onHold: event.onHold }));
        return true;
      case 'parked':
        this.park(event);
        return true;
      case 'unparked': {
        const record = this.parked.current.get(event.slot);
        if (!record || record.lot !== event.lot) return false;
        this.parked.delete(event.slot);
        return true;
      }
      case 'recording':
        this.update(event.uid, (channel) => ({
          recording: event.state,
          recordingFile: event.state === 'none' ? undefined : (event.file ?? channel.recordingFile),
        }));
        return true;
      case 'service':
        this.update(event.uid, () => ({ service: event.service }));
        return true;
      case 'musicOnHold':
        // The party left waiting in a call hears music: for the operator that call is on hold.
        this.update(event.uid, (channel) => (channel.bridgeId ? { onHold: event.playing } : {}));
        return true;
      case 'originateResponse':
      case 'blindTransfer':
      case 'attendedTransfer':
        return false;
    }
  }

  /** False when the snapshot tells nothing new of a channel the model knows. */
  private see(snapshot: ChannelSnapshot, extra: Partial<ChannelRecord> = {}): boolean {
    const known = this.channels.current.get(snapshot.uid);
    const state = snapshot.state ?? known?.state ?? 0;
    const base: ChannelRecord = known ?? {
      uid: snapshot.uid,
      name: snapshot.name,
      state,
      callerNum: '',
      callerName: '',
      connectedNum: '',
      connectedName: '',
      linkedId: undefined,
      createdAt: this.now,
      answeredAt: undefined,
      bridgeId: undefined,
      dialedBy: undefined,
      onHold: false,
      recording: 'none',
      recordingFile: undefined,
      service: undefined,
      partyId: `${this.model.idPrefix}p${this.nextSeq++}`,
      callId: '',
    };
    return this.write({
      ...base,
      name: snapshot.name,
      state,
      callerNum: snapshot.callerNum ?? base.callerNum,
      callerName: snapshot.callerName ?? base.callerName,
      connectedNum: snapshot.connectedNum ?? base.connectedNum,
      connectedName: snapshot.connectedName ?? base.connectedName,
      linkedId: snapshot.linkedId ?? base.linkedId,
      answeredAt: base.answeredAt ?? (state === CHANNEL_STATE.up ? this.now : undefined),
      ...extra,
    });
  }

  private update(uid: string, change: (channel: ChannelRecord) => Partial<ChannelRecord>): void {
    const channel = this.channels.current.get(uid);
    if (channel) this.write({ ...channel, ...change(channel) });
  }

  /** Keeps a channel's record; false when the model's record already says all of it. */
  private write(record: ChannelRecord): boolean {
    const known = this.channels.current.get(record.uid);
    if (known && sameRecord(known, record)) return false;
    this.channels.set(record.uid, record);
    return true;
  }

  private hangup(uid: string): void {
    this.channels.delete(uid);
    for (const [slot, record] of this.parked.current) if (record.parkeeUid === uid) this.parked.delete(slot);
    for (const channel of this.channels.current.values()) {
      if (channel.dialedBy === uid) this.channels.set(channel.uid, { ...channel, dialedBy: undefined });
    }
  }

  private rename(uid: string | undefined, oldName: string, newName: string): boolean {
    const channel =
      (uid !== undefined ? this.channels.current.get(uid) : undefined) ??
      [...this.channels.current.values()].find((candidate) => candidate.name === oldName);
    if (!channel) return false;
    this.channels.set(channel.uid, { ...channel, name: newName });
    return true;
  }

  private dialEnd(callerUid: string | undefined, destUid: string | undefined, status: string): void {
    // An answered dial stays joined until the callee leaves the bridge it answered into.
    if (status.toUpperCase() === 'ANSWER') return;
    for (const channel of this.channels.current.values()) {
      const isDest = destUid !== undefined ? channel.uid === destUid : channel.dialedBy === callerUid;
      if (isDest && channel.dialedBy !== undefined) this.channels.set(channel.uid, { ...channel, dialedBy: undefined });
    }
  }

  private moveBridge(from: string, to: string | undefined): void {
    for (const channel of this.channels.current.values()) {
      if (channel.bridgeId === from) this.channels.set(channel.uid, { ...channel, bridgeId: to });
    }
  }

  private link(a: ChannelSnapshot, b: ChannelSnapshot): void {
    const bridgeId =
      this.channels.current.get(a.uid)?.bridgeId ?? this.channels.current.get(b.uid)?.bridgeId ?? `link:${a.uid}`;
    this.see(a, { bridgeId, dialedBy: undefined });
    this.see(b, { bridgeId, dialedBy: undefined });
  }

  private park(event: Extract<PbxEvent, { kind: 'parked' }>): void {
    this.see(event.parkee);
    this.parked.set(event.slot, {
      slot: event.slot,
      lot: event.lot,
      parkeeUid: event.parkee.uid,
      parkeeNumber: event.parkee.callerNum ?? '',
      parkeeName: event.parkee.callerName ?? '',
      parker: event.parker,
      parkedAt: this.now - event.durationSecs * 1000,
      timeoutAt: this.now + event.timeoutSecs * 1000,
    });
  }
}

function sameRecord(a: ChannelRecord, b: ChannelRecord): boolean {
  for (const key of Object.keys(b) as (keyof ChannelRecord)[]) if (a[key] !== b[key]) return false;
  return true;
}
