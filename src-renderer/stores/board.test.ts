import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ExtensionTile, LampState, LiveCall } from '../../src-preload/state';
import { useBoardStore } from './board';
import { useCallsStore } from './calls';
import { usePrefsStore } from './prefs';

const tile = (exten: string, context: string, lamp: LampState, name = ''): ExtensionTile => ({
  id: `${exten}@${context}`,
  exten,
  context,
  hint: `PJSIP/${exten}`,
  name,
  lamp,
  presence: undefined,
  dnd: false,
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
    expect(board.groups.map((g) => [g.context, g.ids.length])).toEqual([
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

describe('the board store under load', () => {
  beforeEach(() => setActivePinia(createPinia()));
  afterEach(() => vi.restoreAllMocks());

  /** A board of `size` tiles, and a counter of every comparison of extension numbers or contexts made since. */
  function board(size: number) {
    const store = useBoardStore();
    const upsert = Array.from({ length: size }, (_, i) => tile(String(1000 + ((i * 7919) % size)), 'internal', 'idle'));
    store.receive({ version: 1, patches: [{ collection: 'extensions', upsert, remove: [] }] });
    expect(store.tiles).toHaveLength(size);
    const compare = vi.spyOn(Intl.Collator.prototype, 'compare', 'get');
    return { store, comparisons: () => compare.mock.calls.length };
  }

  function lampBatch(version: number, extens: readonly string[], lamp: LampState) {
    return {
      version,
      patches: [
        { collection: 'extensions' as const, upsert: extens.map((x) => tile(x, 'internal', lamp)), remove: [] },
      ],
    };
  }

  it.each([100, 1000])('changes lamps on a board of %i tiles without a single comparison', (size) => {
    const { store, comparisons } = board(size);
    const before = store.tiles;
    store.receive(lampBatch(2, ['1003', '1050'], 'ringing'));
    expect(store.tiles.map((t) => t.exten)).toEqual(before.map((t) => t.exten));
    expect(store.visibleTiles.filter((t) => t.lamp === 'ringing').map((t) => t.exten)).toEqual(['1003', '1050']);
    expect(store.countsByLamp.ringing).toBe(2);
    expect(comparisons()).toBe(0);
    const kept = store.tiles.filter((t, i) => t === before[i]).length;
    expect(kept, "every unchanged tile's object is the one it was").toBe(size - 2);
  });

  it("changes a lamp without reading any other tile's lamp or making the groups again", () => {
    setActivePinia(createPinia());
    const store = useBoardStore();
    let lampReads = 0;
    /** A tile that counts the reads of its lamp. */
    const counted = (exten: string, lamp: LampState): ExtensionTile => {
      const made = tile(exten, 'internal', lamp);
      return Object.defineProperty(made, 'lamp', { enumerable: true, get: () => (lampReads++, lamp) });
    };
    const upsert = Array.from({ length: 1000 }, (_, i) => counted(String(1000 + i), 'idle'));
    store.receive({ version: 1, patches: [{ collection: 'extensions', upsert, remove: [] }] });
    const groups = store.groups;
    expect(store.countsByLamp.idle).toBe(1000);
    lampReads = 0;
    store.receive({
      version: 2,
      patches: [{ collection: 'extensions', upsert: [counted('1500', 'busy')], remove: [] }],
    });
    expect(store.countsByLamp).toMatchObject({ idle: 999, busy: 1 });
    expect(store.groups, 'the same groups: the board is not laid out again for a lamp').toBe(groups);
    // The changed tile's lamp before and after: what a batch costs grows with the tiles it changes.
    expect(lampReads).toBeLessThanOrEqual(2);
  });

  it('places a new tile with a handful of comparisons, whatever the size of the board', () => {
    const counts = [100, 1000].map((size) => {
      setActivePinia(createPinia());
      const { store, comparisons } = board(size);
      store.receive({
        version: 2,
        patches: [{ collection: 'extensions', upsert: [tile('1049', 'sales', 'busy')], remove: ['1010@internal'] }],
      });
      const at = store.tiles.findIndex((t) => t.id === '1049@sales');
      expect(store.tiles[at - 1]?.id).toBe('1049@internal');
      expect(store.tiles.some((t) => t.id === '1010@internal')).toBe(false);
      expect(store.tiles).toHaveLength(size);
      vi.restoreAllMocks();
      return comparisons();
    });
    // A binary search: about log2(n) + 1 comparisons of two keys each, against n log n for a sort.
    expect(counts[0]).toBeLessThanOrEqual(2 * 8);
    expect(counts[1]).toBeLessThanOrEqual(2 * 11);
  });

  it('filters a changed board by looking only at the tiles that changed', () => {
    const { store } = board(1000);
    const prefs = usePrefsStore();
    prefs.filter = '1041';
    expect(store.visibleTiles.map((t) => t.exten)).toEqual(['1041']);
    const lower = vi.spyOn(String.prototype, 'toLowerCase');
    store.receive(lampBatch(2, ['1041', '1500'], 'inUse'));
    expect(store.visibleTiles.find((t) => t.exten === '1041')?.lamp).toBe('inUse');
    // The filter text once, and each changed tile's text once.
    expect(lower.mock.calls.length).toBeLessThanOrEqual(2 * 2 + 2);
  });
});

describe('the calls of each tile', () => {
  beforeEach(() => setActivePinia(createPinia()));

  const call = (id: string, exten: string, startedAt: number): LiveCall => ({
    id,
    state: 'up',
    direction: 'internal',
    startedAt,
    answeredAt: startedAt,
    parties: [
      { partyId: `p${id}`, extensionId: `${exten}@internal`, number: exten, name: '', state: 'up', recording: 'none' },
    ],
  });

  it('keeps the same list for a tile whose calls did not change, so that tile does not render again', () => {
    const board = useBoardStore();
    const calls = useCallsStore();
    board.receive({
      version: 1,
      patches: [{ collection: 'calls', upsert: [call('a', '101', 1), call('b', '102', 2)], remove: [] }],
    });
    const before = calls.callsByExtension;
    board.receive({
      version: 2,
      patches: [{ collection: 'calls', upsert: [{ ...call('b', '102', 2), state: 'onHold' }], remove: [] }],
    });
    const after = calls.callsByExtension;
    expect(after.get('101@internal')).toBe(before.get('101@internal'));
    expect(after.get('102@internal')).not.toBe(before.get('102@internal'));
    expect(after.get('102@internal')?.[0]?.state).toBe('onHold');
  });
});
