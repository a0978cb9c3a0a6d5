import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSimulatedPbx, type SimulatedPbx } from '../../src-main/sim';
import { openPageInNode, type PageInNode } from '../testing/page-in-node';
import { usePrefsStore } from './prefs';
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

describe('the board preferences store', () => {
  it("adopts the logged-in profile's board choices and saves a change back to that profile", async () => {
    const profiles = useProfilesStore();
    const created = await profiles.create({
      displayName: 'Front desk',
      host: pbx.host,
      port: pbx.port,
      username: 'reception',
      board: { contexts: [], extensionFilter: '', grouping: 'none', tileSize: 'compact' },
    });
    expect(created, profiles.feedback?.message).toBe(true);
    const profileId = profiles.selectedId!;
    const prefs = usePrefsStore();
    const stop = prefs.follow();
    prefs.filter = '10';
    await useSessionStore().connect({ profileId, secret: SECRET });
    expect(prefs.filter, 'the instant filter starts empty for a new session').toBe('');
    // The board is up: she types at once, before her profile's choices have come from main.
    prefs.filter = '105';

    await expect.poll(() => prefs.profileId).toBe(profileId);
    expect(prefs.grouping).toBe('none');
    expect(prefs.tileSize).toBe('compact');
    expect(prefs.filter, 'what she typed is kept when her choices arrive').toBe('105');

    await prefs.setTileSize('normal');
    await profiles.load();
    expect(profiles.selected?.board.tileSize).toBe('normal');
    stop();
  });

  it('keeps a favourite pinned before her profile has come from main, and saves it to the profile', async () => {
    const profiles = useProfilesStore();
    const created = await profiles.create({
      displayName: 'Front desk',
      host: pbx.host,
      port: pbx.port,
      username: 'reception',
    });
    expect(created, profiles.feedback?.message).toBe(true);
    const profileId = profiles.selectedId!;
    const prefs = usePrefsStore();
    const stop = prefs.follow();
    await useSessionStore().connect({ profileId, secret: SECRET });
    // The board is up and she pins 107 at once, while her profile is still on its way from main.
    const pinned = prefs.toggleFavourite('107@internal');

    await expect.poll(() => prefs.profileId).toBe(profileId);
    await pinned;
    await expect.poll(() => prefs.favourites).toEqual(['107@internal']);
    await prefs.toggleFavourite('105@internal');
    await expect
      .poll(async () => {
        await profiles.load();
        return profiles.selected?.board.favourites;
      })
      .toEqual(['107@internal', '105@internal']);
    stop();
  });

  it('keeps the Demo profile as it is: a change lasts for the session only', async () => {
    const prefs = usePrefsStore();
    const stop = prefs.follow();
    await useSessionStore().connect({ profileId: 'demo' });
    await expect.poll(() => prefs.profileId).toBe('demo');
    await prefs.setGrouping('none');
    expect(prefs.grouping).toBe('none');
    const profiles = useProfilesStore();
    await profiles.load();
    expect(profiles.profiles.find((profile) => profile.id === 'demo')?.board.grouping).not.toBe('none');
    stop();
  });
});
