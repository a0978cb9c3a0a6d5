import { refusal } from '../../src-shared/refusals';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addMachineProfilesAtFirstStart, machineProfilesPath } from './machine-profiles';
import { ProfileDraftSchema } from '../../src-shared/profile';
import { ProfileStore } from './profile-store';

const folders: string[] = [];
afterEach(async () => {
  for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
});

async function desk() {
  const root = await mkdtemp(join(tmpdir(), 'machine-profiles-'));
  folders.push(root);
  const machineFile = join(root, 'etc', 'profiles.json');
  await import('node:fs/promises').then((fs) => fs.mkdir(join(root, 'etc')));
  return { store: new ProfileStore({ userDataDir: join(root, 'user') }), machineFile };
}

const adminFile = (profiles: object[]) =>
  JSON.stringify({ format: 'switchboard-profiles', schemaVersion: 2, profiles }, null, 2);
// As an admin writes it: a desk's export (the login screen's Export), settings in full.
const frontDesk = ProfileDraftSchema.parse({
  displayName: 'Front desk',
  host: 'pbx.example.org',
  username: 'reception',
  myDevice: 'PJSIP/200',
});

describe("the admin's machine-wide profiles file", () => {
  it('lives where each OS keeps machine-wide settings', () => {
    expect(machineProfilesPath('linux', {})).toBe('/etc/switchboard/profiles.json');
    expect(machineProfilesPath('darwin', {})).toBe('/Library/Application Support/Switchboard/profiles.json');
    expect(machineProfilesPath('win32', { ProgramData: 'D:\\ProgramData' })).toBe(
      'D:\\ProgramData\\Switchboard\\profiles.json',
    );
    expect(machineProfilesPath('win32', {})).toBe('C:\\ProgramData\\Switchboard\\profiles.json');
  });

  it("is added at an OS user's first start, and a profile carrying a secret is left out, its secret never stored", async () => {
    const { store, machineFile } = await desk();
    await writeFile(
      machineFile,
      adminFile([frontDesk, { ...frontDesk, displayName: 'Night shift', secret: 'hunter2-admin' }]),
    );
    const notice = await addMachineProfilesAtFirstStart(store, machineFile);
    expect(notice).toEqual({
      kind: 'machineProfiles',
      said: refusal('machineProfilesAdded', { path: machineFile, names: 'Front desk' }),
      problems: [
        refusal('namedProfileRefused', { name: 'Night shift', why: refusal('containsSecret', { keys: 'secret' }) }),
      ],
    });
    expect(JSON.stringify(notice)).not.toContain('hunter2-admin');
    expect((await store.list()).map((profile) => profile.displayName)).toEqual(['Demo PBX', 'Front desk']);
    expect(await readFile(store.filePath, 'utf8')).not.toContain('hunter2-admin');
  });

  it('is not read again once the user has profiles of their own', async () => {
    const { store, machineFile } = await desk();
    await writeFile(machineFile, adminFile([frontDesk]));
    await addMachineProfilesAtFirstStart(store, machineFile);
    await store.delete((await store.list())[1]!.id);
    expect(await addMachineProfilesAtFirstStart(store, machineFile)).toBeUndefined();
    expect((await store.list()).map((profile) => profile.displayName)).toEqual(['Demo PBX']);
  });

  it('says plainly why a damaged or oversized file was not used, and is silent when there is none', async () => {
    const { store, machineFile } = await desk();
    expect(await addMachineProfilesAtFirstStart(store, machineFile)).toBeUndefined();
    await writeFile(machineFile, '{ "profiles": [');
    expect(await addMachineProfilesAtFirstStart(store, machineFile)).toMatchObject({
      said: refusal('machineFileNotUsed', { path: machineFile, why: refusal('importNotJson', {}) }),
    });
    await writeFile(machineFile, ' '.repeat(600 * 1024));
    expect(await addMachineProfilesAtFirstStart(store, machineFile)).toMatchObject({
      said: refusal('machineFileTooLarge', { path: machineFile }),
    });
    await rm(machineFile);
    await mkdir(machineFile);
    expect(await addMachineProfilesAtFirstStart(store, machineFile)).toMatchObject({
      said: refusal('machineFileUnreadable', { path: machineFile, detail: 'EISDIR' }),
    });
    expect((await store.list()).map((profile) => profile.displayName)).toEqual(['Demo PBX']);
  });
});
