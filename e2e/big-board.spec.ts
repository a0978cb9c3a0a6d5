import { generatedOffice } from '../src-main/sim/office';
import { connectTo, expect, test } from './fixtures';
import { callCard, tile } from './operator';

/**
 * A hospital-sized board: 1,000 extensions. The page draws only the rows in and near view (the
 * rest stand in by their height), yet every tile is counted, every lamp is kept, and the keyboard
 * reaches the last tile, scrolling it in.
 */
test.describe('a board of 1,000 extensions', () => {
  test.use({ pbxOptions: { answerDelayMs: 300, office: generatedOffice(1000) } });

  test('counts every tile, draws those near view, and the arrows reach the last one', async ({
    console: page,
    pbx,
  }) => {
    // Some 120 arrow presses, each moving focus across a 1,000-tile board: on a loaded 2-core box
    // that alone took more than the default 45 s.
    test.setTimeout(120_000);
    await connectTo(page, pbx);
    await expect(page.getByTestId('status-text')).toContainText('Connected to Asterisk');
    await expect(page.getByTestId('tile-count')).toHaveAttribute('data-count', '1000');
    await expect(tile(page, '1001')).toBeInViewport();
    await expect.poll(() => page.locator('[data-extension]').count()).toBeLessThan(300);

    // A lamp far out of view is kept: it shows once its tile is in view again.
    pbx.setDeviceState('PJSIP/1998', 'RINGING');
    await tile(page, '1000').focus();
    await expect(tile(page, '1000')).toBeFocused();
    const columns = await page.evaluate(() =>
      Number(getComputedStyle(document.querySelector('[data-tile-grid]')!).getPropertyValue('--columns')),
    );
    for (let row = 0; row < Math.ceil(1000 / columns) - 1; row++) await page.keyboard.press('ArrowDown');
    const lastRow = page.locator('.tile:focus');
    await expect(lastRow).toBeInViewport();
    await expect.poll(() => lastRow.getAttribute('data-extension')).toMatch(/^19\d\d@internal$/);
    for (let i = 0; i < columns; i++) await page.keyboard.press('ArrowRight');
    await expect(tile(page, '1999')).toBeFocused();
    await expect(tile(page, '1999')).toBeInViewport();
    await expect(tile(page, '1998')).toHaveAttribute('data-lamp', 'ringing');
    await expect(tile(page, '1001')).toHaveCount(0);

    // And back to the top by the keyboard: the first row is drawn again.
    await page.keyboard.press('ArrowLeft');
    await expect(tile(page, '1998')).toBeFocused();
    for (let row = 0; row < Math.ceil(1000 / columns) - 1; row++) await page.keyboard.press('ArrowUp');
    const top = tile(page, String(1000 + (998 % columns)));
    await expect(top).toBeFocused();
    await expect(top).toBeInViewport();
  });

  test('a lamp that changes never moves the board: a tile is as tall whatever its lamp says', async ({
    console: page,
    pbx,
  }) => {
    test.setTimeout(90_000);
    await page.setViewportSize({ width: 1366, height: 768 });
    await connectTo(page, pbx);
    await expect(page.getByTestId('tile-count')).toHaveAttribute('data-count', '1000');
    const states = [
      ['UNAVAILABLE', 'unavailable'],
      ['RINGINUSE', 'inUseRinging'],
      ['BUSY', 'busy'],
      ['RINGING', 'ringing'],
      ['ONHOLD', 'onHold'],
      ['INUSE', 'inUse'],
      ['NOT_INUSE', 'idle'],
    ] as const;
    // A compact tile is too narrow for "In use + ringing" on one line: its lamp takes two there.
    for (const size of ['normal', 'large'] as const) {
      await page.getByTestId('tile-size').selectOption(size);
      const below = tile(page, '1010');
      await expect(below).toBeInViewport();
      const layout = async () => {
        const [own, next] = await Promise.all([tile(page, '1001').boundingBox(), below.boundingBox()]);
        // From this tile's top: the bar above the board grows by a line when a new lamp appears in its counts.
        return { height: own?.height, below: next && own ? next.y - own.y : undefined };
      };
      const before = await layout();
      for (const [state, lamp] of states) {
        pbx.setDeviceState('PJSIP/1001', state);
        await expect(tile(page, '1001')).toHaveAttribute('data-lamp', lamp);
        expect(await layout(), `${size}, ${lamp}`).toEqual(before);
      }
    }
  });

  test('a hundred calls: the panel counts them all, draws those near view, scrolls to the last, and draws the call selected on a tile', async ({
    console: page,
    pbx,
  }) => {
    test.setTimeout(90_000);
    await connectTo(page, pbx);
    await expect(page.getByTestId('tile-count')).toHaveAttribute('data-count', '1000');
    for (let i = 0; i < 100; i++) await pbx.placeCall(String(1600 + 2 * i), String(1601 + 2 * i));
    await expect(page.getByTestId('calls-count')).toHaveAttribute('data-count', '100');
    const cards = page.getByTestId('calls-panel').locator('li.call');
    await expect.poll(() => cards.count()).toBeLessThan(50);

    // The oldest call first: the last placed is at the bottom, drawn once the panel is scrolled there.
    const last = callCard(page, '1798', '1799');
    await expect(last).toHaveCount(0);
    await page.locator('.desk__scroll').evaluate((panel) => (panel.scrollTop = panel.scrollHeight));
    await expect(last).toBeInViewport();
    await expect.poll(() => cards.count()).toBeLessThan(50);

    // Back at the top, a call picked on its tile is drawn and marked in the panel, out of view or not.
    await page.locator('.desk__scroll').evaluate((panel) => (panel.scrollTop = 0));
    await expect(last).toHaveCount(0);
    await page.keyboard.press('/');
    await page.keyboard.type('1798');
    await tile(page, '1798').locator('.tile-call').click();
    await expect(last).toHaveAttribute('aria-current', 'true');
  });

  test('the filter finds a tile that was never drawn, with its lamp', async ({ console: page, pbx }) => {
    await connectTo(page, pbx);
    await expect(page.getByTestId('tile-count')).toHaveAttribute('data-count', '1000');
    await expect(tile(page, '1750')).toHaveCount(0);
    pbx.setDeviceState('PJSIP/1750', 'BUSY');
    await page.keyboard.press('/');
    await page.keyboard.type('1750');
    await expect(page.getByTestId('tile-count')).toHaveAttribute('data-count', '1');
    await expect(tile(page, '1750')).toHaveAttribute('data-lamp', 'busy');
    await expect(tile(page, '1750')).toBeInViewport();
  });

  test('an idle board does no work: nothing in the page changes while the PBX is quiet', async ({
    console: page,
    pbx,
  }) => {
    await connectTo(page, pbx);
    await expect(page.getByTestId('tile-count')).toHaveAttribute('data-count', '1000');
    await expect(tile(page, '1001')).toBeInViewport();
    const changes = () =>
      page.evaluate(
        () =>
          new Promise<{ mutations: number; frames: number }>((resolve) => {
            let mutations = 0;
            let frames = 0;
            const observer = new MutationObserver((records) => (mutations += records.length));
            observer.observe(document.querySelector('[data-tile-grid]')!.parentElement!, {
              subtree: true,
              childList: true,
              attributes: true,
              characterData: true,
            });
            const count = () => {
              frames += 1;
              if (frames < 1_000) requestAnimationFrame(count);
            };
            requestAnimationFrame(count);
            setTimeout(() => {
              observer.disconnect();
              resolve({ mutations, frames });
            }, 2_000);
          }),
      );
    // Once the first placement has settled, two quiet seconds change nothing on the board.
    await expect.poll(async () => (await changes()).mutations, { timeout: 20_000 }).toBe(0);
  });
});

