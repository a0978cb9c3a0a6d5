import { access, readFile, stat } from 'node:fs/promises';
import { posix, win32 } from 'node:path';
import { MAX_IMPORT_FILE_BYTES } from '../../src-preload/contract';
import type { ProfileNotice } from '../../src-preload/contract';
import { refusal, type Refusal } from '../../src-shared/refusals';
import { errorCode, ProfileError } from './profile-error';
import type { ProfileStore } from './profile-store';

type MachineProfilesNotice = Extract<ProfileNotice, { kind: 'machineProfiles' }>;

/**
 * The machine-wide profiles file an admin deploys with the installer: the same format as an
 * export, read at the first start of each OS user (no profiles file of their own yet) and added
 * like an import, so a profile carrying a secret is left out with the reason, never stored.
 */
export function machineProfilesPath(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string | undefined {
  switch (platform) {
    case 'win32':
      return win32.join(env['ProgramData'] ?? 'C:\\ProgramData', 'Switchboard', 'profiles.json');
    case 'darwin':
      return posix.join('/Library', 'Application Support', 'Switchboard', 'profiles.json');
    case 'linux':
    case 'freebsd':
    case 'openbsd':
      return posix.join('/etc', 'switchboard', 'profiles.json');
    default:
      return undefined;
  }
}

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

/**
 * At an OS user's first start, adds the machine-wide profiles; returns what the login screen says
 * about it, or undefined when there was nothing to add (not a first start, or no such file).
 */
export async function addMachineProfilesAtFirstStart(
  store: ProfileStore,
  machineFile: string,
): Promise<MachineProfilesNotice | undefined> {
  if ((await exists(store.filePath)) || !(await exists(machineFile))) return undefined;
  const path = machineFile;
  const notice = (said: Refusal, problems: readonly Refusal[] = []): MachineProfilesNotice => ({
    kind: 'machineProfiles',
    said,
    problems,
  });
  try {
    if ((await stat(machineFile)).size > MAX_IMPORT_FILE_BYTES) return notice(refusal('machineFileTooLarge', { path }));
    const report = await store.importJson(await readFile(machineFile, 'utf8'));
    const added = report.imported.map((profile) => profile.displayName);
    const left = report.skipped.map(({ displayName, position, reason: why }) =>
      displayName === undefined
        ? refusal('profileNumberRefused', { position, why })
        : refusal('namedProfileRefused', { name: displayName, why }),
    );
    return notice(
      added.length > 0
        ? refusal('machineProfilesAdded', { path, names: added.join(', ') })
        : refusal('machineProfilesNoneAdded', { path }),
      left,
    );
  } catch (error) {
    if (error instanceof ProfileError && error.refusal) {
      return notice(refusal('machineFileNotUsed', { path, why: error.refusal }));
    }
    const detail = errorCode(error) ?? (error instanceof Error ? error.message : String(error));
    return notice(refusal('machineFileUnreadable', { path, detail }));
  }
}
