import { afterEach, describe, expect, it } from 'vitest';
import type { ListeningSession } from '../../src-preload/state';
import { AmiClient } from '../ami/client';
import { ProfileDraftSchema, type UserProfile } from '../../src-shared/profile';
import { startSimulatedPbx, type SimulatedPbx } from '../sim';
import type { SimDialect } from '../sim';
import { clientOptionsFor, openSession } from '../session/login';
import { ListeningTracker, type ListeningEnd } from './listening';
import { PictureStore } from './picture-store';
import { sessionOnTrace } from './testing/trace-session';
import { liveEvents, readTrace } from './testing/traces';

/** Issue 11 on the PBX side: voicemail counts, presence and DND set from the console, taking a call, ChanSpy. */
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function onTrace(trace: string, settings: Partial<UserProfile> = {}) {
  const session = await sessionOnTrace(readTrace(trace), { settings });
  cleanups.push(() => session.close());
  return session;
}

describe('voicemail, presence and DND from the lab PBX traces', () => {
  it('17: every box of VoicemailUsersList has its counts at login; MessageWaiting moves 101 to 1 new, then 0', async () => {
    const lab = await onTrace('17-mwi');
    expect(lab.received('VoicemailUsersList')).toHaveLength(1);
    expect(lab.store.get('extensions', '101@internal')?.voicemail).toEqual({
      mailbox: '101@default',
      newMessages: 0,
      oldMessages: 0,
    });
    const messageWaiting = readTrace('17-mwi').filter(({ message }) => message.event === 'MessageWaiting');
    await lab.playUntil(messageWaiting[0]!.t + 1);
    expect(lab.store.get('extensions', '101@internal')?.voicemail).toMatchObject({ newMessages: 1, oldMessages: 0 });
    await lab.playUntil();
    expect(lab.store.get('extensions', '101@internal')?.voicemail).toMatchObject({ newMessages: 0, oldMessages: 0 });
    // The counts came in the list and the events: no box was asked one by one.
    expect(lab.received('MailboxCount')).toEqual([]);
  });

  it('22: the console sets presence with the value syntax Asterisk took, and FreePBX DND as AstDB flag plus device', async () => {
    const lab = await onTrace('receptionist/22-presence-dnd-set', { dndMethod: 'freepbx' });
    const extensions = lab.session.extensions;
    expect(await extensions.setPresence('110@internal', 'away', 'Back at two')).toEqual({ ok: true, value: undefined });
    expect(await extensions.setDnd('105@internal', true)).toEqual({ ok: true, value: undefined });
    expect(await extensions.setDnd('105@internal', false)).toEqual({ ok: true, value: undefined });
    const setvars = lab.received('Setvar').map((action) => [action.get('Variable'), action.get('Value')]);
    expect(setvars).toEqual([
      ['PRESENCE_STATE(CustomPresence:110)', 'away,,Back at two'],
      ['DEVICE_STATE(Custom:DND105)', 'BUSY'],
      ['DEVICE_STATE(Custom:DND105)', 'NOT_INUSE'],
    ]);
    expect(lab.received('DBPut').map((action) => [action.get('Family'), action.get('Key'), action.get('Val')])).toEqual(
      [['DND', '105', 'YES']],
    );
    expect(lab.received('DBDel').map((action) => [action.get('Family'), action.get('Key')])).toEqual([['DND', '105']]);
    // Nothing on the tile changed by asking: only the PBX's events move it.
    expect(lab.store.get('extensions', '110@internal')?.presence).toBeUndefined();
    await lab.playUntil();
    expect(lab.store.get('extensions', '110@internal')?.presence).toBeUndefined();
  });

  it('22: a hint without CustomPresence cannot be given a presence, and says what the admin adds', async () => {
    const lab = await onTrace('receptionist/22-presence-dnd-set');
    const refused = await lab.session.extensions.setPresence('105@internal', 'away', '');
    expect(refused).toMatchObject({ ok: false, error: { code: 'unsupported' } });
    expect(!refused.ok && refused.error.message).toContain(',CustomPresence:105');
    expect(lab.received('Setvar')).toEqual([]);
  });

  it('24: taking the ring-group call redirects the caller running Dial to my extension, as the recorder did', async () => {
    const lab = await onTrace('receptionist/24-ringgroup-and-pickup', {
      myDevice: '100',
      dialContext: 'internal',
    });
    const redirect = readTrace('receptionist/24-ringgroup-and-pickup').find(
      ({ message }) => message.get('Message') === 'Redirect successful',
    );
    await lab.playUntil(redirect!.t);
    const ringing = lab.calls().find((call) => call.parties.some((party) => party.state === 'ringing'));
    expect(ringing).toBeDefined();
    const taken = await lab.session.desk.take(ringing!.id);
    expect(taken).toMatchObject({ ok: true, value: { kind: 'watching' } });
    expect(lab.received('Redirect').map((action) => [action.get('Channel'), action.get('Exten')])).toEqual([
      ['Local/103@internal-0000004c;1', '100'],
    ]);
  });

  it('21: a listening session is calling until ChanSpyStart, listening until ChanSpyStop', () => {
    const store = new PictureStore();
    const ended: ListeningEnd[] = [];
    const tracker = new ListeningTracker(
      store,
      (_session, end) => ended.push(end),
      () => {},
    );
    const session: ListeningSession = { id: 'l1', callId: 'c1', partyId: 'p1', mode: 'listen', stage: 'calling' };
    tracker.begin(session, 'rec-4', 'Local/103@phones-00000041;1', 0);
    const stages: (string | undefined)[] = [];
    for (const { message } of liveEvents(readTrace('receptionist/21-chanspy'))) {
      tracker.handleEvent(message, 0);
      const now = store.get('listening', 'l1')?.stage;
      if (stages.at(-1) !== now) stages.push(now);
    }
    expect(stages).toEqual(['calling', 'listening', undefined]);
    expect(ended).toEqual(['stopped']);
  });
});

