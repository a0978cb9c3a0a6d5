import { describe, expect, it } from 'vitest';
import {
  DEFAULT_AMI_PORT,
  DEFAULT_BOARD_PREFS,
  DEFAULT_DESKTOP_PREFS,
  DEFAULT_RECORDING_PATTERN,
  DEMO_PROFILE,
  ProfileChangesSchema,
  ProfileDraftSchema,
  type ProfileDraftInput,
} from '../../src-shared/profile';
import { describeIssues } from '../english-words';

// The profile schema (src-shared/profile.ts) refuses in codes; these read its refusals as main's
// English says them, in the log and to the profile store's callers.

const minimal: ProfileDraftInput = { displayName: 'Front desk', host: 'pbx.example.org', username: 'reception' };

function refusal(input: unknown): string {
  const result = ProfileDraftSchema.safeParse(input);
  if (result.success) throw new Error('expected the draft to be refused');
  return describeIssues(result.error);
}

describe('ProfileDraftSchema', () => {
  it('fills the defaults an admin would expect from a minimal draft', () => {
    expect(ProfileDraftSchema.parse(minimal)).toEqual({
      ...minimal,
      port: DEFAULT_AMI_PORT,
      tls: { enabled: false },
      authType: 'md5',
      dialContext: 'default',
      parkingLot: 'default',
      recordingPattern: DEFAULT_RECORDING_PATTERN,
      board: DEFAULT_BOARD_PREFS,
      watchedQueues: [],
      desktop: DEFAULT_DESKTOP_PREFS,
      voicemailPattern: '*${exten}',
      dndMethod: 'auto',
      listenIn: false,
      ringSound: false,
      history: { scope: 'mine', retentionDays: 90 },
    });
    expect(DEFAULT_AMI_PORT).toBe(5038);
    expect(DEFAULT_RECORDING_PATTERN).toBe('${date}-${caller}-${exten}');
  });

  it('accepts a full TLS profile with a CA file and server name', () => {
    const draft = ProfileDraftSchema.parse({
      ...minimal,
      port: 5039,
      tls: { enabled: true, caFile: '/etc/ssl/pbx-ca.pem', serverName: 'pbx.internal' },
      authType: 'plain',
      myDevice: 'PJSIP/200',
      board: { contexts: ['from-internal'], extensionFilter: '2*', grouping: 'none', tileSize: 'large' },
    });
    expect(draft.tls).toEqual({ enabled: true, caFile: '/etc/ssl/pbx-ca.pem', serverName: 'pbx.internal' });
  });

  it.each([
    ['displayName', 'Front\r\nAction: Originate'],
    ['username', 'reception\nEvents: on'],
    ['host', 'pbx\0.example.org'],
    ['dialContext', 'default\r'],
  ])('refuses CR, LF or NUL in %s (it would inject AMI headers)', (field, value) => {
    expect(refusal({ ...minimal, [field]: value })).toMatch(/line breaks or NUL|may contain only|host name/);
  });

  it.each([0, 65536, 50.5, '5038'])('refuses port %s with a plain message', (port) => {
    expect(refusal({ ...minimal, port })).toMatch(/port must be a (whole )?number from 1 to 65535/i);
  });

  it.each([
    'PJSIP/200',
    'SIP/alice',
    'IAX2/trunk-1',
    'DAHDI/1',
    'Local/200@from-internal',
    'Local/200@from-queue/n',
    '200',
  ])('accepts device %s', (myDevice) => {
    expect(ProfileDraftSchema.safeParse({ ...minimal, myDevice }).success).toBe(true);
  });

  it.each(['my phone', 'PJSIP/', '/200', 'PJSIP/2 00', 'PJSIP/200\r\n'])('refuses device %j', (myDevice) => {
    expect(refusal({ ...minimal, myDevice })).toMatch(/My device|Write your phone as the PBX names it/);
  });

  it('refuses an unknown recording placeholder and names the allowed ones', () => {
    const message = refusal({ ...minimal, recordingPattern: '${date}-${password}' });
    expect(message).toContain('unknown placeholder ${password}');
    expect(message).toContain('${caller}');
  });

  it.each(['../etc/passwd-${date}', 'rec/${date}', 'rec ${date}', '.hidden-${date}'])(
    'refuses recording pattern %j that could leave the monitor folder',
    (recordingPattern) => {
      expect(ProfileDraftSchema.safeParse({ ...minimal, recordingPattern }).success).toBe(false);
    },
  );

  it('refuses a draft that carries an id or a secret instead of silently dropping it', () => {
    expect(refusal({ ...minimal, secret: 'hunter2' })).toContain('Unknown setting(s): secret');
    expect(refusal({ ...minimal, id: 'demo' })).toContain('Unknown setting(s): id');
  });

  it('says which setting is missing', () => {
    expect(refusal({ host: 'pbx', username: 'x' })).toBe('The profile name is missing.');
  });

  it('never echoes the refused value back in the message', () => {
    expect(refusal({ ...minimal, username: 'hunter2 secret\n' })).not.toContain('hunter2');
  });
});

