/** Redirect, blind transfer and attended transfer (Atxfer). */
import type { DialplanAddress, HangupCause, SimChannel } from '../model';
import { endDial, pendingFor } from './dialling';
import type { Telephony } from './index';
import { releaseSpace } from './parking';
import { redirectOutOfQueue } from './queue';
import type { AtxferOptions, Consultation } from './types';

/** Takes a channel out of its call; the other party of a two-party call is hung up. */
function detach(t: Telephony, channel: SimChannel, keep: SimChannel | undefined): void {
  const model = t.model;
  // A caller redirected while its Dial rings: every ringing leg is cancelled (trace 24).
  for (const dialled of pendingFor(t, channel)) {
    if (dialled.caller !== channel) continue;
    endDial(t, dialled, 'CANCEL');
    model.destroyChannel(dialled.dest, 16);
  }
  const parked = model.parkedByChannel(channel);
  if (parked) {
    releaseSpace(t, parked);
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

export function redirect(
  t: Telephony,
  channel: SimChannel,
  to: DialplanAddress,
  extra?: { channel: SimChannel; to: DialplanAddress },
): void {
  redirectOutOfQueue(t, channel, to);
  detach(t, channel, extra?.channel);
  if (extra) detach(t, extra.channel, channel);
  t.runDialplan(channel, to.context, to.exten);
  if (extra) t.runDialplan(extra.channel, extra.to.context, extra.to.exten);
}

export function blindTransfer(t: Telephony, transferer: SimChannel, to: DialplanAddress): boolean {
  const model = t.model;
  const bridge = transferer.bridgeId ? model.bridges.get(transferer.bridgeId) : undefined;
  const transferee = model.bridgePeers(transferer)[0];
  if (!bridge || !transferee) return false;
  // Asterisk takes the transferer off hold before it leaves, held or not (trace 10).
  model.emit({ kind: 'unhold', channel: transferer });
  model.emit({ kind: 'blindTransfer', transferer, transferee, bridge, context: to.context, exten: to.exten });
  model.leaveBridge(transferer);
  model.destroyChannel(transferer, 16);
  model.leaveBridge(transferee);
  model.destroyBridgeIfEmpty(bridge);
  t.runDialplan(transferee, to.context, to.exten);
  return true;
}

/**
 * Whether Atxfer on this channel transfers: the PBX-wide setting (`Dial(...,tT)`), or the channel's
 * BRIDGE_FEATURES grants it to this channel's side of the call, as on a real Asterisk: `T` for the
 * calling party, `t` for the called one (`T` on the called party does nothing, `Tt` works for both).
 */
export function hasTransferFeature(t: Telephony, channel: SimChannel): boolean {
  if (t.atxfer === 'transfers') return true;
  const called = channel.application === 'AppDial';
  return (channel.vars.get('BRIDGE_FEATURES') ?? '').includes(called ? 't' : 'T');
}

/**
 * Atxfer with the transfer feature, as trace 11 part 2 recorded it: Hold on the transferer, a
 * consultation bridge with the target, the transferer moves there; when the transferer hangs up
 * the target is merged into the original bridge (BridgeMerge, AttendedTransfer). If the target
 * fails or hangs up first, the transferer returns to the original call.
 */
export function attendedTransfer(
  t: Telephony,
  transferer: SimChannel,
  to: DialplanAddress,
  options: AtxferOptions = {},
): boolean {
  const model = t.model;
  const target = t.resolve(to.context, to.exten);
  const origBridge = transferer.bridgeId ? model.bridges.get(transferer.bridgeId) : undefined;
  if (target?.kind !== 'extension' || origBridge?.type !== 'basic' || model.bridgePeers(transferer).length === 0)
    return false;
  if (t.consultations.has(transferer.uniqueid)) return false;
  // Asterisk reports the transferer as the one holding and plays music to the others; no
  // device-state change goes with it.
  model.emit({ kind: 'hold', channel: transferer });
  for (const waiting of model.bridgePeers(transferer))
    model.emit({ kind: 'musicOnHold', channel: waiting, playing: true });
  let consultation: Consultation | undefined;
  t.dial(undefined, target.hint, {
    withoutDialBegin: true,
    onCreated: (dest) => {
      const consultBridge = model.createBridge();
      model.enterBridge(consultBridge, dest);
      model.enterBridge(consultBridge, transferer);
      consultation = { transferer, origBridge, consultBridge, target: dest };
      t.consultations.set(transferer.uniqueid, consultation);
    },
    onAnswer: () => {
      if (options.hangUpAfterAnswerMs !== undefined)
        t.later(options.hangUpAfterAnswerMs, () => t.hangup(transferer, 16));
    },
    onFail: () => {
      if (consultation) returnFromConsultation(t, consultation);
    },
  });
  return consultation !== undefined;
}

/** The transferer hangs up: the target joins whoever waits in the original bridge. */
export function completeAttendedTransfer(t: Telephony, consultation: Consultation, cause: HangupCause): void {
  const model = t.model;
  const { transferer, origBridge, consultBridge, target } = consultation;
  t.consultations.delete(transferer.uniqueid);
  const transferee = model.bridges.has(origBridge.id) ? origBridge.channels[0] : undefined;
  if (!transferee || target.hungUp) {
    t.hangup(transferer, cause);
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
export function returnFromConsultation(t: Telephony, consultation: Consultation): void {
  const model = t.model;
  const { transferer, origBridge, consultBridge } = consultation;
  t.consultations.delete(transferer.uniqueid);
  if (transferer.hungUp) return;
  model.leaveBridge(transferer);
  model.destroyBridgeIfEmpty(consultBridge);
  if (!model.bridges.has(origBridge.id)) {
    t.hangup(transferer, 16);
    return;
  }
  for (const waiting of origBridge.channels) model.emit({ kind: 'musicOnHold', channel: waiting, playing: false });
  model.enterBridge(origBridge, transferer);
  model.emit({ kind: 'unhold', channel: transferer });
}
