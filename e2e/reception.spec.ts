import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { startBrowserHost, type BrowserHost } from '../src-main/browser-host';
import { KeytarVault } from '../src-main/profiles/vault';
import type { SimulatedPbx } from '../src-main/sim';
import { ProfileDraftSchema } from '../src-shared/profile';
import { E2E_VAULT_SERVICE, expect, test } from './fixtures';
import { callCard, connectAsOperator, headers, notice, received, talking, tile } from './operator';

/**
 * Issue 11, the receptionist's day: each capability through the page's own gestures (mouse and
 * keyboard), checked on the screen and in the AMI actions the simulated PBX received.
 */

const CALLER = '0301234567';
const SETUP_WINDOW = { id: 'e2e-setup', send: () => {}, onClosed: () => {} };

/** As connectAsOperator, with a profile that turns listening in on (it is off unless the profile says so). */
async function connectAsListeningOperator(page: Page, host: BrowserHost, pbx: SimulatedPbx): Promise<void> {
  const draft = ProfileDraftSchema.parse({
    displayName: 'Reception',
    host: pbx.host,
    port: pbx.port,
    username: 'demo',
    myDevice: 'PJSIP/100',
    dialContext: 'internal',
    listenIn: true,
  });
  const profile = await host.services.handlers['profiles:create'](draft, SETUP_WINDOW);
  await host.services.connect({ profileId: profile.id, secret: 'demo' });
  await expect(page.getByTestId('status-text')).toContainText('Connected to Asterisk');
  await expect(tile(page, '100')).toContainText('You');
}
const menuItem = (page: Page, exten: string, item: string) =>
  page.locator(`[data-menu-for="${exten}@internal"] [data-menu="${item}"]`);
async function openMenu(page: Page, exten: string): Promise<void> {
  await tile(page, exten).locator('[data-action="menu"]').click();
  await expect(page.locator(`[data-menu-for="${exten}@internal"]`)).toBeVisible();
}
/** A restart: new main services over the same user-data folder, logged in again with the profile. */
async function restartMain(page: Page, host: BrowserHost, userDataDir: string, mainLog: string[]) {
  const [profile] = (await host.services.handlers['profiles:list'](undefined, SETUP_WINDOW)).profiles.filter(
    (one) => one.kind === 'user',
  );
  await host.close();
  const again = await startBrowserHost({
    rendererDir: resolve('out/renderer'),
    log: { warn: (m) => mainLog.push(`warn ${m}`), error: (m, e) => mainLog.push(`error ${m} ${String(e)}`) },
    services: { demoScenario: 'none', userDataDir, vault: new KeytarVault({ service: E2E_VAULT_SERVICE }) },
  });
  try {
    await page.goto(again.bridge.url);
    await again.services.connect({ profileId: profile!.id, secret: 'demo' });
    await expect(page.getByTestId('status-text')).toContainText('Connected to Asterisk');
  } catch (error) {
    await again.close();
    throw error;
  }
  return again;
}
const live = (pbx: SimulatedPbx) => [...pbx.model.channels.values()].filter((channel) => !channel.hungUp);
const callerTalksTo = (pbx: SimulatedPbx) => {
  const caller = live(pbx).find((channel) => channel.callerIdNum === CALLER);
  return caller ? pbx.model.bridgePeers(caller).map((peer) => peer.device) : [];
};