describe('ProfileChangesSchema', () => {
  it('accepts a partial board change and the removal of my device', () => {
    expect(ProfileChangesSchema.parse({ board: { tileSize: 'compact' }, myDevice: null })).toEqual({
      board: { tileSize: 'compact' },
      myDevice: null,
    });
  });
});

describe('watched queues', () => {
  const watching = (watchedQueues: unknown) => {
    const result = ProfileChangesSchema.safeParse({ watchedQueues });
    return result.success ? result.data.watchedQueues : describeIssues(result.error);
  };

  it('watches every queue by default, or the queues named', () => {
    expect(ProfileDraftSchema.parse(minimal).watchedQueues).toEqual([]);
    expect(watching(['operator', 'sales-2'])).toEqual(['operator', 'sales-2']);
  });

  it('refuses a queue name with a line break or spaces, and more than 100 queues', () => {
    expect(watching(['operator\r\nAction: Originate'])).toBe(
      "A watched queue can't contain line breaks or NUL characters. A watched queue may contain only letters, digits, '-', '_' and '.'.",
    );
    expect(watching(['front desk'])).toBe("A watched queue may contain only letters, digits, '-', '_' and '.'.");
    expect(watching(Array.from({ length: 101 }, (_, index) => `q${index}`))).toBe(
      'The list of watched queues can hold at most 100 entries.',
    );
  });
});

describe('own names for extensions', () => {
  const names = (ownNames: unknown) => ProfileChangesSchema.safeParse({ board: { ownNames } });
  const message = (ownNames: unknown) => {
    const result = names(ownNames);
    return result.success ? 'accepted' : describeIssues(result.error);
  };

  it('keeps a name per board extension; a profile saved before them has none', () => {
    expect(names({ '105@internal': 'Emma (front desk)' }).data).toEqual({
      board: { ownNames: { '105@internal': 'Emma (front desk)' } },
    });
    expect(ProfileDraftSchema.parse(minimal).board.ownNames).toEqual({});
  });

  it('refuses a line break, an empty or overlong name, and a key that is not a board extension', () => {
    expect(message({ '105@internal': 'Emma\r\nAction: Originate' })).toBe(
      "Your name for an extension can't contain line breaks or NUL characters.",
    );
    expect(message({ '105@internal': '' })).toBe("Your name for an extension can't be empty.");
    expect(message({ '105@internal': 'x'.repeat(81) })).toBe(
      "Your name for an extension can't be longer than 80 characters.",
    );
    expect(message({ 'PJSIP/105': 'Emma' })).toBe(
      'An extension you named must be an extension of the board, such as 101@internal.',
    );
  });
});

describe('DEMO_PROFILE', () => {
  it('is told apart from user profiles by kind and has no host to edit', () => {
    expect(DEMO_PROFILE.kind).toBe('demo');
    expect(DEMO_PROFILE.id).toBe('demo');
    expect('host' in DEMO_PROFILE).toBe(false);
    expect(Object.isFrozen(DEMO_PROFILE)).toBe(true);
  });
});
