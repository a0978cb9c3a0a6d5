import { afterEach, describe, expect, it } from 'vitest';
import { FLAVOURS, type SimDialect } from '../sim';
import { sessionOnSim, until } from './testing/sim-session';

/**
 * Names the phones carry: the caller ID set on a chan_sip peer (Asterisk 11) or a PJSIP endpoint
 * (Asterisk 22) names a tile that voicemail does not, read at every login. The demo office's 104
 * and 108 phones carry a caller ID name their voicemail boxes do not have.
 */
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** The demo office without 104's voicemail box: only its phone can name it. */
function officeWithout104Mailbox() {
  const demo = FLAVOURS.demo();
  return {
    ...demo,
    extensions: demo.extensions.map((extension) =>
      extension.exten === '104' ? { ...extension, mailbox: false } : extension,
    ),
  };
}

async function boardOn(dialect: SimDialect) {
  const opened = await sessionOnSim({ dialect, office: officeWithout104Mailbox() });
  cleanups.push(opened.close);
  const nameOf = (exten: string) => opened.store.get('extensions', `${exten}@internal`)?.name;
  const asked = (action: string) =>
    opened.pbx.actionsReceived.filter((entry) => entry.action.get('Action') === action).length;
  return { ...opened, nameOf, asked };
}

describe('names from the phones', () => {
  it("on Asterisk 11 a tile without a voicemail name shows its chan_sip peer's caller ID name; voicemail still wins where it has one", async () => {
    const { nameOf, asked, session } = await boardOn('asterisk-11');
    await until(() => nameOf('104') !== undefined);
    expect([nameOf('104'), nameOf('108'), nameOf('103')]).toEqual(['Dave Eklund (desk)', 'Hugo Ito', 'Chloe Dubois']);
    expect(asked('SIPpeers')).toBe(1);
    expect(asked('SIPshowpeer')).toBe(1);
    expect(asked('PJSIPShowEndpoint')).toBe(0);
    expect(session.status.kind).toBe('connected');
  });

  it("on Asterisk 22 a tile without a voicemail name shows its PJSIP endpoint's caller ID name", async () => {
    const { nameOf, asked } = await boardOn('asterisk-22');
    await until(() => nameOf('104') !== undefined);
    expect([nameOf('104'), nameOf('108')]).toEqual(['Dave Eklund (desk)', 'Hugo Ito']);
    expect(asked('PJSIPShowEndpoint')).toBe(1);
    expect(asked('SIPpeers')).toBe(0);
  });

  it('a caller ID name changed on the chan_sip peer while the console was away is on the tile after it reconnects', async () => {
    const { nameOf, asked, pbx, session } = await boardOn('asterisk-11');
    await until(() => nameOf('104') === 'Dave Eklund (desk)');
    pbx.model.phoneNames.set('SIP/104', 'David at the lab');
    await pbx.faults.restart(300);
    await until(() => nameOf('104') === 'David at the lab', 15_000);
    expect(asked('SIPshowpeer')).toBe(2);
    await until(() => session.status.kind === 'connected');
  });

  it('a user who may not list chan_sip peers still gets a board, the tile without a name', async () => {
    const user = {
      username: 'demo',
      secret: 'demo',
      read: ['all'],
      write: ['call', 'originate', 'agent', 'user', 'command'],
    };
    const { store, close, pbx, session } = await sessionOnSim({
      dialect: 'asterisk-11',
      office: officeWithout104Mailbox(),
      users: [user],
    });
    cleanups.push(close);
    await until(() => store.get('extensions', '104@internal')?.name !== undefined);
    expect(store.get('extensions', '104@internal')?.name).toBe('');
    expect(pbx.actionsReceived.filter((entry) => entry.action.get('Action') === 'SIPshowpeer')).toHaveLength(0);
    expect(session.status.kind).toBe('connected');
  });

  it('a phone without a caller ID name leaves the tile to the device, on either PBX', async () => {
    for (const dialect of ['asterisk-11', 'asterisk-22'] as const) {
      const demo = FLAVOURS.demo();
      const office = {
        ...demo,
        extensions: demo.extensions.map((extension) =>
          extension.exten === '107' ? { ...extension, mailbox: false } : extension,
        ),
      };
      const { store, close } = await sessionOnSim({ dialect, office });
      cleanups.push(close);
      await until(() => store.get('extensions', '107@internal')?.name !== undefined);
      expect(store.get('extensions', '107@internal')?.name).toBe('');
    }
  });
});
