import { AmiClient } from '../../ami/client';
import { clientOptionsFor, openSession } from '../../session/login';
import { startSimulatedPbx, type SimulatedPbxOptions } from '../../sim';
import { ProfileDraftSchema, type ProfileDraftInput, type UserProfile } from '../../../src-shared/profile';
import { PictureStore } from '../picture-store';

/**
 * Test-only: a fresh simulated PBX and the console as the app builds it (openSession, a profile
 * parsed like a saved one, a real AMI client over loopback TCP), connected.
 */
export async function sessionOnSim(
  options: SimulatedPbxOptions = {},
  draft: Partial<ProfileDraftInput> = {},
  secret = 'demo',
) {
  const pbx = await startSimulatedPbx({ port: 0, answerDelayMs: 40, ...options });
  const profile: UserProfile = {
    kind: 'user',
    id: '2c9d4e1f-7a3b-4c5d-9e8f-0a1b2c3d4e5f',
    ...ProfileDraftSchema.parse({ displayName: 'Sim', host: pbx.host, port: pbx.port, username: 'demo', ...draft }),
  };
  const store = new PictureStore();
  const session = openSession(profile, new AmiClient(clientOptionsFor(profile, secret)), {
    identity: { target: 'sim', profileId: profile.id },
    username: profile.username,
    store,
    onProgress: () => {},
    onCallRecord: () => {},
  });
  session.start();
  const close = async () => {
    await session.stop();
    await pbx.close();
  };
  try {
    await until(() => session.status.kind === 'connected' || session.status.kind === 'failed');
    if (session.status.kind !== 'connected') throw new Error(`not connected: ${JSON.stringify(session.status)}`);
  } catch (error) {
    await close();
    throw error;
  }
  return { pbx, store, session, profile, close };
}

export async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
