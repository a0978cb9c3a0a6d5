/** A channel hangs up, whatever it was doing: ringing, consulting, queued, parked or bridged. */
import type { HangupCause, SimChannel } from '../model';
import { endSpying } from './chanspy';
import { endDial, pendingFor } from './dialling';
import type { Telephony } from './index';
import { releaseSpace } from './parking';
import { completeAgentCall, leaveQueue } from './queue';
import { completeAttendedTransfer, returnFromConsultation } from './transfers';

export function hangup(t: Telephony, channel: SimChannel, cause: HangupCause = 16): void {
  if (channel.hungUp) return;
  endSpying(t, channel);
  const model = t.model;
  const consultation = t.consultations.get(channel.uniqueid);
  if (consultation) {
    completeAttendedTransfer(t, consultation, cause);
    return;
  }
  const consulted = [...t.consultations.values()].find((c) => c.target === channel);
  if (consulted && !t.pending.has(channel.uniqueid)) {
    model.leaveBridge(channel);
    model.destroyChannel(channel, cause);
    returnFromConsultation(t, consulted);
    return;
  }
  for (const p of pendingFor(t, channel)) {
    if (p.dest === channel) {
      endDial(t, p, 'BUSY');
      model.leaveBridge(channel);
      model.destroyChannel(channel, cause);
      p.onFail('BUSY');
      return;
    }
    endDial(t, p, 'CANCEL');
    model.destroyChannel(p.dest, 16);
  }
  leaveQueue(t, channel, true);
  const parked = model.parkedByChannel(channel);
  if (parked) {
    releaseSpace(t, parked);
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
  completeAgentCall(t, channel);
  model.destroyChannel(channel, cause);
  model.destroyBridgeIfEmpty(bridge);
  for (const peer of peers) t.hangup(peer, 16);
  t.distributeQueue();
}
