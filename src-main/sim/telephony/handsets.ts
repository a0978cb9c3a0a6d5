/**
 * How a call reaches a phone. On most PBXs the phone's own channel (`PJSIP/105-…`). Where handsets
 * are Local channels (the traces' lab PBX), a pair `Local/105@phones-…;1` (the leg the caller is
 * bridged with) and `;2` (the phone: Ringing, Answer, Wait). Where a queue or ring group dials
 * through a Local channel with `/n` (FreePBX's `Local/118@from-queue/n`), a pair whose `;2` dials
 * the phone and is bridged with it once it answers.
 */
import type { ChannelState, Hint, SimChannel } from '../model';
import type { Telephony } from './index';
import { allowOptimization } from './local-optimisation';
import type { PendingDial } from './types';

interface ChannelIds {
  callerIdNum?: string;
  callerIdName?: string;
  connectedNum?: string;
  connectedName?: string;
  linkedid?: string;
}

/** A call leg towards a phone: the channel that joins the caller, the DialString, and how it answers. */
export interface Callee {
  readonly dest: SimChannel;
  readonly dialString: string;
  /** Rings the phone behind a Local channel, once the caller's Dial has begun. */
  readonly ringPhone?: () => void;
  /** Runs when the leg answers, before `dest` is Up (the phone behind a Local channel picks up). */
  readonly answerPhone?: () => void;
}

/** Opens a Local channel pair `Local/<exten>@<context>-<seq>;1/;2` and reports it (LocalBridge). */
function openLocalPair(
  t: Telephony,
  at: { exten: string; context: string; optimize: boolean },
  one: ChannelIds & { device: string; state: ChannelState; application: string; appData: string },
  two: ChannelIds & { application: string; appData: string },
): { one: SimChannel; two: SimChannel } {
  const model = t.model;
  const base = `Local/${at.exten}@${at.context}-${model.nextChannelSeq()}`;
  const device = `Local/${at.exten}@${at.context}`;
  const first = model.createChannel({ ...one, name: `${base};1`, context: at.context, exten: at.exten });
  const second = model.createChannel({
    ...two,
    name: `${base};2`,
    device,
    state: 'Ring',
    context: at.context,
    exten: at.exten,
    linkedid: first.linkedid,
  });
  first.localPeer = second;
  second.localPeer = first;
  if (at.optimize) allowOptimization(first);
  model.emit({
    kind: 'localBridge',
    one: first,
    two: second,
    context: at.context,
    exten: at.exten,
    optimize: at.optimize,
  });
  return { one: first, two: second };
}

/**
 * The leg a caller's Dial opens to `hint`'s phone, straight or through a Local channel into `via`
 * (with `/n` unless `optimize`: then the pair optimises away once the phone and the caller are bridged).
 */
