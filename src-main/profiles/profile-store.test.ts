import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_BOARD_PREFS, DEMO_PROFILE, type ProfileDraftInput, type UserProfile } from '../../src-shared/profile';
import { refusal } from '../../src-shared/refusals';
import { nodeProfileFileSystem, type ProfileFileSystem } from './profile-file-system';
import { ProfileError } from './profile-error';
import { ProfileStore } from './profile-store';
import { PROFILES_FILE_NAME } from './profiles-file';

let dir: string;
let file: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'switchboard-profiles-'));
  file = join(dir, PROFILES_FILE_NAME);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const FIXED_NOW = new Date('2026-03-04T05:06:07.089Z');

function storeAt(userDataDir = dir, fileSystem?: ProfileFileSystem): ProfileStore {
  return new ProfileStore({ userDataDir, now: () => FIXED_NOW, ...(fileSystem ? { fileSystem } : {}) });
}

function draft(displayName: string, extra: Partial<ProfileDraftInput> = {}): ProfileDraftInput {
  return { displayName, host: 'pbx.example.org', username: 'reception', ...extra };
}

async function userProfiles(store: ProfileStore): Promise<UserProfile[]> {
  return (await store.list()).filter((profile): profile is UserProfile => profile.kind === 'user');
}

async function refusalOf(promise: Promise<unknown>): Promise<ProfileError> {
  const error: unknown = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof ProfileError)) throw new Error(`expected a ProfileError, got ${String(error)}`);
  return error;
}

