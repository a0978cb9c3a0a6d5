import { mkdirSync } from 'node:fs';
import { connectTo, expect, test } from './fixtures';

test.describe('the extension board', () => {
  test('shows every hint of the PBX as a tile and follows a lamp within 200 ms', async ({ console: page, pbx }) => {
    await connectTo(page, pbx);
    await expect(page.getByTestId('status-text')).toContainText('Connected to Asterisk');
    const hints = [...pbx.model.hints.values()];
    await expect(page.locator('[data-extension]')).toHaveCount(hints.length);
    // Every tile is named from the PBX's voicemail boxes before any call, never by its device.
    for (const hint of hints.filter((one) => one.presenceProvider)) {
      const label = page.locator(`[data-extension="${hint.exten}@${hint.context}"] .tile__name`);
      await expect(label).toHaveText(hint.name);
    }

    const target = hints.find((hint) => hint.device.startsWith('PJSIP/'));
    if (!target) throw new Error('the simulated office has no PJSIP hint');
    const tileId = `${target.exten}@${target.context}`;
    // Record, in the page, the wall-clock moment the tile's lamp turns ringing.
    await page.evaluate((id) => {
      const tile = document.querySelector(`[data-extension="${id}"]`);
      if (!tile) throw new Error(`no tile ${id}`);
      new MutationObserver(() => {
        if (tile.getAttribute('data-lamp') === 'ringing') (window as { ringingAt?: number }).ringingAt ??= Date.now();
      }).observe(tile, { attributes: true, attributeFilter: ['data-lamp'] });
    }, tileId);
    const emittedAt = Date.now();
    pbx.setDeviceState(target.device, 'RINGING');
    await expect(page.locator(`[data-extension="${tileId}"]`)).toHaveAttribute('data-lamp', 'ringing');
    const ringingAt = await page.evaluate(() => (window as { ringingAt?: number }).ringingAt ?? Number.NaN);
    const latencyMs = ringingAt - emittedAt;
    console.log(`lamp latency: ${latencyMs} ms`);
    expect(latencyMs).toBeLessThan(200);
  });

  test('filters tiles as the operator types, reachable with "/"', async ({ console: page, pbx }) => {
    await connectTo(page, pbx);
    await expect(page.getByTestId('status-text')).toContainText('Connected');
    const [first] = pbx.model.hints.values();
    if (!first) throw new Error('no hints');
    await page.keyboard.press('/');
    await expect(page.getByTestId('filter')).toBeFocused();
    await page.keyboard.type(first.exten);
    await expect(page.locator(`[data-extension="${first.exten}@${first.context}"]`)).toBeVisible();
    // The filter applies on the next render, not at the keystroke: wait for it.
    await expect.poll(() => page.locator('[data-extension]').count()).toBeLessThan(pbx.model.hints.size);
  });

  test('says that the secret was wrong, in words', async ({ console: page, pbx }) => {
    await connectTo(page, pbx, { username: 'demo', secret: 'not-the-secret' });
    await expect(page.getByTestId('connect-error')).toContainText(/secret|password|authentication/i);
    await expect(page.getByTestId('status-text')).toContainText('Could not connect');
  });

  test('says that nothing answers on a closed port', async ({ console: page, pbx }) => {
    const closedPort = pbx.port;
    await pbx.close();
    await connectTo(page, { host: '127.0.0.1', port: closedPort });
    await expect(page.getByTestId('status-text')).toContainText(/refused|not running|no answer/i);
  });
});

test.describe('the Demo PBX', () => {
  test.use({ demoScenario: 'lively-office' });

  test('opens with one click and shows a lively office (screenshot for the README)', async ({ console: page }) => {
    await page.getByTestId('connect-demo').click();
    await expect(page.getByTestId('status-text')).toContainText('Connected to Asterisk');
    await expect.poll(() => page.locator('[data-extension]').count()).toBeGreaterThanOrEqual(30);
    await expect(page.getByText('Anna Berg').first()).toBeVisible();
    // The office comes alive within seconds: calls appear and lamps change.
    await expect
      .poll(() => page.locator('[data-extension]:not([data-lamp="idle"])').count(), { timeout: 15_000 })
      .toBeGreaterThanOrEqual(4);
    await expect(page.locator('[data-call]').first()).toBeVisible();
    mkdirSync('docs', { recursive: true });
    await page.screenshot({ path: 'docs/board.png' });
  });

  test('a fresh demo login: callers waiting in the queue, messages waiting, people away and in DND (screenshots for the README)', async ({
    console: page,
  }) => {
    await page.getByTestId('connect-demo').click();
    await expect(page.getByTestId('status-text')).toContainText('Connected to Asterisk');
    const queue = page.locator('[data-queue="operator"]');
    await expect
      .poll(() => queue.locator('[data-queue-caller]').count(), { timeout: 10_000 })
      .toBeGreaterThanOrEqual(2);
    await expect(queue.locator('[data-paused="true"]')).toContainText('lunch');
    const tileOf = (exten: string) => page.locator(`[data-extension="${exten}@internal"]`);
    await expect(tileOf('107').locator('[data-voicemail-new]')).toHaveAttribute('data-voicemail-new', '3');
    await expect(page.getByTestId('my-voicemail')).toContainText('2 new');
    await expect(tileOf('110').locator('[data-presence]')).toHaveAttribute('data-presence', 'away');
    await expect(tileOf('106').locator('[data-presence]')).toHaveAttribute('data-presence', 'dnd');
    await expect(tileOf('110').locator('[data-voicemail-new]')).toHaveAttribute('data-voicemail-new', '1');
    mkdirSync('docs', { recursive: true });
    await page.getByTestId('queues-panel').screenshot({ path: 'docs/queues.png' });
    await tileOf('110').screenshot({ path: 'docs/tile-voicemail-presence.png' });
  });
});
