import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_BOARD_PREFS } from '../../src-shared/profile';
import { FLAVOURS } from '../sim';
import { sessionOnSim, until } from './testing/sim-session';

/**
 * Which name a tile shows: the operator's own name (her profile) over the PBX's names (voicemail
 * full name, PJSIP endpoint or chan_sip peer caller ID), over a caller ID learned from a call, over
 * the device string (which the page shows when the name is empty).
 */
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('tile names', () => {
  it("my own name for 105 wins over its voicemail name; taken away, the PBX's name is back", async () => {
    const { store, session, close } = await sessionOnSim(
      { flavour: 'local-handsets' },
      { board: { ...DEFAULT_BOARD_PREFS, ownNames: { '105@internal': 'Emma (front desk)' } } },
    );
    cleanups.push(close);
    const nameOf = (exten: string) => store.get('extensions', `${exten}@internal`)?.name;
    await until(() => nameOf('105') !== undefined);
    expect([nameOf('105'), nameOf('106')]).toEqual(['Emma (front desk)', 'Felix Garcia']);

    session.setOwnNames({ '106@internal': 'Felix G.' });
    expect([nameOf('105'), nameOf('106')]).toEqual(['Emma Fischer', 'Felix G.']);
  });

  it('a caller ID learned from a call names a tile without a voicemail name, but not over my own name', async () => {
    const demo = FLAVOURS.demo();
    const office = {
      ...demo,
      extensions: demo.extensions.map((extension) =>
        ['103', '107'].includes(extension.exten) ? { ...extension, mailbox: false } : extension,
      ),
    };
    const { pbx, store, close } = await sessionOnSim(
      { office },
      { board: { ...DEFAULT_BOARD_PREFS, ownNames: { '103@internal': 'Chloe at the desk' } } },
    );
    cleanups.push(close);
    const nameOf = (exten: string) => store.get('extensions', `${exten}@internal`)?.name;
    await until(() => nameOf('107') !== undefined);
    expect([nameOf('103'), nameOf('107')]).toEqual(['Chloe at the desk', '']);
    await pbx.placeCall('103', '104');
    await pbx.placeCall('107', '108');
    await until(() => nameOf('107') === 'Grace Hall');
    expect(nameOf('103')).toBe('Chloe at the desk');
  });
});
