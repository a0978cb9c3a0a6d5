import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openPageInNode, type PageInNode } from '../testing/page-in-node';
import { useProfilesStore } from './profiles';

let page: PageInNode;

beforeEach(async () => {
  setActivePinia(createPinia());
  page = await openPageInNode();
});
afterEach(() => page.close());

const draft = (displayName: string) => ({ displayName, host: 'pbx.example.com', port: 5038, username: 'reception' });

describe('the profiles store', () => {
  it('lists the Demo profile first and selects a new profile once main has created it', async () => {
    const profiles = useProfilesStore();
    await profiles.load();
    expect(profiles.profiles.map((profile) => profile.displayName)).toEqual(['Demo PBX']);

    expect(await profiles.create(draft('Front desk'))).toBe(true);
    expect(profiles.selected).toMatchObject({
      displayName: 'Front desk',
      host: 'pbx.example.com',
      hasSavedSecret: false,
    });
    expect(profiles.feedback).toBeUndefined();
  });

  it('says in words why main refused a profile, and creates nothing', async () => {
    const profiles = useProfilesStore();
    expect(await profiles.create({ ...draft('Desk'), username: 'op\r\nAction: Command' })).toBe(false);
    expect(profiles.feedback?.kind).toBe('error');
    expect(profiles.feedback?.message).not.toMatch(/profiles:create|\bzod\b/);
    expect(profiles.profiles.map((profile) => profile.displayName)).toEqual(['Demo PBX']);
  });

  it('renames, duplicates (selecting the copy) and deletes, each time showing what main holds', async () => {
    const profiles = useProfilesStore();
    await profiles.create(draft('Front desk'));
    const original = profiles.selectedId!;
    expect(await profiles.update(original, { displayName: 'Reception' })).toBe(true);
    expect(profiles.selected?.displayName).toBe('Reception');

    await profiles.duplicate(original);
    expect(profiles.selectedId).not.toBe(original);
    expect(
      profiles.profiles.filter((profile) => profile.kind !== 'demo' && profile.host === 'pbx.example.com'),
    ).toHaveLength(2);

    await profiles.remove(original);
    expect(profiles.profiles.some((profile) => profile.id === original)).toBe(false);
    expect(profiles.selectedId).toBeDefined();
  });

  it('exports every profile without a secret and imports the file back on another desk', async () => {
    const profiles = useProfilesStore();
    await profiles.create(draft('Front desk'));
    const text = await profiles.exportText();
    expect(text).toContain('Front desk');
    expect(text).not.toMatch(/secret"\s*:/i);

    await page.close();
    setActivePinia(createPinia());
    page = await openPageInNode();
    const elsewhere = useProfilesStore();
    const report = await elsewhere.importText(text!);
    expect(report?.imported.map((profile) => profile.displayName)).toEqual(['Front desk']);
    expect(elsewhere.profiles.map((profile) => profile.displayName)).toContain('Front desk');
  });
});
