import { afterEach, describe, expect, it } from 'vitest';
import { AmiClient } from '../ami/client';
import { clientOptionsFor, openSession } from '../session/login';
import { ProfileDraftSchema, type UserProfile } from '../../src-shared/profile';
import { startSimulatedPbx } from '../sim';
import { classToGrant, permissionMessage } from './permissions';
import { PictureStore } from './picture-store';

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('permission messages name the class to grant', () => {
  it('takes the narrowest class Asterisk accepts for each action', () => {
    expect(
      ['CoreShowChannels', 'ExtensionStateList', 'Hangup', 'Originate', 'MixMonitor', 'Command'].map(classToGrant),
    ).toEqual(['reporting', 'reporting', 'call', 'originate', 'system', 'command']);
  });

  it('tells a user without reporting what to ask for, as the session reports it', async () => {
    const pbx = await startSimulatedPbx({
      port: 0,
      users: [{ username: 'desk', secret: 'desk-secret', read: ['call'], write: ['call', 'originate'] }],
    });
    cleanups.push(() => pbx.close());
    const profile: UserProfile = {
      kind: 'user',
      id: '3c9e1b7a-2d4f-4a6b-8c1e-5f7a9b2c4d6e',
      ...ProfileDraftSchema.parse({ displayName: 'Desk', host: pbx.host, port: pbx.port, username: 'desk' }),
    };
    const session = openSession(profile, new AmiClient(clientOptionsFor(profile, 'desk-secret')), {
      identity: { target: 'sim', profileId: profile.id },
      username: 'desk',
      store: new PictureStore(),
      onProgress: () => undefined,
    });
    cleanups.push(() => session.stop());
    session.start();
    const deadline = Date.now() + 5_000;
    while (session.status.kind !== 'failed' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(session.status).toMatchObject({
      kind: 'failed',
      reason: {
        code: 'permission',
        message:
          "Your AMI user may not list channels: ask your PBX admin to add 'reporting' to its read and write permissions in manager.conf.",
      },
    });
    expect(permissionMessage('CoreShowChannels')).toBe(
      session.status.kind === 'failed' && session.status.reason.message,
    );
  });
});
