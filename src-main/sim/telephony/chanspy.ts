/**
 * ChanSpy as trace 21 shows it: the operator's phone answers an Originate into ChanSpy, ~100 ms later
 * ChanSpyStart names spyer and spyee; the spyer hanging up, or the spied channel ending (option E),
 * gives ChanSpyStop. Nothing to spy on: no event, the spyer hangs up ~100 ms after answering.
 */
import type { SimChannel } from '../model';
import { audioStarts } from './handsets';
import type { Telephony } from './index';

const START_DELAY_MS = 100;
/** From ChanSpyStart to the spied audio reaching a Local handset, whose lamp then goes INUSE (trace 21: 42 ms). */
const FIRST_AUDIO_MS = 42;

export function startChanSpy(t: Telephony, spyer: SimChannel, data: string): void {
  const [prefix = ''] = data.split(',');
  t.later(START_DELAY_MS, () => {
    if (spyer.hungUp) return;
    const spyee = [...t.model.channels.values()].find(
      (channel) => channel !== spyer && !channel.hungUp && channel.state === 'Up' && channel.name.startsWith(prefix),
    );
    if (!prefix || !spyee) {
      t.hangup(spyer, 16);
      return;
    }
    t.spies.set(spyer.uniqueid, { spyer, spyee });
    t.model.emit({ kind: 'chanSpyStart', spyer, spyee });
    if (spyer.awaitingAudio) t.later(FIRST_AUDIO_MS, () => audioStarts(t, spyer));
  });
}

/** A channel hangs up: a spy session it is part of stops; a spied channel that ends takes the spyer with it. */
export function endSpying(t: Telephony, channel: SimChannel): void {
  for (const [id, spy] of t.spies) {
    if (spy.spyer !== channel && spy.spyee !== channel) continue;
    t.spies.delete(id);
    t.model.emit({ kind: 'chanSpyStop', spyer: spy.spyer, spyee: spy.spyee });
    if (spy.spyee === channel) t.later(0, () => t.hangup(spy.spyer, 16));
  }
}
