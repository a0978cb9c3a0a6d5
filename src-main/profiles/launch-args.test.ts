import { inEnglish } from '../english-words';
import { refusal } from '../../src-shared/refusals';
import { describe, expect, it } from 'vitest';
import { readProfileArgument, resolveLaunchProfile } from './launch-args';
import {
  DEFAULT_BOARD_PREFS,
  DEFAULT_DESKTOP_PREFS,
  DEMO_PROFILE,
  type AnyProfile,
  type UserProfile,
} from '../../src-shared/profile';

const electronArgv = ['/opt/Switchboard/switchboard', '/opt/Switchboard/resources/app.asar'];

function user(id: string, displayName: string): UserProfile {
  return {
    kind: 'user',
    id,
    displayName,
    host: 'pbx',
    port: 5038,
    tls: { enabled: false },
    username: 'op',
    authType: 'md5',
    dialContext: 'default',
    parkingLot: 'default',
    recordingPattern: '${date}',
    board: DEFAULT_BOARD_PREFS,
    watchedQueues: [],
    desktop: DEFAULT_DESKTOP_PREFS,
    voicemailPattern: '*${exten}',
    dndMethod: 'auto',
    listenIn: false,
    ringSound: false,
    history: { scope: 'mine', retentionDays: 90 },
  };
}

const frontDesk = user('6b4e28ba-2fa1-41d2-883f-0016d3cca427', 'Front Desk');
const profiles: AnyProfile[] = [DEMO_PROFILE, frontDesk, user('7b4e28ba-2fa1-41d2-883f-0016d3cca427', 'Night shift')];

describe('readProfileArgument', () => {
  it.each([
    [['--profile', 'Front Desk'], 'Front Desk'],
    [['--profile=Front Desk'], 'Front Desk'],
    [['--no-sandbox', '--profile', 'demo', '--inspect'], 'demo'],
  ])('reads %j', (args, name) => {
    expect(readProfileArgument([...electronArgv, ...args])).toEqual({ kind: 'given', name });
  });

  it('reports no flag as absent, and ignores what follows "--"', () => {
    expect(readProfileArgument(electronArgv)).toEqual({ kind: 'absent' });
    expect(readProfileArgument([...electronArgv, '--', '--profile', 'x'])).toEqual({ kind: 'absent' });
  });

  it.each([[['--profile']], [['--profile', '--inspect']], [['--profile=']], [['--profile=a', '--profile', 'b']]])(
    'refuses %j, saying why',
    (args) => {
      const argument = readProfileArgument([...electronArgv, ...args]);
      expect(argument.kind === 'invalid' && inEnglish(argument.said)).toContain('--profile');
    },
  );
});

describe('resolveLaunchProfile', () => {
  it('finds a profile by display name in any case', () => {
    expect(resolveLaunchProfile([...electronArgv, '--profile=front desk'], profiles)).toEqual({
      kind: 'found',
      profile: frontDesk,
    });
  });

  it('finds a profile by id', () => {
    expect(resolveLaunchProfile([...electronArgv, '--profile', frontDesk.id], profiles)).toEqual({
      kind: 'found',
      profile: frontDesk,
    });
  });

  it('takes "demo" (any case) as the built-in Demo PBX', () => {
    expect(resolveLaunchProfile([...electronArgv, '--profile', 'DEMO'], profiles)).toEqual({
      kind: 'found',
      profile: DEMO_PROFILE,
    });
  });

  it('says plainly when no profile has that name', () => {
    expect(resolveLaunchProfile([...electronArgv, '--profile', 'Weekend'], profiles)).toEqual({
      kind: 'notFound',
      name: 'Weekend',
      said: refusal('launchProfileNotFound', { name: 'Weekend' }),
    });
  });

  it('does not guess between two profiles of the same name (a hand-edited file)', () => {
    const twin = user('8b4e28ba-2fa1-41d2-883f-0016d3cca427', 'front desk');
    const result = resolveLaunchProfile([...electronArgv, '--profile', 'Front desk'], [...profiles, twin]);
    expect(result).toMatchObject({ kind: 'ambiguous', matches: [frontDesk, twin] });
  });

  it('answers none when the flag is absent', () => {
    expect(resolveLaunchProfile(electronArgv, profiles)).toEqual({ kind: 'none' });
  });
});
