import type { CommandProgress } from '../../../src-preload/contract';
import type { LiveCall } from '../../../src-preload/state';
import type { CallRecord } from '../../../src-shared/call-history';
import { AmiClient } from '../../ami/client';
import { clientOptionsFor, openSession } from '../../session/login';
import { ProfileDraftSchema, type UserProfile } from '../../../src-shared/profile';
import { PictureStore } from '../picture-store';
import { startTracePbx, type TracePbxOptions } from './trace-pbx';
import type { TracedMessage } from './traces';

/**
 * Test-only: the console as the app builds it (openSession, a default profile, a real AMI client over
 * loopback TCP) logged in to the lab PBX of a trace, which then plays the trace's events on request.
 */
export async function sessionOnTrace(
  scenario: readonly TracedMessage[],
  options: TracePbxOptions & { readonly settings?: Partial<UserProfile> } = {},
) {
  const pbx = await startTracePbx(scenario, options);
  const profile: UserProfile = {
    kind: 'user',
    id: '6f1c3a52-2f7e-4d0b-9a51-6a3e2b1c0d9e',
    ...ProfileDraftSchema.parse({ displayName: 'Lab', host: pbx.host, port: pbx.port, username: pbx.username }),
    ...options.settings,
  };
  const link = new AmiClient(clientOptionsFor(profile, pbx.secret));
  const store = new PictureStore();
  const progress: CommandProgress[] = [];
  const history: CallRecord[] = [];
  const session = openSession(profile, link, {
    identity: { target: 'lab', profileId: profile.id },
    username: profile.username,
    store,
    onProgress: (entry) => progress.push(entry),
    onCallRecord: (record) => history.push(record),
  });
  session.start();
  await until(() => session.status.kind === 'connected' || session.status.kind === 'failed');
  if (session.status.kind !== 'connected') throw new Error(`not connected: ${JSON.stringify(session.status)}`);

  /** Plays the trace up to `until` and waits until the console has taken in every event sent. */
  async function playUntil(t = Infinity): Promise<void> {
    pbx.play(t);
    // The PBX answers in order: once Ping is answered, every event before it has been read.
    await link.action('Ping');
    await new Promise((resolve) => setTimeout(resolve, 0));
  }

  /** Each call's parties as `tile` (or `number` when no tile), oldest first. */
  const calls = () => store.values('calls');
  const tilesOf = (call: LiveCall | undefined) =>
    call?.parties.map((party) => party.extensionId ?? `outside:${party.number}`);
  const callPairs = () =>
    calls()
      .map((call) => (tilesOf(call) ?? []).join(' + '))
      .sort();

  return {
    store,
    session,
    progress,
    /** The calls the history recorded, as they ended. */
    history,
    link,
    playUntil,
    calls,
    callPairs,
    tilesOf,
    /** The actions of this name the console sent the PBX. */
    received: (action: string) => pbx.actions.filter((message) => message.get('Action') === action),
    async close() {
      await session.stop();
      await pbx.close();
    },
  };
}

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