describe('ProfileStore: everyday use', () => {
  it('lists the Demo PBX first, then created profiles, and keeps them across restarts', async () => {
    const store = storeAt();
    const created = await store.create(draft('Front desk'));
    expect(created.kind).toBe('user');
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);

    const reopened = await storeAt().list();
    expect(reopened.map((profile) => profile.displayName)).toEqual([DEMO_PROFILE.displayName, 'Front desk']);
    expect(reopened[1]).toEqual(created);
  });

  it('writes the file with mode 0600, a schema version, and no secret', async () => {
    await storeAt().create(draft('Front desk'));
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const onDisk = JSON.parse(await readFile(file, 'utf8')) as { schemaVersion: number; version?: number };
    expect(onDisk.schemaVersion).toBe(2);
    expect(JSON.stringify(onDisk)).not.toMatch(/secret|password/i);
  });

  it('creates the user-data folder when it does not exist yet', async () => {
    const nested = join(dir, 'Switchboard', 'fresh');
    await storeAt(nested).create(draft('Front desk'));
    expect((await storeAt(nested).list()).length).toBe(2);
  });

  it('edits only the fields sent and keeps the id when the profile is renamed or moved to another host', async () => {
    const store = storeAt();
    const created = await store.create(draft('Front desk', { myDevice: 'PJSIP/200' }));
    const updated = await store.update(created.id, {
      displayName: 'Reception',
      host: '10.0.0.5',
      board: { tileSize: 'large' },
    });
    expect(updated).toEqual({
      ...created,
      displayName: 'Reception',
      host: '10.0.0.5',
      board: { ...created.board, tileSize: 'large' },
    });
    const withoutDevice = await store.update(created.id, { myDevice: null });
    expect('myDevice' in withoutDevice).toBe(false);
  });

  it('refuses a second profile with the same name, in any case, including the Demo PBX', async () => {
    const store = storeAt();
    await store.create(draft('Front desk'));
    expect((await refusalOf(store.create(draft('FRONT DESK')))).code).toBe('nameTaken');
    expect((await refusalOf(store.create(draft('demo pbx')))).message).toBe(
      'There is already a profile called "demo pbx". Choose another name.',
    );
  });

  it('refuses an invalid draft with a plain message and writes nothing', async () => {
    const refusal = await refusalOf(storeAt().create(draft('Front desk', { port: 70000 })));
    expect(refusal.code).toBe('invalid');
    expect(refusal.message).toBe('The port must be a number from 1 to 65535.');
    await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('duplicates under a new id and a free "(copy)" name', async () => {
    const store = storeAt();
    const original = await store.create(draft('Front desk'));
    const first = await store.duplicate(original.id);
    const second = await store.duplicate(original.id);
    expect(first.id).not.toBe(original.id);
    expect(first.displayName).toBe('Front desk (copy)');
    expect(second.displayName).toBe('Front desk (copy) (2)');
    expect({ ...first, id: original.id, displayName: original.displayName }).toEqual(original);
  });

  it('deletes a profile, forgets it as last used, and answers false when it was already gone', async () => {
    const store = storeAt();
    const doomed = await store.create(draft('Night shift'));
    await store.setLastUsed(doomed.id);
    expect((await store.snapshot()).lastUsedProfileId).toBe(doomed.id);
    expect(await store.delete(doomed.id)).toBe(true);
    expect(await store.delete(doomed.id)).toBe(false);
    expect(await store.snapshot()).toEqual({ profiles: [DEMO_PROFILE], lastUsedProfileId: undefined });
  });

  it('remembers the Demo PBX as last used, and refuses to edit, duplicate or delete it', async () => {
    const store = storeAt();
    await store.setLastUsed('demo');
    expect((await store.snapshot()).lastUsedProfileId).toBe('demo');
    for (const attempt of [
      store.update('demo', { displayName: 'Mine' }),
      store.duplicate('demo'),
      store.delete('demo'),
    ]) {
      expect((await refusalOf(attempt)).code).toBe('builtInProfile');
    }
  });

  it('refuses to mark an unknown profile as last used', async () => {
    expect((await refusalOf(storeAt().setLastUsed('1b4e28ba-2fa1-41d2-883f-0016d3cca427'))).code).toBe('notFound');
  });
});

describe('ProfileStore: atomic writes', () => {
  /** A file system whose process "dies" after writing half of the next temp file. */
  function crashingMidWrite(): ProfileFileSystem {
    let dead = false;
    const whileAlive =
      <A extends unknown[], R>(operation: (...args: A) => Promise<R>) =>
      async (...args: A): Promise<R> => {
        if (dead) throw new Error('the process has died');
        return operation(...args);
      };
    return {
      readFile: whileAlive(nodeProfileFileSystem.readFile),
      rename: whileAlive(nodeProfileFileSystem.rename),
      unlink: whileAlive(nodeProfileFileSystem.unlink),
      readdir: whileAlive(nodeProfileFileSystem.readdir),
      mkdirRecursive: whileAlive(nodeProfileFileSystem.mkdirRecursive),
      fsyncDir: whileAlive(nodeProfileFileSystem.fsyncDir),
      writeNewFileDurably: whileAlive(async (path, data, mode) => {
        const bytes = Buffer.from(data);
        await writeFile(path, bytes.subarray(0, Math.floor(bytes.length / 2)), { mode, flag: 'wx' });
        dead = true;
        throw new Error('simulated crash mid-write');
      }),
    };
  }

  it('keeps the old file intact when the process dies mid-write, and loads it next time', async () => {
    const before = await storeAt().create(draft('Front desk'));
    const bytesBefore = await readFile(file);

    await expect(storeAt(dir, crashingMidWrite()).create(draft('Half written'))).rejects.toThrow();
    const leftovers = (await readdir(dir)).filter((name) => name.includes('.tmp-'));
    expect(leftovers).toHaveLength(1);
    expect(await readFile(file)).toEqual(bytesBefore);

    const afterRestart = storeAt();
    expect(await userProfiles(afterRestart)).toEqual([before]);
    expect(afterRestart.problems()).toEqual([]);
    expect((await readdir(dir)).filter((name) => name.includes('.tmp-'))).toEqual([]);
  });

  it('reports a disk failure in plain words, removes its temp file and leaves the old file as it was', async () => {
    await storeAt().create(draft('Front desk'));
    const bytesBefore = await readFile(file);
    const diskFull: ProfileFileSystem = {
      ...nodeProfileFileSystem,
      rename: async () => {
        throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
      },
    };
    const refusal = await refusalOf(storeAt(dir, diskFull).create(draft('Second')));
    expect(refusal.code).toBe('fileSystem');
    expect(refusal.message).toBe(
      "Switchboard couldn't save your profiles file (ENOSPC). Your saved profiles were not changed.",
    );
    expect(await readFile(file)).toEqual(bytesBefore);
    expect(await readdir(dir)).toEqual([PROFILES_FILE_NAME]);
  });

  it('leaves alone a temp file of another process that is still running', async () => {
    await storeAt().create(draft('Front desk'));
    const othersTemp = `${PROFILES_FILE_NAME}.tmp-${process.ppid}-abcdef01`;
    const deadTemp = `${PROFILES_FILE_NAME}.tmp-2147483646-abcdef02`;
    await writeFile(join(dir, othersTemp), '{');
    await writeFile(join(dir, deadTemp), '{');
    await storeAt().list();
    expect((await readdir(dir)).sort()).toEqual([PROFILES_FILE_NAME, othersTemp].sort());
  });
});

describe('ProfileStore: a file that cannot be used', () => {
  it('keeps a corrupt file aside byte for byte and reports it in plain words', async () => {
    const garbage = Buffer.from('{"schemaVersion": 2, "profiles": [ \u00ff\u0000 truncated');
    await writeFile(file, garbage);
    const store = storeAt();

    expect(await store.list()).toEqual([DEMO_PROFILE]);
    const seen = store.problems();
    const backupPath = `${file}.corrupt-2026-03-04T05-06-07.089Z`;
    expect(await readFile(backupPath)).toEqual(garbage);
    expect((await stat(backupPath)).mode & 0o777).toBe(0o600);
    expect(seen).toHaveLength(1);
    const problem = seen[0]!;
    expect(problem).toMatchObject({ kind: 'recoveredFromCorruptFile', backupPath, keptProfiles: 0 });
    // A code, not the JSON parser's English: the page words it.
    expect(problem).toMatchObject({
      said: refusal('profilesFileRecovered', { backupPath }),
      problems: [refusal('profilesFileNotJson', {})],
    });
    expect(problem.message).toBe(
      `Your profiles file could not be used as it was. A copy was kept at ${backupPath}, and Switchboard started with no saved profiles. It is not valid JSON.`,
    );

    await store.create(draft('Fresh start'));
    expect(await readFile(backupPath)).toEqual(garbage);
  });

  it('keeps the good profiles of a hand-edited file, backs the file up and names what was dropped', async () => {
    const good = await storeAt().create(draft('Front desk'));
    const onDisk = JSON.parse(await readFile(file, 'utf8')) as { profiles: unknown[] };
    onDisk.profiles.push({ ...good, id: '2b4e28ba-2fa1-41d2-883f-0016d3cca427', displayName: 'Typo', port: 'five' });
    const edited = JSON.stringify(onDisk);
    await writeFile(file, edited);

    const store = storeAt();
    expect(await userProfiles(store)).toEqual([good]);
    const [problem] = store.problems();
    expect(problem).toMatchObject({ kind: 'recoveredFromCorruptFile', keptProfiles: 1 });
    expect(problem).toMatchObject({
      said: { reason: 'profilesFileRecoveredKept', values: { kept: 1 } },
      problems: [refusal('namedProfileRefused', { name: 'Typo', why: refusal('portNotInRange', {}) })],
    });
    expect(problem?.message).toMatch(
      /the profiles that were still good were kept \(1\)\. Profile "Typo": The port must be a number from 1 to 65535\.$/,
    );
    const backups = (await readdir(dir)).filter((name) => name.includes('.corrupt-'));
    expect(await readFile(join(dir, backups[0]!), 'utf8')).toBe(edited);
  });

  it('never overwrites an earlier backup made in the same millisecond', async () => {
    await writeFile(file, 'not json 1');
    await storeAt().list();
    await writeFile(file, 'not json 2');
    const store = storeAt();
    await store.list();
    expect(store.problems()[0]).toMatchObject({ backupPath: `${file}.corrupt-2026-03-04T05-06-07.089Z-2` });
    expect(await readFile(`${file}.corrupt-2026-03-04T05-06-07.089Z`, 'utf8')).toBe('not json 1');
  });

  it('does not replace the file when its backup cannot be written', async () => {
    await writeFile(file, 'not json');
    const noBackups: ProfileFileSystem = {
      ...nodeProfileFileSystem,
      writeNewFileDurably: async () => {
        throw Object.assign(new Error('read-only file system'), { code: 'EROFS' });
      },
    };
    expect((await refusalOf(storeAt(dir, noBackups).list())).code).toBe('fileSystem');
    expect(await readFile(file, 'utf8')).toBe('not json');
  });

  it('leaves a file from a newer Switchboard untouched and refuses to change it', async () => {
    const future = JSON.stringify({ schemaVersion: 3, profiles: [{ anything: 'new' }] });
    await writeFile(file, future);
    const store = storeAt();
    expect(await store.list()).toEqual([DEMO_PROFILE]);
    expect((await refusalOf(store.create(draft('Front desk')))).code).toBe('fileFromNewerVersion');
    await store.list();
    expect(store.problems()).toEqual([expect.objectContaining({ kind: 'fileFromNewerVersion', fileVersion: 3 })]);
    expect(await readFile(file, 'utf8')).toBe(future);
    expect(await readdir(dir)).toEqual([PROFILES_FILE_NAME]);
  });
});

describe('ProfileStore: migrations', () => {
  const v1File = {
    version: 1,
    lastUsed: '3b4e28ba-2fa1-41d2-883f-0016d3cca427',
    profiles: [
      {
        id: '3b4e28ba-2fa1-41d2-883f-0016d3cca427',
        name: 'Front desk',
        host: 'pbx.example.org',
        port: 5039,
        tls: true,
        username: 'reception',
        md5: false,
        secretSaved: true,
        device: 'SIP/200',
        context: 'from-internal',
      },
    ],
  };

  it('reads a version 1 file as version 2 and writes version 2 on the next change', async () => {
    await writeFile(file, JSON.stringify(v1File));
    const store = storeAt();
    const snapshot = await store.snapshot();
    expect(snapshot.lastUsedProfileId).toBe('3b4e28ba-2fa1-41d2-883f-0016d3cca427');
    expect(snapshot.profiles[1]).toEqual({
      kind: 'user',
      id: '3b4e28ba-2fa1-41d2-883f-0016d3cca427',
      displayName: 'Front desk',
      host: 'pbx.example.org',
      port: 5039,
      tls: { enabled: true },
      username: 'reception',
      authType: 'plain',
      myDevice: 'SIP/200',
      dialContext: 'from-internal',
      parkingLot: 'default',
      recordingPattern: '${date}-${caller}-${exten}',
      board: DEFAULT_BOARD_PREFS,
      watchedQueues: [],
      voicemailPattern: '*${exten}',
      dndMethod: 'auto',
      listenIn: false,
      ringSound: false,
      desktop: { keepInTray: false, startAtLogin: false, bringToFrontShortcut: '' },
      history: { scope: 'mine', retentionDays: 90 },
    });
    expect(store.problems()).toEqual([]);

    await store.create(draft('Back office'));
    const onDisk = JSON.parse(await readFile(file, 'utf8')) as { schemaVersion: number; version?: number };
    expect(onDisk.schemaVersion).toBe(2);
    expect(onDisk.version).toBeUndefined();
    expect(JSON.stringify(onDisk)).not.toContain('secretSaved');
  });
});

describe('ProfileStore: two windows saving at once', () => {
  it('keeps every change when one window creates while another edits and a third sets last used', async () => {
    const store = storeAt();
    const existing = await store.create(draft('Front desk'));
    await Promise.all([
      store.create(draft('Window A')),
      store.create(draft('Window B')),
      store.update(existing.id, { host: 'new-pbx.example.org' }),
      store.setLastUsed(existing.id),
    ]);
    const reread = await storeAt().snapshot();
    expect(reread.profiles.map((profile) => profile.displayName).sort()).toEqual(
      ['Demo PBX', 'Front desk', 'Window A', 'Window B'].sort(),
    );
    expect(reread.profiles.find((profile) => profile.id === existing.id)).toMatchObject({
      host: 'new-pbx.example.org',
    });
    expect(reread.lastUsedProfileId).toBe(existing.id);
  });

  it('keeps both changes when two store instances on the same file edit the same profile at once', async () => {
    const existing = await storeAt().create(draft('Front desk'));
    const loginWindow = storeAt();
    const boardWindow = storeAt();
    await Promise.all([
      loginWindow.update(existing.id, { displayName: 'Reception', dialContext: 'from-reception' }),
      boardWindow.update(existing.id, { board: { tileSize: 'compact' } }),
      boardWindow.update(existing.id, { board: { grouping: 'none' } }),
      loginWindow.create(draft('Night shift')),
      boardWindow.create(draft('Weekend')),
    ]);
    const profiles = await userProfiles(storeAt());
    expect(profiles.map((profile) => profile.displayName).sort()).toEqual(['Night shift', 'Reception', 'Weekend']);
    expect(profiles.find((profile) => profile.id === existing.id)).toMatchObject({
      dialContext: 'from-reception',
      board: { tileSize: 'compact', grouping: 'none' },
    });
  });

  it('still serves later saves after one of them failed', async () => {
    const store = storeAt();
    await Promise.allSettled([store.create(draft('Same')), store.create(draft('Same'))]);
    await store.create(draft('Later'));
    expect((await userProfiles(store)).map((profile) => profile.displayName)).toEqual(['Same', 'Later']);
  });
});

describe('ProfileStore: export and import', () => {
  it('exports without secrets and imports into another desk with the same settings', async () => {
    const store = storeAt();
    const frontDesk = await store.create(
      draft('Front desk', {
        myDevice: 'PJSIP/201',
        board: { contexts: ['internal'], extensionFilter: '', grouping: 'none', tileSize: 'large' },
      }),
    );
    await store.create(draft('Night shift'));
    const exported = await store.exportJson([frontDesk.id]);
    expect(JSON.parse(exported)).toMatchObject({
      format: 'switchboard-profiles',
      schemaVersion: 2,
      exportedAt: FIXED_NOW.toISOString(),
    });
    expect(exported).not.toMatch(/secret|password/i);

    const otherDesk = storeAt(join(dir, 'other-desk'));
    const report = await otherDesk.importJson(exported);
    expect(report).toEqual({ imported: [{ id: frontDesk.id, displayName: 'Front desk' }], renamed: [], skipped: [] });
    expect(await userProfiles(otherDesk)).toEqual([frontDesk]);
  });

  it('merges into existing profiles with new ids and free names on collision', async () => {
    const store = storeAt();
    const original = await store.create(draft('Front desk'));
    const report = await store.importJson(await store.exportJson());
    expect(report.imported).toHaveLength(1);
    expect(report.imported[0]!.id).not.toBe(original.id);
    expect(report.renamed).toEqual([{ from: 'Front desk', to: 'Front desk (2)' }]);
    expect((await userProfiles(store)).map((profile) => profile.displayName)).toEqual(['Front desk', 'Front desk (2)']);
  });

  it('imports the valid profiles and says why each other one was skipped', async () => {
    const store = storeAt();
    const file = {
      format: 'switchboard-profiles',
      schemaVersion: 2,
      profiles: [
        {
          displayName: 'No id given',
          host: 'pbx',
          port: 5038,
          tls: { enabled: false },
          username: 'a',
          authType: 'md5',
          dialContext: 'default',
          parkingLot: 'default',
          recordingPattern: '${date}',
          board: { contexts: [], extensionFilter: '', grouping: 'context', tileSize: 'normal' },
        },
        { displayName: 'Carries a secret', host: 'pbx', username: 'a', secret: 'hunter2' },
        { kind: 'demo', id: 'demo', displayName: 'Demo PBX' },
        {
          displayName: 'Bad port',
          host: 'pbx',
          port: 0,
          tls: { enabled: false },
          username: 'a',
          authType: 'md5',
          dialContext: 'default',
          parkingLot: 'default',
          recordingPattern: '${date}',
          board: { contexts: [], extensionFilter: '', grouping: 'context', tileSize: 'normal' },
        },
        'not a profile',
      ],
    };
    const report = await store.importJson(JSON.stringify(file));
    expect(report.imported.map((entry) => entry.displayName)).toEqual(['No id given']);
    expect(report.skipped).toEqual([
      { position: 2, displayName: 'Carries a secret', reason: refusal('containsSecret', { keys: 'secret' }) },
      { position: 3, displayName: 'Demo PBX', reason: refusal('demoNotImported', {}) },
      { position: 4, displayName: 'Bad port', reason: refusal('portNotInRange', {}) },
      { position: 5, reason: refusal('notAProfile', {}) },
    ]);
    expect(JSON.stringify(report)).not.toContain('hunter2');
  });

  it('imports an export made by a version 1 Switchboard', async () => {
    const report = await storeAt().importJson(
      JSON.stringify({
        version: 1,
        profiles: [
          {
            id: '4b4e28ba-2fa1-41d2-883f-0016d3cca427',
            name: 'Old desk',
            host: 'pbx',
            port: 5038,
            tls: false,
            username: 'op',
            md5: true,
            secretSaved: false,
          },
        ],
      }),
    );
    expect(report.imported).toEqual([{ id: '4b4e28ba-2fa1-41d2-883f-0016d3cca427', displayName: 'Old desk' }]);
  });

  it.each([
    ['not JSON', '{oops', /^That file is not valid JSON/],
    [
      'another format',
      JSON.stringify({ format: 'other-app', schemaVersion: 2, profiles: [] }),
      /not a Switchboard profiles export/,
    ],
    ['no version', JSON.stringify({ profiles: [] }), /no valid schema version/],
    ['a newer version', JSON.stringify({ schemaVersion: 9, profiles: [] }), /newer Switchboard \(format version 9\)/],
  ])('refuses a file that is %s and imports nothing', async (_label, text, message) => {
    const store = storeAt();
    await expect(store.importJson(text)).rejects.toThrow(message);
    expect(await store.list()).toEqual([DEMO_PROFILE]);
  });
});
