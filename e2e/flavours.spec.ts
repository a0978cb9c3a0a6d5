import { expect, test } from './fixtures';
import { connectAsOperator, tile } from './operator';

test.describe('presence on the lamps', () => {
  test('110 shows away with its message beside its lamp, then nothing once cleared', async ({
    console: page,
    host,
    pbx,
  }) => {
    await connectAsOperator(page, host, pbx);
    const badge = tile(page, '110').locator('[data-presence]');
    await expect(badge).toHaveCount(0);
    pbx.setPresence('110', 'away', '', 'Back at two');
    await expect(badge).toHaveAttribute('data-presence', 'away');
    await expect(badge.locator('.presence__label')).toHaveText('Away · Back at two');
    await expect(tile(page, '110')).toHaveAttribute('data-lamp', 'idle');
    pbx.setPresence('110', 'not_set');
    await expect(badge).toHaveCount(0);
  });
});

test.describe('my device in the profile editor', () => {
  test('a device the console cannot read is explained in words beside the field', async ({ console: page, pbx }) => {
    await page.getByTestId('new-profile').click();
    const editor = page.getByTestId('profile-editor');
    await editor.getByLabel('Profile name').fill('Front desk');
    await editor.getByLabel('Host').fill(pbx.host);
    await editor.getByLabel('AMI username').fill('demo');
    await editor.getByLabel('My device').fill('my desk phone');
    await editor.getByTestId('profile-save').click();
    const said = editor.locator('[data-field-error="myDevice"]');
    await expect(said).toHaveText(
      'Write your phone as the PBX names it, such as PJSIP/200, SIP/200, IAX2/200, DAHDI/1 or Local/200@phones, or just your extension number, such as 200.',
    );
    await expect(page.getByTestId('profile-feedback')).toHaveCount(0);
    await editor.getByLabel('My device').fill('Local/100@phones');
    await editor.getByTestId('profile-save').click();
    await expect(editor).toBeHidden();
  });
});

test.describe('a FreePBX-style PBX (npm run sim -- --flavour freepbx)', () => {
  test.use({ pbxOptions: { answerDelayMs: 300, flavour: 'freepbx' } });

  test('DND from the Custom:DND device shows beside an idle lamp; my tile is "You"; a call lights both tiles', async ({
    console: page,
    host,
    pbx,
  }) => {
    await connectAsOperator(page, host, pbx);
    await expect(tile(page, '105').locator('.tile__name')).toHaveText('Emma Fischer');
    pbx.setDeviceState('Custom:DND105', 'BUSY');
    await expect(tile(page, '105').locator('[data-presence]')).toHaveAttribute('data-presence', 'dnd');
    await expect(tile(page, '105').locator('.presence__label')).toHaveText('Do not disturb');
    await expect(tile(page, '105')).toHaveAttribute('data-lamp', 'idle');
    pbx.setPresence('110', 'away', 'lunch', 'Back at two');
    await expect(tile(page, '110').locator('.presence__label')).toHaveText('Away · lunch · Back at two');
    pbx.setDeviceState('Custom:DND105', 'NOT_INUSE');
    await expect(tile(page, '105').locator('[data-presence]')).toHaveCount(0);

    await pbx.placeCall('106', '107');
    await expect(tile(page, '106')).toHaveAttribute('data-lamp', 'inUse');
    await expect(tile(page, '107')).toHaveAttribute('data-lamp', 'inUse');
    await expect(tile(page, '106').locator('[data-presence]')).toHaveCount(0);
  });

  test.describe('a ring group', () => {
    test.use({ pbxOptions: { answerDelayMs: 6000, flavour: 'freepbx' } });

    test('103 calling 650: the card lists the phones it rings, each rung tile rings for 103; once one answers the other stops', async ({
      console: page,
      host,
      pbx,
    }) => {
      await connectAsOperator(page, host, pbx);
      pbx.telephony.noAnswer.add(pbx.model.deviceOf('106'));
      await pbx.placeCall('103', '650');
      const card = page.locator('li.call[data-call]');
      await expect(card.getByTestId('ringing-all')).toHaveText(/^Ringing 105 [^,]+, 106 [^,]+$/);
      for (const rung of ['105', '106']) {
        await expect(tile(page, rung).locator('.tile-call--ringing .tile-call__who')).toHaveText(
          /Ringing: 103 Chloe Dubois$/,
        );
      }
      await expect(card.getByTestId('ringing-all')).toHaveCount(0, { timeout: 15_000 });
      await expect(tile(page, '105')).toHaveAttribute('data-lamp', 'inUse');
      await expect(tile(page, '106').locator('.tile-call')).toHaveCount(0);
    });
  });
});
