/**
 * Directed pickup as trace 24 shows it: the operator's phone answers an Originate into `Pickup`
 * (`exten@context`: a ringing leg whose caller dialled that exten, in the leg's own context) or
 * `PickupChan` (a prefix of the ringing leg's channel name). The picked leg hangs up "answered
 * elsewhere" with no DialEnd, the caller's other legs are cancelled, and the caller's Dial reports
 * the picker as the one that answered. Nothing to pick up: the picker simply hangs up.
 */
import type { SimChannel } from '../model';
import { endDial } from './dialling';
import { audioStarts } from './handsets';
import type { Telephony } from './index';
import type { PendingDial } from './types';

export const isDirectedPickup = (application: string) => /^Pickup(Chan)?$/i.test(application);

export function pickUp(t: Telephony, picker: SimChannel, application: string, data: string): void {
  const [wanted = ''] = data.split(',');
  const matches = /^PickupChan$/i.test(application)
    ? (p: PendingDial) => p.dest.name.startsWith(wanted)
    : (p: PendingDial) => {
        const [exten, context = picker.context] = wanted.split('@');
        return p.caller?.exten === exten && p.dest.context === context;
      };
  const pending = [...t.pending.values()].find(
    (p) => p.caller && p.dest !== picker && p.dest.state === 'Ringing' && wanted !== '' && matches(p),
  );
  if (!pending?.caller) {
    t.hangup(picker, 16);
    return;
  }
  const caller = pending.caller;
  endDial(t, pending, undefined);
  t.model.destroyChannel(pending.dest, 26);
  pending.onAnswering?.(picker);
  t.model.emit({ kind: 'dialEnd', caller, dest: picker, status: 'ANSWER' });
  t.model.setConnectedLine(caller, picker.callerIdNum, picker.callerIdName);
  pending.onAnswer(picker);
  audioStarts(t, picker);
}
