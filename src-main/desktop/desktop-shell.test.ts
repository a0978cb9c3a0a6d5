import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Sender } from '../ipc/gatekeeper';
import { ProfileDraftSchema, type DesktopPrefs } from '../../src-shared/profile';
import { MapVault } from '../profiles/testing/vaults';
import { createMainServices } from '../services';
import { startSimulatedPbx } from '../sim';
import type { SimFlavour } from '../sim/office';
import { followDesktopPrefs, followTrayInput, loginItemFor } from './desktop-shell';
import { chooseTrayItem, trayView, type TrayInput, type TrayIntents } from './tray-model';

const window: Sender = { id: 'w', send: () => {}, onClosed: () => {} };
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function servicesWithPbx(flavour?: SimFlavour) {
  const userDataDir = await mkdtemp(join(tmpdir(), 'switchboard-desktop-'));
  cleanups.push(() => rm(userDataDir, { recursive: true, force: true }));
  const services = createMainServices({
    broadcast: () => undefined,
    log: { warn: () => undefined, error: () => undefined },
    demoScenario: 'none',
    userDataDir,
    vault: new MapVault(),
    osLanguages: ['en-US'],
  });
  cleanups.push(() => services.dispose());
  const pbx = await startSimulatedPbx({ port: 0, flavour });
  cleanups.push(() => pbx.close());
  const draft = ProfileDraftSchema.parse({
    displayName: 'Front desk',
    host: '127.0.0.1',
    port: pbx.port,
    username: 'demo',
    myDevice: 'PJSIP/100',
    desktop: { keepInTray: true, startAtLogin: true, bringToFrontShortcut: 'CommandOrControl+Alt+S' },
  });
  const profile = await services.handlers['profiles:create'](draft, window);
  return { services, pbx, profileId: profile.id };
}

describe('the desktop shell on a real session', () => {
  it('shows the connection, then a call ringing in as a call waiting, then nothing once it hangs up', async () => {
    const { services, pbx, profileId } = await servicesWithPbx();
    const shown: TrayInput[] = [];
    const tray = followTrayInput(services.desktop, services.store, (input) => shown.push(input));
    cleanups.push(async () => tray.stop());
    expect(trayView(tray.current()).tooltip).toBe('Switchboard: Not connected');

    await services.handlers['session:connect']({ profileId, secret: 'demo' }, window);
    await expect.poll(() => shown.at(-1)?.status.kind).toBe('connected');
    expect(trayView(shown.at(-1)!).tooltip).toBe(`Switchboard: Connected to 127.0.0.1:${pbx.port}. No calls waiting`);

    await pbx.placeCall('+4930123456', '100', { hangupAfterMs: 1_500 });
    await expect.poll(() => shown.at(-1)?.callsWaiting, { timeout: 5_000 }).toBe(1);
    expect(trayView(shown.at(-1)!).title).toBe('1');
    await expect.poll(() => shown.at(-1)?.callsWaiting, { timeout: 8_000 }).toBe(0);

    // The page switched to Chinese: the tray speaks it at once.
    await services.handlers['desktop:speak']({ language: 'zh-CN' }, window);
    expect(trayView(shown.at(-1)!).tooltip).toBe(`Switchboard：已连接到 127.0.0.1:${pbx.port}；没有等待接听的来电`);

    await services.desktop.logOut();
    await expect.poll(() => shown.at(-1)?.status.kind).toBe('disconnected');
    expect(trayView(shown.at(-1)!).tooltip).toBe('Switchboard：未连接');
  });

  it("applies the connected profile's desktop settings at each login", async () => {
    const { services, profileId } = await servicesWithPbx();
    const applied: [DesktopPrefs, string][] = [];
    const stop = followDesktopPrefs(
      services.desktop,
      (prefs, id) => applied.push([prefs, id]),
      () => undefined,
    );
    cleanups.push(async () => stop());
    await services.handlers['session:connect']({ profileId, secret: 'demo' }, window);
    await expect
      .poll(() => applied)
      .toEqual([[{ keepInTray: true, startAtLogin: true, bringToFrontShortcut: 'CommandOrControl+Alt+S' }, profileId]]);
    expect(loginItemFor(applied[0]![0], profileId)).toEqual({ openAtLogin: true, args: ['--profile', profileId] });
    expect(loginItemFor({ ...applied[0]![0], startAtLogin: false }, profileId)).toEqual({
      openAtLogin: false,
      args: [],
    });
  });

  it("turns my phone's DND on and off from the tray, the check mark following the PBX's events", async () => {
    const { services, pbx, profileId } = await servicesWithPbx('freepbx');
    const shown: TrayInput[] = [];
    const tray = followTrayInput(services.desktop, services.store, (input) => shown.push(input));
    cleanups.push(async () => tray.stop());
    const intents: TrayIntents = {
      showConsole: () => undefined,
      setMyDnd: (on) => services.desktop.setMyDnd(on),
      logOut: () => services.desktop.logOut(),
      quit: () => undefined,
    };
    const dndItem = () => trayView(shown.at(-1)!).menu.find((item) => item.kind === 'check');

    await services.handlers['session:connect']({ profileId, secret: 'demo' }, window);
    await expect.poll(() => shown.at(-1)?.myDnd).toBe('off');
    expect(dndItem()).toMatchObject({ enabled: true, checked: false });

    await chooseTrayItem('dnd', tray.current(), intents);
    await expect.poll(() => shown.at(-1)?.myDnd).toBe('on');
    expect(dndItem()).toMatchObject({ enabled: true, checked: true });
    expect(pbx.model.stateOf('Custom:DND100')).toBe('BUSY');
    expect(pbx.model.astdb.get('DND/100')).toBe('YES');

    await chooseTrayItem('dnd', tray.current(), intents);
    await expect.poll(() => shown.at(-1)?.myDnd).toBe('off');
    expect(pbx.model.stateOf('Custom:DND100')).toBe('NOT_INUSE');
  });

  it('greys DND out on a PBX whose hint for my phone carries no DND', async () => {
    const { services, profileId } = await servicesWithPbx();
    const shown: TrayInput[] = [];
    const tray = followTrayInput(services.desktop, services.store, (input) => shown.push(input));
    cleanups.push(async () => tray.stop());
    await services.handlers['session:connect']({ profileId, secret: 'demo' }, window);
    await expect.poll(() => shown.at(-1)?.status.kind).toBe('connected');
    expect(shown.at(-1)?.myDnd).toBe('unknown');
    expect(trayView(shown.at(-1)!).menu).toContainEqual(expect.objectContaining({ id: 'dnd', enabled: false }));
  });
});