test.describe('the receptionist’s day', () => {
  test('voicemail: a new message shows on the tile and mine in the header; the menu calls the box', async ({
    console: page,
    pbx,
    host,
  }) => {
    await connectAsOperator(page, host, pbx);
    const badge = tile(page, '105').locator('[data-voicemail-new]');
    await expect(badge).toHaveAttribute('data-voicemail-new', '0');
    expect(received(pbx, 'VoicemailUsersList')).toHaveLength(1);

    // What Asterisk sends when a message is left (trace 17): MessageWaiting with the new counts.
    pbx.model.setMailbox('105@default', 1, 0);
    await expect(badge).toHaveAttribute('data-voicemail-new', '1');
    await expect(badge).toHaveText('✉ 1 new · 0 old');
    pbx.model.setMailbox('100@default', 2, 3);
    await expect(page.getByTestId('my-voicemail')).toHaveText('✉ Your voicemail: 2 new, 3 old');

    await openMenu(page, '105');
    await menuItem(page, '105', 'voicemail').click();
    await expect
      .poll(() => received(pbx, 'Originate').map((action) => headers(action, 'Channel', 'Context', 'Exten')))
      .toEqual([{ Channel: 'PJSIP/100', Context: 'internal', Exten: '*105' }]);
    // The notice moves on to "Ringing *105…" as soon as my phone answers, which on a loaded machine
    // can happen before this check: either sentence is the PBX's truth about this Originate.
    await expect(notice(page)).toContainText(/Calling your phone: answer it to call \*105|Ringing \*105…/);
  });

  test('presence: set from the menu by Setvar PRESENCE_STATE; the badge follows the PBX’s event, also when the PBX alone changes it', async ({
    console: page,
    pbx,
    host,
  }) => {
    await connectAsOperator(page, host, pbx);
    const presence = tile(page, '110').locator('[data-presence]');
    await expect(presence).toHaveCount(0);
    await openMenu(page, '110');
    await menuItem(page, '110', 'presence-away').click();

    await expect(presence).toHaveAttribute('data-presence', 'away');
    expect(received(pbx, 'Setvar').map((action) => headers(action, 'Channel', 'Variable', 'Value'))).toEqual([
      { Channel: undefined, Variable: 'PRESENCE_STATE(CustomPresence:110)', Value: 'away' },
    ]);
    await expect(notice(page)).toContainText('110 Jonas Keller is now Away.');

    // Nothing the console pressed: the PBX's own PresenceStateChange moves the badge.
    pbx.model.setPresence('CustomPresence:110', 'dnd', '', '');
    await expect(presence).toHaveAttribute('data-presence', 'dnd');
    expect(received(pbx, 'Setvar')).toHaveLength(1);
  });

  test.describe('on a FreePBX-style PBX', () => {
    test.use({ pbxOptions: { answerDelayMs: 300, flavour: 'freepbx' } });

    test('DND: key N sets FreePBX’s AstDB flag and its Custom:DND device; the badge comes with the device’s event, the lamp stays the phone’s', async ({
      console: page,
      pbx,
      host,
    }) => {
      await connectAsOperator(page, host, pbx);
      const dnd = tile(page, '105').locator('[data-presence="dnd"]');
      await expect(dnd).toHaveCount(0);
      await tile(page, '105').focus();
      await page.keyboard.press('n');

      await expect(dnd).toBeVisible();
      await expect(tile(page, '105')).toHaveAttribute('data-lamp', 'idle');
      expect(received(pbx, 'DBPut').map((action) => headers(action, 'Family', 'Key', 'Val'))).toEqual([
        { Family: 'DND', Key: '105', Val: 'YES' },
      ]);
      expect(received(pbx, 'Setvar').map((action) => headers(action, 'Variable', 'Value'))).toEqual([
        { Variable: 'DEVICE_STATE(Custom:DND105)', Value: 'BUSY' },
      ]);
      expect(pbx.model.stateOf('Custom:DND105')).toBe('BUSY');

      // And off again from the menu.
      await openMenu(page, '105');
      await menuItem(page, '105', 'dnd').click();
      await expect(dnd).toHaveCount(0);
      expect(received(pbx, 'DBDel').map((action) => headers(action, 'Family', 'Key'))).toEqual([
        { Family: 'DND', Key: '105' },
      ]);
      expect(received(pbx, 'Setvar').at(-1)?.get('Value')).toBe('NOT_INUSE');
    });
  });

  test('answer for others: key A on a ringing colleague’s tile redirects the caller to my phone', async ({
    console: page,
    pbx,
    host,
  }) => {
    await connectAsOperator(page, host, pbx);
    pbx.telephony.noAnswer.add('PJSIP/105');
    await pbx.placeCall(CALLER, '105');
    await expect(tile(page, '105')).toHaveAttribute('data-lamp', 'ringing');
    await tile(page, '105').focus();
    await page.keyboard.press('a');

    await expect.poll(() => callerTalksTo(pbx), { message: 'the PBX has the caller with me' }).toEqual(['PJSIP/100']);
    const [redirect] = received(pbx, 'Redirect');
    expect(headers(redirect, 'Context', 'Exten', 'Priority')).toEqual({
      Context: 'internal',
      Exten: '100',
      Priority: '1',
    });
    expect(redirect?.get('Channel')).toMatch(/^PJSIP\/trunk-/);
    await expect(notice(page)).toContainText('You have the call at 100.');
    await expect(callCard(page, CALLER, '100')).toHaveAttribute('data-state', 'up');
  });

  test('answer for others: the ringing call’s Take button brings it to me; a ringing call dragged onto 107 goes there', async ({
    console: page,
    pbx,
    host,
  }) => {
    await connectAsOperator(page, host, pbx);
    pbx.telephony.noAnswer.add('PJSIP/105');
    await pbx.placeCall(CALLER, '105');
    const ringing = callCard(page, CALLER, '105');
    await expect(ringing).toHaveAttribute('data-state', 'ringing');
    await ringing.dragTo(tile(page, '107'));
    await expect.poll(() => callerTalksTo(pbx)).toEqual(['PJSIP/107']);
    expect(received(pbx, 'Redirect').map((action) => action.get('Exten'))).toEqual(['107']);

    pbx.telephony.noAnswer.add('PJSIP/106');
    await pbx.placeCall('0309876543', '106');
    const second = callCard(page, '0309876543', '106');
    await second.locator('[data-action="take"]').click();
    await expect(callCard(page, '0309876543', '100')).toHaveAttribute('data-state', 'up');
    expect(received(pbx, 'Redirect').map((action) => action.get('Exten'))).toEqual(['107', '100']);
  });

  test('listen and whisper: ChanSpy from my phone on 105’s side, shown on the call, and stopped', async ({
    console: page,
    pbx,
    host,
  }) => {
    await connectAsListeningOperator(page, host, pbx);
    await talking(page, pbx, CALLER, '105');
    await openMenu(page, '105');
    await menuItem(page, '105', 'listen').click();

    const card = callCard(page, CALLER, '105');
    await expect(card.getByTestId('listening')).toContainText('You are listening');
    // My phone's ChanSpy leg is no call of mine: it shows on the listened-to call only.
    const liveCards = page.getByTestId('calls-panel').locator('li.call:not([data-ended])');
    await expect(liveCards).toHaveCount(1);
    await expect(tile(page, '100').locator('.tile-call')).toHaveCount(0);
    expect(live(pbx).filter((channel) => channel.device === 'PJSIP/100')).toHaveLength(1);
    const [listen] = received(pbx, 'Originate');
    expect(headers(listen, 'Channel', 'Application', 'Async')).toEqual({
      Channel: 'PJSIP/100',
      Application: 'ChanSpy',
      Async: 'true',
    });
    expect(listen?.get('Data')).toMatch(/^PJSIP\/105-[0-9a-f]+,qES$/);
    await card.locator('[data-action="stop-listening"]').click();
    await expect(card.getByTestId('listening')).toHaveCount(0);
    expect(received(pbx, 'Hangup').map((action) => action.get('Channel'))).toEqual([
      expect.stringMatching(/^PJSIP\/100-/),
    ]);
    await expect(notice(page)).toContainText('You stopped listening to 105.');

    await tile(page, '105').focus();
    await page.keyboard.press('w');
    await expect(card.getByTestId('listening')).toContainText('You are whispering to 105');
    await expect(liveCards).toHaveCount(1);
    expect(received(pbx, 'Originate').at(-1)?.get('Data')).toMatch(/^PJSIP\/105-[0-9a-f]+,qESw$/);
    await expect(card).toHaveAttribute('data-state', 'up');
  });

  test('alert: my phone ringing shows a banner with the caller and the count in the title; clicking it focuses the call', async ({
    console: page,
    pbx,
    host,
  }) => {
    await connectAsOperator(page, host, pbx);
    await expect(page).toHaveTitle('Switchboard');
    pbx.telephony.noAnswer.add('PJSIP/100');
    await pbx.placeCall(CALLER, '100');

    const banner = page.getByTestId('incoming-alerts').locator('[data-alert-call]');
    await expect(banner).toHaveText(/Incoming call for you\s*0301234567/);
    await expect(page).toHaveTitle('(1) Switchboard');
    await banner.click();
    await expect(callCard(page, CALLER, '100')).toBeFocused();
    // The alert comes from the PBX's events alone: the console asked nothing of the PBX for it.
    expect(received(pbx, 'Originate')).toEqual([]);
    expect(received(pbx, 'Redirect')).toEqual([]);

    const caller = live(pbx).find((channel) => channel.callerIdNum === CALLER);
    pbx.telephony.hangup(caller!, 16);
    await expect(banner).toHaveCount(0);
    await expect(page).toHaveTitle('Switchboard');
  });

  test('favourites: pinned by key F and by the menu, shown first, and still there after main restarts', async ({
    console: page,
    pbx,
    host,
    userDataDir,
    mainLog,
  }) => {
    await connectAsOperator(page, host, pbx);
    await tile(page, '107').focus();
    await page.keyboard.press('f');
    await openMenu(page, '105');
    await menuItem(page, '105', 'favourite').click();
    const favourites = page.locator('[data-favourites="true"]');
    await expect
      .poll(() => favourites.locator('[data-extension]').evaluateAll((tiles) => tiles.map((t) => t.dataset.extension)))
      .toEqual(['107@internal', '105@internal']);
    await expect(page.locator('.board__group-section').first()).toHaveAttribute('data-favourites', 'true');
    await expect
      .poll(async () => {
        const file = JSON.parse(await readFile(join(userDataDir, 'profiles.json'), 'utf8')) as {
          profiles: { board: { favourites: string[] } }[];
        };
        return file.profiles[0]?.board.favourites;
      })
      .toEqual(['107@internal', '105@internal']);

    const again = await restartMain(page, host, userDataDir, mainLog);
    try {
      await expect
        .poll(() =>
          page
            .locator('[data-favourites="true"] [data-extension]')
            .evaluateAll((tiles) => tiles.map((t) => (t as HTMLElement).dataset.extension)),
        )
        .toEqual(['107@internal', '105@internal']);
    } finally {
      await again.close();
    }
  });

  test('my own name: "Rename for me…" puts it on the tile over the voicemail name, kept after main restarts, taken away again', async ({
    console: page,
    pbx,
    host,
    userDataDir,
    mainLog,
  }) => {
    await connectAsOperator(page, host, pbx);
    const name = (exten: string) => tile(page, exten).locator('.tile__name');
    await expect(name('105')).toHaveText('Emma Fischer');
    await openMenu(page, '105');
    await menuItem(page, '105', 'rename').click();
    const prompt = page.getByTestId('rename-prompt');
    await expect(prompt.getByLabel('Your name for 105')).toHaveValue('Emma Fischer');
    await prompt.getByLabel('Your name for 105').fill('Emma (front desk)');
    await prompt.getByRole('button', { name: 'Save' }).click();
    await expect(prompt).toBeHidden();
    await expect(name('105')).toHaveText('Emma (front desk)');
    await expect(name('106')).toHaveText('Felix Garcia');
    await expect
      .poll(async () => {
        const file = JSON.parse(await readFile(join(userDataDir, 'profiles.json'), 'utf8')) as {
          profiles: { board: { ownNames?: Record<string, string> } }[];
        };
        return file.profiles[0]?.board.ownNames;
      })
      .toEqual({ '105@internal': 'Emma (front desk)' });

    const again = await restartMain(page, host, userDataDir, mainLog);
    try {
      await expect(name('105')).toHaveText('Emma (front desk)');
      await openMenu(page, '105');
      await menuItem(page, '105', 'rename').click();
      await page.getByTestId('rename-reset').click();
      await expect(name('105')).toHaveText('Emma Fischer');
    } finally {
      await again.close();
    }
  });
});