/** Counts, from now, the layout reads made on the calls panel, inside it, or on what holds it (its scroller). */
function countPanelLayoutReads(): void {
  const panel = document.querySelector('[data-testid="calls-panel"]')!;
  const counted = (target: unknown) => target instanceof Element && (panel.contains(target) || target.contains(panel));
  const reads = { count: 0 };
  Object.assign(window, { panelLayoutReads: reads });
  const count = (owner: object, name: string) => {
    const own = Object.getOwnPropertyDescriptor(owner, name)!;
    const read = (own.get ?? own.value) as (...args: unknown[]) => unknown;
    const countedRead = function (this: unknown, ...args: unknown[]) {
      if (counted(this) || counted(args[0])) reads.count += 1;
      return read.apply(this, args);
    };
    Object.defineProperty(owner, name, own.get ? { ...own, get: countedRead } : { ...own, value: countedRead });
  };
  count(Element.prototype, 'getBoundingClientRect');
  count(Element.prototype, 'clientHeight');
  count(HTMLElement.prototype, 'offsetHeight');
  count(window, 'getComputedStyle');
}

/**
 * The calls panel measures its window only once something changed size: calls put on hold (their
 * cards as tall as before) read no layout; at 2,000 events/s a read after each batch forced the
 * page's style and layout for a change that moved nothing.
 */
test.describe('a windowed calls panel', () => {
  test.use({ pbxOptions: { answerDelayMs: 300, office: generatedOffice(1000) } });

  test('calls put on hold, their cards as tall as before, read no layout', async ({ console: page, pbx }) => {
    test.setTimeout(60_000);
    await connectTo(page, pbx);
    for (let i = 0; i < 40; i++) await pbx.placeCall(String(1600 + 2 * i), String(1601 + 2 * i));
    await expect(page.getByTestId('calls-count')).toHaveAttribute('data-count', '40');
    const cards = page.getByTestId('calls-panel').locator('li.call');
    await expect(cards.and(page.locator(':not([data-state="up"])'))).toHaveCount(0);
    const heights = () => cards.evaluateAll((drawn) => drawn.map((card) => (card as HTMLElement).offsetHeight));
    const before = await heights();
    await page.evaluate(countPanelLayoutReads);

    // Three calls in view: their callers' numbers start their first rows.
    const inView = await cards.evaluateAll((drawn) =>
      drawn.slice(0, 3).map((card) => /^\d+/.exec(card.querySelector('[data-party]')!.textContent.trim())![0]),
    );
    for (const number of inView) pbx.model.setHold(pbx.model.channelsOnDevice(`PJSIP/${number}`)[0]!, true);
    await expect(page.getByTestId('calls-panel').locator('li.call[data-state="onHold"]')).toHaveCount(3);
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    const reads = await page.evaluate(
      () => (window as unknown as { panelLayoutReads: { count: number } }).panelLayoutReads.count,
    );
    expect(await heights()).toEqual(before);
    expect(reads).toBe(0);
  });
});
