import { afterEach, describe, expect, it } from 'vitest';
import { ProfileDraftSchema, type UserProfile } from '../../src-shared/profile';
import { AmiClient } from '../ami/client';
import { clientOptionsFor, openSession } from '../session/login';
import { startSimulatedPbx } from '../sim';
import { PictureStore } from './picture-store';

/** Tile names come from the PBX at every login, so a name changed on the PBX shows after a reconnect. */
const cleanups: Array<() => Promise<unknown> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('names on a reconnect', () => {
  it('a voicemail full name changed while the console was away is on the tile after it reconnects', async () => {
    const pbx = await startSimulatedPbx({ port: 0, flavour: 'local-handsets' });
    cleanups.push(() => pbx.close());
    const profile: UserProfile = {
      kind: 'user',
      id: '4a1b2c3d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
      ...ProfileDraftSchema.parse({ displayName: 'Sim', host: pbx.host, port: pbx.port, username: 'demo' }),
    };
    const store = new PictureStore();
    const link = new AmiClient({ ...clientOptionsFor(profile, 'demo'), reconnect: { baseMs: 100, capMs: 400 } });
    const session = openSession(profile, link, {
      identity: { target: 'sim', profileId: profile.id },
      username: profile.username,
      store,
      onProgress: () => {},
      onCallRecord: () => {},
    });
    session.start();
    cleanups.push(() => session.stop());
    const nameOf105 = () => store.get('extensions', '105@internal')?.name;
    await until(() => nameOf105() === 'Emma Fischer');
    const listed = () => pbx.actionsReceived.filter((entry) => entry.action.get('Action') === 'VoicemailUsersList');
    expect(listed()).toHaveLength(1);

    const mailbox = pbx.model.mailboxes.get('105@default')!;
    pbx.model.mailboxes.set('105@default', { ...mailbox, fullName: 'Emma Berg' });
    await pbx.faults.restart(300);
    await until(() => nameOf105() === 'Emma Berg');
    expect(listed()).toHaveLength(2);
    await until(() => session.status.kind === 'connected');
  });
});
