import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  EMPTY_WINDOW_STATE,
  WindowStateStore,
  displayFor,
  placementFor,
  remember,
  type DisplayInfo,
} from './window-state';

const laptop: DisplayInfo = {
  id: 1,
  bounds: { x: 0, y: 0, width: 1366, height: 768 },
  workArea: { x: 0, y: 0, width: 1366, height: 728 },
};
const big: DisplayInfo = {
  id: 2,
  bounds: { x: 1366, y: 0, width: 2560, height: 1440 },
  workArea: { x: 1366, y: 0, width: 2560, height: 1400 },
};
const size = { width: 1280, height: 820 };

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});
const userData = () => {
  const folder = mkdtempSync(join(tmpdir(), 'window-state-'));
  folders.push(folder);
  return folder;
};

describe('window placement per display', () => {
  it('opens centred at the default size, kept inside the work area, the first time', () => {
    expect(placementFor(EMPTY_WINDOW_STATE, [laptop], laptop, size)).toEqual({
      bounds: { x: 43, y: 0, width: 1280, height: 728 },
      maximized: false,
    });
  });

  it('remembers where the window was left on each display, and opens on the last one', () => {
    let state = remember(EMPTY_WINDOW_STATE, { bounds: { x: 10, y: 20, width: 900, height: 600 }, maximized: false }, [
      laptop,
      big,
    ]);
    state = remember(state, { bounds: { x: 2000, y: 100, width: 1600, height: 1000 }, maximized: true }, [laptop, big]);
    expect(placementFor(state, [laptop, big], laptop, size)).toEqual({
      bounds: { x: 2000, y: 100, width: 1600, height: 1000 },
      maximized: true,
    });
    // Undocked: the big screen is gone, so the window opens where it was left on the laptop.
    expect(placementFor(state, [laptop], laptop, size)).toEqual({
      bounds: { x: 10, y: 20, width: 900, height: 600 },
      maximized: false,
    });
  });

  it('brings a window back that would open off screen, and treats a new resolution as a new display', () => {
    const offScreen = remember(
      EMPTY_WINDOW_STATE,
      { bounds: { x: 1300, y: 700, width: 900, height: 600 }, maximized: false },
      [laptop],
    );
    const placed = placementFor(offScreen, [laptop], laptop, size).bounds;
    expect(placed.x + placed.width).toBeLessThanOrEqual(1366);
    expect(placed.y + placed.height).toBeLessThanOrEqual(728);
    const otherResolution = { ...laptop, bounds: { ...laptop.bounds, width: 1920, height: 1080 } };
    const state = remember(EMPTY_WINDOW_STATE, { bounds: { x: 5, y: 5, width: 800, height: 600 }, maximized: false }, [
      otherResolution,
    ]);
    expect(placementFor(state, [laptop], laptop, size).bounds).toEqual({ x: 43, y: 0, width: 1280, height: 728 });
  });

  it('finds the display holding most of the window', () => {
    expect(displayFor({ x: 1000, y: 0, width: 1000, height: 500 }, [laptop, big])).toBe(big);
    expect(displayFor({ x: -5000, y: 0, width: 10, height: 10 }, [laptop, big])).toBeUndefined();
  });
});

describe('the window-state file', () => {
  it('keeps the placements across restarts, on disk', async () => {
    const folder = userData();
    const state = remember(
      EMPTY_WINDOW_STATE,
      { bounds: { x: 10, y: 20, width: 900, height: 600 }, maximized: false },
      [laptop],
    );
    await new WindowStateStore(folder).save(state);
    expect(JSON.parse(readFileSync(join(folder, 'window-state.json'), 'utf8'))).toEqual(state);
    expect(await new WindowStateStore(folder).load()).toEqual(state);
  });

  it('keeps the last of quick successive saves', async () => {
    const store = new WindowStateStore(userData());
    const saves = [100, 200, 300].map((width) =>
      store.save(
        remember(EMPTY_WINDOW_STATE, { bounds: { x: 0, y: 0, width, height: 600 }, maximized: false }, [laptop]),
      ),
    );
    await Promise.all(saves);
    expect((await store.load()).byDisplay['1:1366x768']?.bounds.width).toBe(300);
  });

  it('starts from defaults when the file is missing, damaged or not ours', async () => {
    const folder = userData();
    const store = new WindowStateStore(folder);
    expect(await store.load()).toEqual(EMPTY_WINDOW_STATE);
    for (const text of ['{', '[]', '{"byDisplay":{"1:1x1":{"bounds":{"x":"a"}}}}', '{"byDisplay":{},"secret":1}']) {
      writeFileSync(store.filePath, text);
      expect(await store.load(), text).toEqual(EMPTY_WINDOW_STATE);
    }
  });
});
