import { afterEach, describe, expect, it } from 'vitest';
import { AmiClient } from '../ami/client';
import type { ListResult } from '../ami/request';
import type { AmiMessage } from '../ami/message';
import { ProfileDraftSchema, type UserProfile } from '../../src-shared/profile';
import { PictureStore } from '../pbx/picture-store';
import { until } from '../pbx/testing/sim-session';
import { startSimulatedPbx, type SimulatedPbx } from '../sim';
import { generatedOffice } from '../sim/office';
import { clientOptionsFor, openSession } from './login';
import type { PbxSession } from './pbx-session';

/** The real AMI client, noting when each action is asked and when its answer is in. */
class WatchedClient extends AmiClient {
  readonly said: string[] = [];

  override action(...args: Parameters<AmiClient['action']>): Promise<AmiMessage> {
    return this.watch(args[0], super.action(...args));
  }

  override list(...args: Parameters<AmiClient['list']>): Promise<ListResult> {
    return this.watch(args[0], super.list(...args));
  }

  private watch<T>(name: string, answer: Promise<T>): Promise<T> {
    this.said.push(`ask ${name}`);
    return answer.finally(() => this.said.push(`got ${name}`));
  }
}

/** What a login reads to draw the board, the calls, the parking lot and the queues. */
const LISTINGS = [
  'CoreSettings',
  'ExtensionStateList',
  'DeviceStateList',
  'PresenceStateList',
  'VoicemailUsersList',
  'CoreShowChannels',
  'BridgeList',
  'ParkedCalls',
  'QueueStatus',
];

let pbx: SimulatedPbx | undefined;
let session: PbxSession | undefined;

afterEach(async () => {
  await session?.stop();
  await pbx?.close();
  session = undefined;
  pbx = undefined;
});

describe('the first picture after a login', () => {
  it('asks for every list at once: a board of 200 hints waits for the longest list, not for their sum', async () => {
    pbx = await startSimulatedPbx({ port: 0, office: generatedOffice(200) });
    const profile: UserProfile = {
      kind: 'user',
      id: '6f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0',
      ...ProfileDraftSchema.parse({ displayName: 'Sim', host: pbx.host, port: pbx.port, username: 'demo' }),
    };
    const client = new WatchedClient(clientOptionsFor(profile, 'demo'));
    const store = new PictureStore();
    session = openSession(profile, client, {
      identity: { target: 'sim', profileId: profile.id },
      username: profile.username,
      store,
      onProgress: () => {},
      onCallRecord: () => {},
    });
    session.start();
    await until(() => session?.status.kind === 'connected');

    const firstAnswer = client.said.findIndex((line) => LISTINGS.some((name) => line === `got ${name}`));
    const asked = client.said.slice(0, firstAnswer);
    expect(LISTINGS.filter((name) => !asked.includes(`ask ${name}`))).toEqual([]);
    expect(Object.keys(store.snapshot().extensions)).toHaveLength(200);
  });
});
