import { afterEach, describe, expect, it } from 'vitest';
import { AmiClient } from '../ami/client';
import { clientOptionsFor, openSession } from '../session/login';
import { ProfileDraftSchema, type UserProfile } from '../../src-shared/profile';
import { startSimulatedPbx } from '../sim';
import { classToGrant, permissionMessage } from './permissions';
import { PictureStore } from './picture-store';
import { recordedReply } from './testing/traces';

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
      onCallRecord: () => undefined,
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

/** Asterisk 20's own `(Priv: …)` for each action, from its ListCommands answer in trace 01. */
function asteriskPrivileges(): Map<string, string[]> {
  const reply = recordedReply('01-login-plain', 'ListCommands')[0]!;
  const privileges = new Map<string, string[]>();
  for (const [name, value] of reply.headers) {
    const listed = /\(Priv: ([^)]*)\)/.exec(value)?.[1];
    if (listed) privileges.set(name, listed === '<none>' ? [] : listed.split(',').filter((c) => c !== 'all'));
  }
  return privileges;
}

describe('the receptionist’s actions need the classes Asterisk lists for them', () => {
  const NEW_ACTIONS = [
    'QueuePause',
    'QueueAdd',
    'QueueRemove',
    'Redirect',
    'Originate',
    'Setvar',
    'DBPut',
    'DBDel',
    'MailboxCount',
    'VoicemailUsersList',
    'PresenceStateList',
    'ExtensionState',
    'Filter',
  ];

  it('asks for a class Asterisk 20 accepts for each (trace 01’s ListCommands)', () => {
    const privileges = asteriskPrivileges();
    expect(NEW_ACTIONS.map((action) => [action, classToGrant(action)])).toEqual([
      ['QueuePause', 'agent'],
      ['QueueAdd', 'agent'],
      ['QueueRemove', 'agent'],
      ['Redirect', 'call'],
      ['Originate', 'originate'],
      ['Setvar', 'call'],
      ['DBPut', 'system'],
      ['DBDel', 'system'],
      ['MailboxCount', 'reporting'],
      ['VoicemailUsersList', 'reporting'],
      ['PresenceStateList', 'reporting'],
      ['ExtensionState', 'reporting'],
      ['Filter', 'system'],
    ]);
    for (const action of NEW_ACTIONS) expect(privileges.get(action), action).toContain(classToGrant(action));
    // QueueStatus, which the queues panel is read with, needs no class at all.
    expect(privileges.get('QueueStatus')).toEqual([]);
  });

  it('a user refused by the PBX is told which class to ask for: agent, system, originate', async () => {
    const pbx = await startSimulatedPbx({
      port: 0,
      answerDelayMs: 50,
      users: [
        { username: 'noagent', secret: 's', read: ['all'], write: ['call', 'originate', 'reporting'] },
        { username: 'nooriginate', secret: 's', read: ['all'], write: ['call', 'reporting', 'agent', 'system'] },
      ],
    });
    cleanups.push(() => pbx.close());
    const login = async (username: string) => {
      const profile: UserProfile = {
        kind: 'user',
        id: '5d2c8e1f-3a7b-4c9d-8e2f-1a3b5c7d9e0f',
        ...ProfileDraftSchema.parse({
          displayName: 'Desk',
          host: pbx.host,
          port: pbx.port,
          username,
          myDevice: 'PJSIP/100',
          dialContext: 'internal',
          dndMethod: 'freepbx',
          listenIn: true,
        }),
      };
      const store = new PictureStore();
      const session = openSession(profile, new AmiClient(clientOptionsFor(profile, 's')), {
        identity: { target: 'sim', profileId: profile.id },
        username,
        store,
        onProgress: () => undefined,
        onCallRecord: () => undefined,
      });
      cleanups.push(() => session.stop());
      session.start();
      const deadline = Date.now() + 5_000;
      while (session.status.kind !== 'connected' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      expect(session.status.kind, username).toBe('connected');
      return { session, store };
    };
    const denied = (result: { ok: boolean; error?: { code: string; message: string } }) =>
      result.ok ? 'allowed' : `${result.error?.code}: ${result.error?.message}`;

    const noAgent = await login('noagent');
    const member = noAgent.store.values('queues')[0]?.members[0];
    expect(member).toBeDefined();
    expect(denied(await noAgent.session.queueDesk.pause(member!.id, true, 'lunch'))).toBe(
      "permissionDenied: Your AMI user may not pause queue members: ask your PBX admin to add 'agent' to its read and write permissions in manager.conf.",
    );
    expect(denied(await noAgent.session.extensions.setDnd('105@internal', true))).toBe(
      "permissionDenied: Your AMI user may not set do-not-disturb: ask your PBX admin to add 'system' to its read and write permissions in manager.conf.",
    );

    const noOriginate = await login('nooriginate');
    await pbx.placeCall('0301234567', '105');
    let call = noOriginate.store.values('calls').find((live) => live.parties.some((p) => p.state === 'up'));
    const deadline = Date.now() + 5_000;
    while (!call && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 10));
      call = noOriginate.store.values('calls').find((live) => live.parties.every((p) => p.state === 'up'));
    }
    expect(call).toBeDefined();
    expect(denied(await noOriginate.session.desk.listen(call!.id, undefined, 'listen'))).toBe(
      "permissionDenied: Your AMI user may not place calls: ask your PBX admin to add 'originate' to its read and write permissions in manager.conf.",
    );
    expect(pbx.model.queue.members.every((m) => !m.paused)).toBe(true);
    expect(pbx.model.astdb.get('DND/105')).toBeUndefined();
  });
});
