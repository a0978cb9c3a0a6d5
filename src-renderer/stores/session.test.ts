import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSimulatedPbx, type SimulatedPbx } from '../../src-main/sim';
import { openPageInNode, type PageInNode } from '../testing/page-in-node';
import { useProfilesStore } from './profiles';
import { useSessionStore } from './session';

const SECRET = 'front-desk-secret';
let page: PageInNode;
let pbx: SimulatedPbx;

beforeEach(async () => {
  setActivePinia(createPinia());
  page = await openPageInNode();
  pbx = await startSimulatedPbx({
    port: 0,
    users: [{ username: 'reception', secret: SECRET, read: ['all'], write: ['all'] }],
  });
});
afterEach(async () => {
  await page.close();
  await pbx.close();
});

async function frontDesk(): Promise<string> {
  const profiles = useProfilesStore();
  expect(
    await profiles.create({ displayName: 'Front desk', host: pbx.host, port: pbx.port, username: 'reception' }),
  ).toBe(true);
  return profiles.selectedId!;
}

describe('the session store', () => {
  it('follows main from disconnected to connected and shows the board, then back on log out', async () => {
    const session = useSessionStore();
    const stop = session.follow();
    const profileId = await frontDesk();
    await expect.poll(() => session.status.kind).toBe('disconnected');
    expect(session.showsBoard).toBe(false);

    await session.connect({ profileId, secret: SECRET });
    expect(session.status).toMatchObject({ kind: 'connected', username: 'reception' });
    expect(session.isLive).toBe(true);
    expect(session.showsBoard).toBe(true);
    expect(session.busy).toBe(false);

    await session.disconnect();
    expect(session.status.kind).toBe('disconnected');
    expect(session.showsBoard).toBe(false);
    stop();
  });

  it('keeps a refusal of the request apart from the link status: no secret saved', async () => {
    const session = useSessionStore();
    const profileId = await frontDesk();
    await session.connect({ profileId });
    expect(session.requestError).toMatchObject({ code: 'needsSecret', message: expect.stringMatching(/secret/i) });
    expect(session.status.kind).toBe('disconnected');
    expect(session.busy).toBe(false);
  });

  it('reports a wrong secret as a failed session, in words, and stays off the board', async () => {
    const session = useSessionStore();
    const profileId = await frontDesk();
    await session.connect({ profileId, secret: 'not-the-secret' });
    expect(session.status).toMatchObject({ kind: 'failed', reason: { code: 'authFailed' } });
    expect(session.showsBoard).toBe(false);
    expect(session.requestError).toBeUndefined();
  });
});