/** The demo office in one dialect, with the console logged in as the app builds it. */
async function consoleOn(dialect: SimDialect) {
  const pbx: SimulatedPbx = await startSimulatedPbx({ port: 0, dialect, flavour: 'freepbx', answerDelayMs: 50 });
  cleanups.push(() => pbx.close());
  const profile: UserProfile = {
    kind: 'user',
    id: '3c1e7b2a-9d4f-4a6e-8b1c-2f5d7e9a0b13',
    ...ProfileDraftSchema.parse({
      displayName: 'Sim',
      host: pbx.host,
      port: pbx.port,
      username: 'demo',
      myDevice: '100',
      dialContext: 'internal',
    }),
  };
  const store = new PictureStore();
  const link = new AmiClient({ reconnect: { baseMs: 50, capMs: 200 }, ...clientOptionsFor(profile, 'demo') });
  const session = openSession(profile, link, {
    identity: { target: 'sim', profileId: profile.id },
    username: 'demo',
    store,
    onProgress: () => {},
    onCallRecord: () => {},
  });
  cleanups.push(() => session.stop());
  session.start();
  await until(() => session.status.kind === 'connected');
  return { pbx, store, session };
}

describe('the same voicemail, presence and DND model from Asterisk 11, 18 and 22', () => {
  it('a new message and presence set away read the same in every dialect; DND too where device states are events (13+)', async () => {
    const seen: Record<string, unknown> = {};
    for (const dialect of ['asterisk-11', 'asterisk-18', 'asterisk-22'] as const) {
      const { pbx, store, session } = await consoleOn(dialect);
      pbx.model.setMailbox('105@default', 2, 1);
      expect([
        await session.extensions.setPresence('110@internal', 'away', 'Back at two'),
        await session.extensions.setDnd('106@internal', true),
      ]).toEqual([
        { ok: true, value: undefined },
        { ok: true, value: undefined },
      ]);
      // Asterisk 11 has no DeviceStateChange: its hint just reads Busy, and DND cannot be told from a call.
      const deviceStates = dialect !== 'asterisk-11';
      await until(
        () =>
          store.get('extensions', '105@internal')?.voicemail?.newMessages === 2 &&
          store.get('extensions', '110@internal')?.presence?.state === 'away' &&
          store.get('extensions', '106@internal')?.lamp === (deviceStates ? 'idle' : 'busy'),
      );
      seen[dialect] = ['105', '110'].map((exten) => {
        const tile = store.get('extensions', `${exten}@internal`);
        return { voicemail: tile?.voicemail, presence: tile?.presence };
      });
      expect(store.get('extensions', '106@internal')?.dnd).toBe(deviceStates);
      // The DND device went BUSY on the PBX itself, so its dialplan answers busy.
      expect(pbx.model.stateOf('Custom:DND106')).toBe('BUSY');
      expect(pbx.model.astdb.get('DND/106')).toBe('YES');
    }
    expect(seen['asterisk-11']).toEqual(seen['asterisk-22']);
    expect(seen['asterisk-18']).toEqual(seen['asterisk-22']);
    expect(seen['asterisk-22']).toEqual([
      { voicemail: { mailbox: '105@default', newMessages: 2, oldMessages: 1 }, presence: undefined },
      {
        voicemail: { mailbox: '110@default', newMessages: 0, oldMessages: 0 },
        presence: { state: 'away', subtype: '', message: 'Back at two' },
      },
    ]);
  });
});

describe('the same queue model from Asterisk 11 and 22', () => {
  it('callers waiting, a paused member and its reason read the same in both dialects', async () => {
    const seen: Record<string, unknown> = {};
    for (const dialect of ['asterisk-11', 'asterisk-22'] as const) {
      const { pbx, store, session } = await consoleOn(dialect);
      for (const member of pbx.model.queue.members) pbx.setDeviceState(member.stateInterface, 'UNAVAILABLE');
      await pbx.placeCall('0301111111', '800');
      await pbx.placeCall('0302222222', '800');
      const member = () => store.values('queues')[0]?.members.find((one) => one.name === 'Queue Agent Two');
      await until(() => member() !== undefined && member()?.state === 'unavailable');
      expect(await session.queueDesk.pause(member()!.id, true, 'lunch')).toMatchObject({ ok: true });
      await until(() => store.values('queues')[0]?.callers.length === 2 && member()?.pausedReason === 'lunch');
      seen[dialect] = store.values('queues').map((queue) => ({
        name: queue.name,
        callers: queue.callers.map(({ position, number }) => ({ position, number })),
        members: queue.members.map(({ name, state, paused, pausedReason, dynamic }) => ({
          name,
          state,
          paused,
          pausedReason,
          dynamic,
        })),
      }));
    }
    expect(seen['asterisk-11']).toEqual(seen['asterisk-22']);
    expect(seen['asterisk-22']).toEqual([
      {
        name: 'operator',
        callers: [
          { position: 1, number: '0301111111' },
          { position: 2, number: '0302222222' },
        ],
        members: [
          { name: 'Queue Agent One', state: 'unavailable', paused: false, pausedReason: '', dynamic: false },
          { name: 'Queue Agent Two', state: 'unavailable', paused: true, pausedReason: 'lunch', dynamic: false },
        ],
      },
    ]);
  });
});
