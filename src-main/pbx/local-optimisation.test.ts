import { afterEach, describe, expect, it } from 'vitest';
import { sessionOnSim, until } from './testing/sim-session';

/**
 * A call through a Local pair dialled without `/n` (ring group 650 of the `local-optimisation`
 * flavour): once the phone answers, Asterisk swaps it into the caller's bridge and the pair hangs
 * up. The console, built as the app builds it with a default profile, keeps the call on its tiles.
 */
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('a call whose Local pair optimises away', () => {
  it('103 → ring group 650, 105 answers: the same call on tiles 103 (You) and 105 before and after, hung up from the card', async () => {
    const { pbx, session, store, close } = await sessionOnSim(
      { flavour: 'local-optimisation' },
      { myDevice: 'PJSIP/103' },
    );
    cleanups.push(close);
    pbx.telephony.noAnswer.add('PJSIP/105').add('PJSIP/106');
    const calls = () => store.values('calls');
    const tiles = () => calls().map((call) => call.parties.map((party) => [party.extensionId, party.state]));
    expect(session.desk.identity().myExtensionId).toBe('103@internal');

    await pbx.placeCall('103', '650');
    // The three channels appear before the ring group's phones ring: wait for the states, not the count.
    await expect.poll(tiles, { timeout: 10_000 }).toEqual([
      [
        ['103@internal', 'dialing'],
        ['105@internal', 'ringing'],
        ['106@internal', 'ringing'],
      ],
    ]);
    const callId = calls()[0]!.id;

    const leg = [...pbx.model.channels.values()].find((ch) => /^Local\/105@from-internal-.*;1$/.test(ch.name))!;
    pbx.telephony.answer(leg);
    await until(() => [...pbx.model.channels.values()].every((ch) => !ch.name.startsWith('Local/')));
    const phones = [...pbx.model.channels.values()].map((ch) => ch.name.split('-')[0]).sort();
    expect(phones).toEqual(['PJSIP/103', 'PJSIP/105']);
    await until(() => calls()[0]?.state === 'up' && tiles()[0]?.length === 2);
    expect(calls().map((call) => call.id)).toEqual([callId]);
    await expect.poll(tiles, { timeout: 10_000 }).toEqual([
      [
        ['103@internal', 'up'],
        ['105@internal', 'up'],
      ],
    ]);
    expect(session.desk.identity().myExtensionId).toBe('103@internal');

    const sent = pbx.actionsReceived.length;
    expect(await session.desk.hangup(callId)).toMatchObject({ ok: true });
    await until(() => calls().length === 0 && pbx.model.channels.size === 0);
    const hangups = pbx.actionsReceived.slice(sent).filter((a) => a.action.get('Action') === 'Hangup');
    expect(hangups.map((a) => a.action.get('Channel')?.split('-')[0]).sort()).toEqual(['PJSIP/103', 'PJSIP/105']);
  });
});
