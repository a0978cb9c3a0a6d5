import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExtensionTile } from '../../src-preload/state';
import { PictureStore } from '../pbx/picture-store';
import { MapVault } from '../profiles/testing/vaults';
import { DirectoryService } from './directory-service';

let userDataDir: string;
let store: PictureStore;
let service: DirectoryService;
const errors: string[] = [];
let changes = 0;
beforeEach(async () => {
  userDataDir = await mkdtemp(join(tmpdir(), 'switchboard-directory-service-'));
  store = new PictureStore();
  changes = 0;
  service = new DirectoryService({
    userDataDir,
    vault: new MapVault(),
    store,
    onProblem: (message) => errors.push(message),
    onError: (message, error) => errors.push(`${message} ${String(error)}`),
    onChanged: () => changes++,
  });
  service.open('office');
});
afterEach(async () => {
  service.close();
  await rm(userDataDir, { recursive: true, force: true });
  expect(errors.splice(0)).toEqual([]);
});

const tile = (exten: string, name: string): ExtensionTile => ({
  id: `${exten}@internal`,
  exten,
  context: 'internal',
  hint: `PJSIP/${exten}`,
  name,
  lamp: 'idle',
  presence: undefined,
  dnd: false,
});
/** The names in the phonebook's PBX source, as its search finds them (each is a word's prefix of itself). */
const pbxNames = () =>
  ['Anna', 'Carl', 'Dana'].flatMap((word) =>
    service
      .search(word, 10, 0)
      .entries.filter((entry) => entry.source.kind === 'pbx')
      .map((entry) => entry.name),
  );

describe('the PBX’s users in the phonebook, kept in step with the board', () => {
  it('forgets someone who is missing when the board is filled again after it was empty', async () => {
    store.replace('extensions', [tile('101', 'Anna Berg'), tile('102', 'Carl Dahl'), tile('103', 'Dana Ek')]);
    await expect.poll(pbxNames).toEqual(['Anna Berg', 'Carl Dahl', 'Dana Ek']);
    store.replace('extensions', []);
    await new Promise((resolve) => setTimeout(resolve, 400));
    // Kept while the board is empty; then filled with the same names, but without Dana.
    expect(pbxNames()).toEqual(['Anna Berg', 'Carl Dahl', 'Dana Ek']);
    store.replace('extensions', [tile('101', 'Anna Berg'), tile('102', 'Carl Dahl')]);
    await expect.poll(pbxNames).toEqual(['Anna Berg', 'Carl Dahl']);
    expect(changes).toBe(2);
  });

  it('writes a burst of renames once, and nothing for a rename undone within the burst', async () => {
    store.replace('extensions', [tile('101', 'Anna Berg'), tile('102', 'Carl Dahl')]);
    await expect.poll(pbxNames).toEqual(['Anna Berg', 'Carl Dahl']);
    store.upsert('extensions', [tile('101', 'Anna Lind')]);
    store.upsert('extensions', [{ ...tile('102', 'Carl Dahl'), lamp: 'inUse' }]);
    store.upsert('extensions', [tile('102', 'Carla Dahl')]);
    await expect.poll(pbxNames).toEqual(['Anna Lind', 'Carla Dahl']);
    expect(changes).toBe(2);

    store.upsert('extensions', [tile('101', 'Anna Berg')]);
    store.upsert('extensions', [tile('101', 'Anna Lind')]);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(changes).toBe(2);
  });
});
