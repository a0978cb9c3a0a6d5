/** A ring group: every member rings at once; the first to answer takes the call, the others stop. */
import type { Hint, SimChannel } from '../model';
import type { OfficeRingGroup } from '../office';
import { endDial } from './dialling';
import type { Telephony } from './index';

export function ringGroup(t: Telephony, caller: SimChannel, group: OfficeRingGroup): void {
  const members = group.members.map((exten) => t.model.hintByExten(exten)).filter((h): h is Hint => !!h);
  const legs: SimChannel[] = [];
  let failed = 0;
  for (const hint of members) {
    const leg = t.dial(caller, hint, {
      via: group.context,
      optimize: group.optimize,
      timeoutMs: 20_000,
      answerAfterMs: group.ringMs,
      onAnswering: (dest) => {
        // The other legs first: DialEnd CANCEL, then Hangup "Answered elsewhere" (trace 24).
        for (const other of legs) {
          const pending = other === dest ? undefined : t.pending.get(other.uniqueid);
          if (!pending) continue;
          endDial(t, pending, 'CANCEL');
          t.model.destroyChannel(other, 26);
        }
      },
      onAnswer: (dest) => t.bridgeTogether(caller, dest),
      onFail: () => {
        if (++failed === members.length) t.hangup(caller, 16);
      },
    });
    if (leg) legs.push(leg);
  }
}
