import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Sender } from '../ipc/gatekeeper';
import { ProfileDraftSchema } from '../../src-shared/profile';
import { MapVault } from '../profiles/testing/vaults';
import { createMainServices } from '../services';
import { startSimulatedPbx } from '../sim';
import { alertsWhenMyPhoneRings } from './my-phone-alerts';
import { showAlertsNatively, type NotificationPort } from './native-alerts';

const window: Sender = { id: 'w', send: () => {}, onClosed: () => {} };
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('a native alert when my phone rings', () => {
  it('shows the caller while my phone rings, focuses the call on a click, and goes when the caller hangs up', async () => {
    const userDataDir = await mkdtemp(join(tmpdir(), 'switchboard-alerts-'));
    cleanups.push(() => rm(userDataDir, { recursive: true, force: true }));
    const services = createMainServices({
      broadcast: () => undefined,
      log: { warn: () => undefined, error: () => undefined },
      demoScenario: 'none',
      userDataDir,
      vault: new MapVault(),
    });
    cleanups.push(() => services.dispose());
    const pbx = await startSimulatedPbx({ port: 0 });
    cleanups.push(() => pbx.close());
    const draft = ProfileDraftSchema.parse({
      displayName: 'Front desk',
      host: '127.0.0.1',
      port: pbx.port,
      username: 'demo',
      myDevice: 'PJSIP/100',
    });
    const { id: profileId } = await services.handlers['profiles:create'](draft, window);

    const onScreen = new Map<string, () => void>();
    const port: NotificationPort = {
      supported: true,
      show: ({ title, body }, onClick) => {
        const key = `${title}: ${body}`;
        onScreen.set(key, onClick);
        return { close: () => onScreen.delete(key) };
      },
    };
    const focused: string[] = [];
    const stop = showAlertsNatively(alertsWhenMyPhoneRings(services.desktop, services.store), port, (callId) =>
      focused.push(callId),
    );
    cleanups.push(async () => stop());

    await services.handlers['session:connect']({ profileId, secret: 'demo' }, window);
    await pbx.placeCall('+4930123456', '101', { hangupAfterMs: 3_000 });
    await pbx.placeCall('+4930999999', '100', { hangupAfterMs: 1_500 });
    await expect
      .poll(() => [...onScreen.keys()], { timeout: 5_000 })
      .toEqual([expect.stringMatching(/^Call for you: .*\+4930999999/)]);
    const ringingCall = services.store
      .values('calls')
      .find((call) => call.parties.some((party) => party.number === '+4930999999'));
    [...onScreen.values()][0]!();
    expect(focused).toEqual([ringingCall!.id]);
    expect(onScreen.size).toBe(0);

    await pbx.placeCall('+4930777777', '100', { hangupAfterMs: 1_000 });
    await expect.poll(() => onScreen.size, { timeout: 5_000 }).toBe(1);
    await expect.poll(() => onScreen.size, { timeout: 8_000 }).toBe(0);
    expect(focused).toHaveLength(1);
  });
});