export function openCallee(
  t: Telephony,
  caller: SimChannel | undefined,
  hint: Hint,
  via?: string,
  optimize = false,
): Callee {
  const model = t.model;
  const ids = {
    connectedNum: caller?.callerIdNum,
    connectedName: caller?.callerIdName,
    linkedid: caller?.linkedid,
  };
  const handsets = model.office.localHandsets;
  if (handsets) {
    // The pair's ;1 carries the callee's number with the caller's name (trace 25); ;2 the caller's.
    const { one } = openLocalPair(
      t,
      { exten: hint.exten, context: handsets, optimize: true },
      {
        ...ids,
        device: hint.device,
        state: 'Down',
        callerIdNum: hint.exten,
        callerIdName: caller?.callerIdName,
        application: 'AppDial',
        appData: '(Outgoing Line)',
      },
      {
        callerIdNum: caller?.callerIdNum,
        callerIdName: caller?.callerIdName,
        connectedNum: hint.exten,
        connectedName: caller?.callerIdName,
        application: 'Wait',
        appData: '3600',
      },
    );
    return { dest: one, dialString: `${hint.exten}@${handsets}` };
  }
  if (via) {
    const { one, two } = openLocalPair(
      t,
      { exten: hint.exten, context: via, optimize },
      {
        ...ids,
        device: `Local/${hint.exten}@${via}`,
        state: 'Down',
        callerIdNum: hint.exten,
        callerIdName: hint.name,
        application: 'AppDial',
        appData: '(Outgoing Line)',
      },
      {
        callerIdNum: caller?.callerIdNum,
        callerIdName: caller?.callerIdName,
        connectedNum: hint.exten,
        connectedName: hint.name,
        application: 'Dial',
        appData: `${hint.device},,`,
      },
    );
    const phone = phoneChannel(t, two, hint);
    // The ;2 half's own Dial: no timers of its own, it ends with the outer leg (a hangup of ;2 cancels it).
    const inner: PendingDial = {
      caller: two,
      dest: phone,
      answerTimer: undefined,
      timeoutTimer: undefined,
      onAnswer: () => {},
      onFail: () => t.hangup(two, 16),
    };
    t.pending.set(phone.uniqueid, inner);
    return {
      dest: one,
      dialString: optimize ? `${hint.exten}@${via}` : `${hint.exten}@${via}/n`,
      ringPhone: () => {
        model.emit({ kind: 'dialBegin', caller: two, dest: phone, dialString: hint.exten });
        model.setChannelState(phone, 'Ringing');
        model.emit({ kind: 'dialState', caller: two, dest: phone, status: 'RINGING' });
      },
      answerPhone: () => {
        t.pending.delete(phone.uniqueid);
        model.setChannelState(phone, 'Up');
        model.emit({ kind: 'dialEnd', caller: two, dest: phone, status: 'ANSWER' });
        model.setChannelState(two, 'Up');
        t.bridgeTogether(two, phone);
      },
    };
  }
  const dest = phoneChannel(t, caller, hint);
  return { dest, dialString: hint.device.slice(hint.device.indexOf('/') + 1) };
}

/** Applications that send a handset no audio when they start: it reaches the phone once they spy or pick up. */
const SILENT_APPLICATIONS = /^(ChanSpy|Pickup|PickupChan)$/i;

/**
 * The handset is about to answer into `application`: on a Local handset, Answer() waits for the first
 * audio before the lab's dialplan sets the lamp INUSE, so a silent application keeps it ringing (traces 21, 24).
 */
export function awaitAudio(t: Telephony, channel: SimChannel, application: string): void {
  if (t.model.office.localHandsets && SILENT_APPLICATIONS.test(application)) channel.awaitingAudio = true;
}

/** The first audio reaches a handset that waited for it: its lamp goes INUSE. */
export function audioStarts(t: Telephony, channel: SimChannel): void {
  if (!channel.awaitingAudio || channel.hungUp) return;
  channel.awaitingAudio = false;
  t.model.refreshDevice(channel.device);
}

function phoneChannel(t: Telephony, caller: SimChannel | undefined, hint: Hint): SimChannel {
  return t.model.createChannel({
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
}

/**
 * The channel of a call a handset starts (Originate from the console, a call placed by a scenario):
 * the phone's own, or the `;1` half of its Local pair (whose `;2` rings the phone).
 */
export function openHandset(
  t: Telephony,
  hint: Hint,
  init: ChannelIds & { state: ChannelState; context: string; exten: string; application?: string; appData?: string },
): { channel: SimChannel; dialString: string } {
  const model = t.model;
  const handsets = model.office.localHandsets;
  if (!handsets) {
    const channel = model.createChannel({ ...init, device: hint.device });
    return { channel, dialString: hint.device.slice(hint.device.indexOf('/') + 1) };
  }
  const { one } = openLocalPair(
    t,
    { exten: hint.exten, context: handsets, optimize: true },
    { ...init, device: hint.device, application: init.application ?? '', appData: init.appData ?? '' },
    {
      callerIdNum: init.callerIdNum,
      callerIdName: init.callerIdName,
      connectedNum: init.connectedNum,
      connectedName: init.connectedName,
      application: 'Wait',
      appData: '3600',
    },
  );
  return { channel: one, dialString: `${hint.exten}@${handsets}` };
}
