import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ExtensionTile, LampState } from '../../src-preload/state';
import { useBoardStore } from './board';
import { usePrefsStore } from './prefs';

const tile = (exten: string, context: string, lamp: LampState, name = ''): ExtensionTile => ({
  id: `${exten}@${context}`,
  exten,
  context,
  hint: `PJSIP/${exten}`,
  name,
  lamp,
});

describe('the board store', () => {
  beforeEach(() => setActivePinia(createPinia()));

  function loaded() {
    const board = useBoardStore();
    board.receive({
      version: 1,
      patches: [
        {
          collection: 'extensions',
          upsert: [
            tile('110', 'internal', 'idle', 'Maria Rossi'),
            tile('9', 'internal', 'ringing'),
            tile('201', 'sales', 'inUse'),
          ],
          remove: [],
        },
      ],
    });
    return board;
  }

  it('orders tiles by extension number, not as text', () => {
    expect(loaded().tiles.map((t) => t.exten)).toEqual(['9', '110', '201']);
  });

  it('filters instantly by digits or by name', () => {
    const board = loaded();
    const prefs = usePrefsStore();
    prefs.filter = '20';
    expect(board.visibleTiles.map((t) => t.id)).toEqual(['201@sales']);
    prefs.filter = 'rossi';
    expect(board.visibleTiles.map((t) => t.id)).toEqual(['110@internal']);
  });

  it('groups by context, or not at all', () => {
    const board = loaded();
    expect(board.groups.map((g) => [g.context, g.tiles.length])).toEqual([
      ['internal', 2],
      ['sales', 1],
    ]);
    usePrefsStore().grouping = 'none';
    expect(board.groups).toHaveLength(1);
  });

  it('counts tiles per lamp state', () => {
    const counts = loaded().countsByLamp;
    expect([counts.idle, counts.ringing, counts.inUse, counts.busy]).toEqual([1, 1, 1, 0]);
  });

  it('counts only the tiles the filter shows', () => {
    const board = loaded();
    usePrefsStore().filter = '110';
    const shown = board.visibleTiles.map((tile) => tile.lamp);
    expect(shown).toHaveLength(1);
    expect(Object.values(board.countsByLamp).reduce((sum, count) => sum + count, 0)).toBe(1);
    expect(board.countsByLamp[shown[0]!]).toBe(1);
  });

  it('ignores a batch older than what it already has', () => {
    const board = loaded();
    board.receive({ version: 1, patches: [{ collection: 'extensions', upsert: [], remove: ['9@internal'] }] });
    expect(board.tiles).toHaveLength(3);
    board.receive({ version: 2, patches: [{ collection: 'extensions', upsert: [], remove: ['9@internal'] }] });
    expect(board.tiles).toHaveLength(2);
  });

  it("shows only the profile's contexts and standing filter, under the instant filter", () => {
    const board = loaded();
    const prefs = usePrefsStore();
    prefs.contexts = ['internal'];
    expect(board.visibleTiles.map((t) => t.id)).toEqual(['9@internal', '110@internal']);
    prefs.standingFilter = '11';
    expect(board.visibleTiles.map((t) => t.id)).toEqual(['110@internal']);
    prefs.filter = 'nobody';
    expect(board.visibleTiles).toEqual([]);
  });
});
