import { access, readFile, stat } from 'node:fs/promises';
import { posix, win32 } from 'node:path';
import { MAX_IMPORT_FILE_BYTES } from '../../src-preload/contract';
import { inEnglish } from '../english-words';
import type { ProfileStore } from './profile-store';

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
): Promise<string | undefined> {
  if ((await exists(store.filePath)) || !(await exists(machineFile))) return undefined;
  try {
    if ((await stat(machineFile)).size > MAX_IMPORT_FILE_BYTES) {
      return `The administrator's profiles file ${machineFile} is too large to be a Switchboard profiles file; nothing was added from it.`;
    }
    const report = await store.importJson(await readFile(machineFile, 'utf8'));
    const added = report.imported.map((profile) => profile.displayName);
    const left = report.skipped.map(
      (skip) => `${skip.displayName ?? `Profile ${skip.position}`} was left out: ${inEnglish(skip.reason)}`,
    );
    const addedWords =
      added.length > 0
        ? `Added the profiles your administrator set up (${machineFile}): ${added.join(', ')}.`
        : `Your administrator's profiles file (${machineFile}) added no profile.`;
    return [addedWords, ...left].join(' ');
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'it could not be read';
    return `The administrator's profiles file ${machineFile} was not used: ${reason}`;
  }
}
