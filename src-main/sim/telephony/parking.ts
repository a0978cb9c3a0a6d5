/** Parking a call, its timeout (comeback to reception) and its pickup. */
import type { SimChannel, SimParkedCall } from '../model';
import type { Telephony } from './index';

/** Parks a channel; returns the space, or undefined when the lot is full. */
export function park(
  t: Telephony,
  parkee: SimChannel,
  timeoutChannel: SimChannel | undefined,
  timeoutMs: number,
): number | undefined {
  const model = t.model;
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
    parkedAt: t.clock.now(),
  };
  model.parked.set(space, parked);
  model.emit({ kind: 'parkedCall', parked });
  model.enterBridge(model.parkingBridge, parkee);
  t.parkTimers.set(
    space,
    t.later(timeoutMs, () => parkingTimeout(t, parked)),
  );
  // The parker is left alone in the old bridge and hangs up shortly after (trace 12).
  for (const peer of peers) t.later(Math.min(t.answerDelayMs, 2600), () => t.hangup(peer, 16));
  return space;
}

export function releaseSpace(t: Telephony, parked: SimParkedCall): void {
  t.cancel(t.parkTimers.get(parked.space));
  t.parkTimers.delete(parked.space);
  t.model.parked.delete(parked.space);
}

function parkingTimeout(t: Telephony, parked: SimParkedCall): void {
  const model = t.model;
  if (model.parked.get(parked.space) !== parked) return;
  releaseSpace(t, parked);
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
    t.hangup(parkee, 16);
    return;
  }
  t.dial(parkee, reception, {
    onCreated: report,
    onAnswer: (dest) => t.bridgeTogether(parkee, dest),
    onFail: () => {
      report();
      t.hangup(parkee, 16);
    },
  });
}

export function pickup(t: Telephony, space: number, retriever: SimChannel): boolean {
  const model = t.model;
  const parked = model.parked.get(space);
  if (!parked) return false;
  releaseSpace(t, parked);
  model.emit({ kind: 'unparkedCall', parked, retriever });
  const bridge = model.createBridge();
  model.leaveBridge(parked.parkee);
  model.enterBridge(bridge, parked.parkee);
  model.enterBridge(bridge, retriever);
  return true;
}
