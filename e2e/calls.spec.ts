import type { Page } from '@playwright/test';
import type { BrowserHost } from '../src-main/browser-host';
import type { SimulatedPbx } from '../src-main/sim';
import { expect, test } from './fixtures';
import { FLAVOUR_MATRIX, withoutSequence } from './flavour-matrix';
import { callCard, connectAsOperator, headers, notice, received, talking, tile } from './operator';

/**
 * One test per call gesture: what the receptionist sees, and which AMI actions (with which
 * headers) the simulated PBX received. The operator sits at 100, dialling in `internal`; every
 * gesture runs against each PBX flavour (demo, handsets as Local channels, FreePBX-style).
 */

for (const { flavour, myDevice, device, channel, channelBase } of FLAVOUR_MATRIX) {
  const connect = (page: Page, host: BrowserHost, pbx: SimulatedPbx) => connectAsOperator(page, host, pbx, myDevice);

  test.describe(`call control (${flavour})`, () => {
    test.use({ pbxOptions: { answerDelayMs: 300, flavour } });

    test('click-to-dial: double-clicking a tile rings my phone, then the extension', async ({
      console: page,
      pbx,
      host,
    }) => {
      await connect(page, host, pbx);
      await tile(page, '102').dblclick();
      await expect(notice(page)).toContainText(/Calling your phone|Ringing 102/);
      await expect(notice(page)).toContainText('Connected to 102.');
      await expect(callCard(page, '100', '102')).toHaveAttribute('data-state', 'up');
      await expect(callCard(page, '100', '102')).toContainText('Your call');
      await expect(tile(page, '102').locator('.tile-call')).toContainText('100');
      expect(received(pbx, 'Originate')).toHaveLength(1);
      expect(
        headers(received(pbx, 'Originate')[0], 'Channel', 'Context', 'Exten', 'Priority', 'Async', 'Timeout'),
      ).toEqual({
        Channel: myDevice,
        Context: 'internal',
        Exten: '102',
        Priority: '1',
        Async: 'true',
        Timeout: '30000',
      });
      expect(received(pbx, 'Originate')[0]?.get('CallerID')).toMatch(/<100>$/);
    });

    test('click-to-dial: a failure says why in plain words (my phone is offline)', async ({
      console: page,
      pbx,
      host,
    }) => {
      await connect(page, host, pbx);
      pbx.setDeviceState(device('100'), 'UNAVAILABLE');
      await page.getByTestId('dial-box').fill('105');
      await page.getByTestId('dial-box').press('Enter');
      await expect(notice(page).locator('[data-tone="error"]')).toContainText(
        `Your phone (${myDevice}) could not be reached`,
      );
      expect(headers(received(pbx, 'Originate')[0], 'Channel', 'Exten', 'Async')).toEqual({
        Channel: myDevice,
        Exten: '105',
        Async: 'true',
      });
      await expect(page.getByTestId('calls-panel').locator('li.call')).toHaveCount(0);
    });

    test('blind transfer by drag and drop: warns on a busy extension, moves the other person', async ({
      console: page,
      pbx,
      host,
    }) => {
      await connect(page, host, pbx);
      await talking(page, pbx, '101', '102');
      await talking(page, pbx, '103', '104');
      const fromTile = tile(page, '101').locator('.tile-call');

      await fromTile.dragTo(tile(page, '103'));
      await expect(page.getByTestId('confirm-dialog')).toContainText(
        '103 Chloe Dubois is busy. Transfer the call there anyway?',
      );
      await page.getByTestId('confirm-cancel').click();
      expect(received(pbx, 'BlindTransfer')).toEqual([]);

      await fromTile.dragTo(tile(page, '107'));
      await expect(callCard(page, '102', '107')).toHaveAttribute('data-state', 'up');
      await expect(tile(page, '101').locator('.tile-call')).toHaveCount(0);
      const [transfer] = received(pbx, 'BlindTransfer');
      expect(headers(transfer, 'Context', 'Exten')).toEqual({ Context: 'internal', Exten: '107' });
      expect(transfer?.get('Channel')).toMatch(channel('101'));
    });

    test('attended transfer the PBX only acknowledges: says within seconds how to enable it', async ({
      console: page,
      pbx,
      host,
    }) => {
      await connect(page, host, pbx);
      await talking(page, pbx, '105', '100');
      await callCard(page, '105', '100').locator('[data-action="attended"]').click();
      await page.getByTestId('transfer-target').fill('107');
      await page.getByTestId('transfer-target').press('Enter');
      const said = notice(page).locator('[data-tone="error"]');
      await expect(said).toContainText('Dial(...,tT)', { timeout: 6_000 });
      await expect(said).toContainText('give it to the party that transfers');
      await expect(said).toContainText('__BRIDGE_FEATURES=Tt');
      expect(received(pbx, 'Atxfer')[0]?.get('Channel')).toMatch(channel('100'));
      await expect(callCard(page, '105', '100')).toHaveAttribute('data-state', 'up');
    });

    test('attended transfer on a call I placed: my originate gives me the transfer feature, Atxfer consults and completes', async ({
      console: page,
      pbx,
      host,
    }) => {
      await connect(page, host, pbx);
      await page.getByTestId('dial-box').fill('105');
      await page.getByTestId('dial-box').press('Enter');
      await expect(callCard(page, '100', '105')).toHaveAttribute('data-state', 'up');
      expect(headers(received(pbx, 'Originate')[0], 'Channel', 'Exten', 'Variable')).toEqual({
        Channel: myDevice,
        Exten: '105',
        Variable: 'BRIDGE_FEATURES=Tt',
      });
      await callCard(page, '100', '105').locator('[data-action="attended"]').click();
      await page.getByTestId('transfer-target').fill('107');
      await page.getByTestId('transfer-target').press('Enter');
      await expect(notice(page)).toContainText('Talking to 107: Complete transfer (or hang up your phone)');
      await expect(callCard(page, '105')).toHaveAttribute('data-state', 'onHold');
      // The consultation is a call of its own: I talk to 107 while 105 waits.
      await expect(callCard(page, '100', '107')).toHaveAttribute('data-state', 'up');
      await expect(callCard(page, '100', '107')).toContainText('Talking');
      await expect(callCard(page, '105', '100')).toHaveCount(0);
      expect(received(pbx, 'Atxfer')[0]?.get('Channel')).toMatch(channel('100'));
      await callCard(page, '100', '107').locator('[data-action="complete-transfer"]').click();
      await expect(notice(page)).toContainText('Transferred to 107.');
      await expect(callCard(page, '105', '107')).toHaveAttribute('data-state', 'up');
    });

    test('keyboard transfer: select a call, T, type the extension, Enter', async ({ console: page, pbx, host }) => {
      await connect(page, host, pbx);
      await talking(page, pbx, '105', '100');
      await callCard(page, '105', '100').locator('.call__head').click();
      await page.keyboard.press('t');
      await expect(page.getByTestId('transfer-prompt')).toBeVisible();
      await page.keyboard.type('108');
      await page.keyboard.press('Enter');
      await expect(callCard(page, '105', '108')).toHaveAttribute('data-state', 'up');
      const [transfer] = received(pbx, 'BlindTransfer');
      expect(headers(transfer, 'Context', 'Exten')).toEqual({ Context: 'internal', Exten: '108' });
      expect(transfer?.get('Channel')).toMatch(channel('100'));
    });

    test('park, then pick up to my phone', async ({ console: page, pbx, host }) => {
      await connect(page, host, pbx);
      await talking(page, pbx, '105', '100');
      await callCard(page, '105', '100').locator('[data-action="park"]').click();
      const slot = page.getByTestId('parking-lot').locator('[data-slot="701"]');
      await expect(slot).toContainText('105');
      await expect(slot).toContainText('parked by');
      await expect(slot.getByTestId('parking-countdown')).toContainText(/returns in 0:4\d/);
      const [park] = received(pbx, 'Park');
      expect(park?.get('Channel')).toMatch(channel('105'));
      expect(park?.get('TimeoutChannel')).toMatch(channel('100'));
      expect(park?.get('Parkinglot')).toBe('default');

      await expect(tile(page, '100')).toHaveAttribute('data-lamp', 'idle');
      await slot.locator('[data-action="pickup"]').click();
      await expect(slot).toHaveCount(0);
      await expect(callCard(page, '105', '100')).toHaveAttribute('data-state', 'up');
      expect(headers(received(pbx, 'Originate')[0], 'Channel', 'Context', 'Exten', 'Async')).toEqual({
        Channel: myDevice,
        Context: 'internal',
        Exten: '701',
        Async: 'true',
      });
    });

    test('record, pause, resume and stop: the badge follows the PBX', async ({ console: page, pbx, host }) => {
      await connect(page, host, pbx);
      await talking(page, pbx, '105', '106');
      const card = callCard(page, '105', '106');
      const badge = card.locator('[data-recording]');
      await card.locator('[data-action="record"]').click();
      await expect(badge).toHaveAttribute('data-recording', 'recording');
      await expect(tile(page, '106').locator('[data-recording]')).toHaveAttribute('data-recording', 'recording');
      await card.locator('[data-action="pause"]').click();
      await expect(badge).toHaveAttribute('data-recording', 'paused');
      await card.locator('[data-action="resume"]').click();
      await expect(badge).toHaveAttribute('data-recording', 'recording');
      await card.locator('[data-action="stop"]').click();
      await expect(badge).toHaveCount(0);

      const recording = pbx.actionsReceived
        .map((entry) => entry.action)
        .filter((action) => /Monitor/.test(action.get('Action') ?? ''))
        .map((action) => headers(action, 'Action', 'State'));
      expect(recording).toEqual([
        { Action: 'MixMonitor', State: undefined },
        { Action: 'MixMonitorMute', State: '1' },
        { Action: 'MixMonitorMute', State: '0' },
        { Action: 'StopMixMonitor', State: undefined },
      ]);
      const [start] = received(pbx, 'MixMonitor');
      expect(start?.get('Channel')).toMatch(channel('105'));
      expect(start?.get('File')).toMatch(/^\d{8}-\d{6}-105-106\.wav$/);
    });

    test('hang up, after confirming', async ({ console: page, pbx, host }) => {
      await connect(page, host, pbx);
      await talking(page, pbx, '105', '106');
      await callCard(page, '105', '106').locator('[data-action="hangup"]').click();
      await expect(page.getByTestId('confirm-dialog')).toContainText(
        'Hang up the call between 105 Emma Fischer and 106 Felix Garcia?',
      );
      expect(received(pbx, 'Hangup')).toEqual([]);
      await page.getByTestId('confirm-yes').click();
      await expect(page.getByTestId('calls-panel').locator('li.call')).toHaveCount(0);
      await expect(tile(page, '105')).toHaveAttribute('data-lamp', 'idle');
      const hangups = received(pbx, 'Hangup');
      expect(hangups.map((action) => action.get('Cause'))).toEqual(['16', '16']);
      expect(hangups.map((action) => withoutSequence(action.get('Channel'))).sort()).toEqual([
        channelBase('105'),
        channelBase('106'),
      ]);
    });
  });

  test.describe(`call control on a PBX whose calls carry the transfer feature (${flavour})`, () => {
    test.use({ pbxOptions: { answerDelayMs: 300, atxfer: 'transfers', flavour } });

    /** 105 talks to me (100); I Shift+drop the call on 107 and talk to 107 while 105 waits. */
    async function consultWith107(page: Page, pbx: SimulatedPbx, host: BrowserHost) {
      await connect(page, host, pbx);
      await talking(page, pbx, '105', '100');
      // Pick the call up, then hold Shift over the target and let go.
      await callCard(page, '105', '100').locator('.call__head').hover();
      await page.mouse.down();
      await tile(page, '107').hover();
      await page.keyboard.down('Shift');
      await tile(page, '107').hover({ position: { x: 20, y: 20 } });
      await page.mouse.up();
      await page.keyboard.up('Shift');
      await expect(notice(page)).toContainText('Talking to 107: Complete transfer (or hang up your phone)');
      await expect(callCard(page, '100', '107')).toHaveAttribute('data-state', 'up');
      await expect(callCard(page, '105')).toHaveAttribute('data-state', 'onHold');
      const [atxfer] = received(pbx, 'Atxfer');
      expect(headers(atxfer, 'Context', 'Exten')).toEqual({ Context: 'internal', Exten: '107' });
      expect(atxfer?.get('Channel')).toMatch(channel('100'));
      expect(received(pbx, 'BlindTransfer')).toEqual([]);
    }

    test('attended transfer: Shift+drop runs Atxfer on my channel, I consult, Complete transfer hands the call over', async ({
      console: page,
      pbx,
      host,
    }) => {
      await consultWith107(page, pbx, host);
      await callCard(page, '100', '107').locator('[data-action="complete-transfer"]').click();
      await expect(notice(page)).toContainText('Transferred to 107.');
      await expect(callCard(page, '105', '107')).toHaveAttribute('data-state', 'up');
      // Only my phone left: the caller and 107 stay on.
      expect(received(pbx, 'Hangup').map((hangup) => hangup.get('Channel'))).toEqual([
        expect.stringMatching(channel('100')),
      ]);
    });

    test('attended transfer, cancelled: 107 is hung up and I am back with the caller', async ({
      console: page,
      pbx,
      host,
    }) => {
      await consultWith107(page, pbx, host);
      await callCard(page, '100', '107').locator('[data-action="cancel-transfer"]').click();
      await expect(notice(page)).toContainText('The transfer to 107 did not go ahead: you are back with the caller.');
      await expect(callCard(page, '105', '100')).toHaveAttribute('data-state', 'up');
      expect(received(pbx, 'Hangup').map((hangup) => hangup.get('Channel'))).toEqual([
        expect.stringMatching(channel('107')),
      ]);
    });
  });

  test.describe(`call control with a short parking timeout (${flavour})`, () => {
    test.use({ pbxOptions: { answerDelayMs: 300, parkingTimeoutMs: 4_000, flavour } });

    test('park by dropping on the parking lot, then the call times out back to me', async ({
      console: page,
      pbx,
      host,
    }) => {
      await connect(page, host, pbx);
      await talking(page, pbx, '105', '100');
      await callCard(page, '105', '100').locator('.call__head').dragTo(page.getByTestId('parking-lot'));
      const slot = page.getByTestId('parking-lot').locator('[data-slot="701"]');
      await expect(slot).toContainText('105');
      expect(received(pbx, 'Park')[0]?.get('TimeoutChannel')).toMatch(channel('100'));
      // The receptionist has stepped away: the call comes back and keeps ringing.
      pbx.telephony.noAnswer.add(device('100'));
      await expect(slot).toHaveCount(0, { timeout: 10_000 });
      await expect(tile(page, '100').locator('.tile-call')).toContainText('Ringing: 105');
      await expect(tile(page, '100')).toHaveAttribute('data-lamp', /ringing/i);
    });
  });
}
