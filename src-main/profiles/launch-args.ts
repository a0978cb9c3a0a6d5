import type { AnyProfile } from '../../src-shared/profile';
import { refusal, type Refusal } from '../../src-shared/refusals';

/**
 * `--profile <name>` / `--profile=<name>` on the command line: connect with that profile at launch.
 * The name is a profile's display name (any case) or its id; `demo` is the built-in Demo PBX.
 */

export type ProfileArgument =
  | { readonly kind: 'absent' }
  | { readonly kind: 'given'; readonly name: string }
  | { readonly kind: 'invalid'; readonly said: Refusal };

export type LaunchProfile =
  | { readonly kind: 'none' }
  | { readonly kind: 'found'; readonly profile: AnyProfile }
  | { readonly kind: 'notFound'; readonly name: string; readonly said: Refusal }
  | {
      readonly kind: 'ambiguous';
      readonly name: string;
      readonly matches: readonly AnyProfile[];
      readonly said: Refusal;
    }
  | { readonly kind: 'invalid'; readonly said: Refusal };

const FLAG = '--profile';
const NEEDS_NAME = { kind: 'invalid', said: refusal('profileFlagNeedsName', {}) } as const;

/** Reads the flag from an argv (Electron's includes the binary and app path; they are ignored). */
export function readProfileArgument(argv: readonly string[]): ProfileArgument {
  const names: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') break;
    if (arg === FLAG) {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) {
        return NEEDS_NAME;
      }
      names.push(value);
      i++;
    } else if (arg.startsWith(`${FLAG}=`)) {
      names.push(arg.slice(FLAG.length + 1));
    }
  }
  if (names.length === 0) return { kind: 'absent' };
  if (names.length > 1) return { kind: 'invalid', said: refusal('profileFlagRepeated', {}) };
  const name = names[0]!.trim();
  if (name === '') return NEEDS_NAME;
  return { kind: 'given', name };
}

/** Which profile, if any, the app should connect with at launch. An id match beats a name match. */
export function resolveLaunchProfile(argv: readonly string[], profiles: readonly AnyProfile[]): LaunchProfile {
  const argument = readProfileArgument(argv);
  if (argument.kind === 'absent') return { kind: 'none' };
  if (argument.kind === 'invalid') return argument;
  const { name } = argument;

  const byId = profiles.find(
    (profile) => profile.id === name || (profile.kind === 'demo' && name.toLowerCase() === profile.id),
  );
  if (byId) return { kind: 'found', profile: byId };
  const wanted = name.toLocaleLowerCase();
  const byName = profiles.filter((profile) => profile.displayName.toLocaleLowerCase() === wanted);
  if (byName.length === 1) return { kind: 'found', profile: byName[0]! };
  if (byName.length > 1) {
    return {
      kind: 'ambiguous',
      name,
      matches: byName,
      said: refusal('launchProfileAmbiguous', { name }),
    };
  }
  return {
    kind: 'notFound',
    name,
    said: refusal('launchProfileNotFound', { name }),
  };
}
