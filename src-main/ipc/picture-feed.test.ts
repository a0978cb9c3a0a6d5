import { describe, expect, it } from 'vitest';
import type { PictureBatch } from '../../src-preload/contract';
import { applyPatch, type ExtensionTile, type LampState } from '../../src-preload/state';
import { PictureStore } from '../pbx/picture-store';
import type { Sender } from './gatekeeper';
import { PictureFeed } from './picture-feed';

const tile = (exten: string, lamp: LampState = 'idle'): ExtensionTile => ({
  id: `${exten}@internal`,
  exten,
  context: 'internal',
  hint: `PJSIP/${exten}`,
  name: '',
  lamp,
  presence: undefined,
  dnd: false,
});

function manualFrames() {
  const queued: Array<() => void> = [];
  return {
    schedule: (flush: () => void) => {
      queued.push(flush);
      return () => queued.splice(queued.indexOf(flush), 1);
    },
    runFrame: () => queued.splice(0).forEach((flush) => flush()),
  };
}

function window(id = 'w1') {
  const batches: PictureBatch[] = [];
  const closed: Array<() => void> = [];
  const sender: Sender = {
    id,
    send: (channel, payload) => {
      if (channel === 'picture:patch') batches.push(payload as PictureBatch);
    },
    onClosed: (listener) => closed.push(listener),
  };
  return { sender, batches, close: () => closed.forEach((listener) => listener()) };
}

describe('the picture feed', () => {
  it('gives a subscribing window the whole picture at once', () => {
    const store = new PictureStore();
    store.replace('extensions', [tile('100'), tile('101')]);
    const feed = new PictureFeed(store, manualFrames().schedule);
    const snapshot = feed.subscribe(window().sender);
    expect(Object.keys(snapshot.picture.extensions).sort()).toEqual(['100@internal', '101@internal']);
  });

  it('coalesces a burst of 5,000 changes into one message holding only the latest state', () => {
    const store = new PictureStore();
    const frames = manualFrames();
    const feed = new PictureFeed(store, frames.schedule);
    const w = window();
    feed.subscribe(w.sender);
    const lamps: LampState[] = ['idle', 'ringing', 'inUse', 'onHold'];
    for (let i = 0; i < 5000; i++) store.upsert('extensions', [tile(String(100 + (i % 40)), lamps[i % 4])]);
    expect(w.batches).toHaveLength(0);
    frames.runFrame();
    expect(w.batches).toHaveLength(1);
    const [batch] = w.batches;
    expect(batch?.patches).toHaveLength(1);
    expect(batch?.patches[0]?.upsert).toHaveLength(40);
    const last = batch?.patches[0]?.upsert.find((item) => 'exten' in item && item.exten === '139');
    expect(last).toMatchObject({ lamp: lamps[4999 % 4] });
  });

  it('carries removals, and a window that applies snapshot then batches matches the store', () => {
    const store = new PictureStore();
    const frames = manualFrames();
    const feed = new PictureFeed(store, frames.schedule);
    store.replace('extensions', [tile('100'), tile('101'), tile('102')]);
    const w = window();
    const snapshot = feed.subscribe(w.sender);
    store.upsert('extensions', [tile('100', 'ringing')]);
    store.remove('extensions', ['101']);
    store.upsert('extensions', [tile('103', 'busy')]);
    frames.runFrame();
    let picture = snapshot.picture;
    for (const batch of w.batches)
      if (batch.version > snapshot.version) picture = batch.patches.reduce(applyPatch, picture);
    expect(picture).toEqual(store.snapshot());
    expect(w.batches[0]?.version).toBeGreaterThan(snapshot.version);
  });

  it('stops sending to a window once it is closed', () => {
    const store = new PictureStore();
    const frames = manualFrames();
    const feed = new PictureFeed(store, frames.schedule);
    const w = window();
    feed.subscribe(w.sender);
    w.close();
    store.upsert('extensions', [tile('100', 'ringing')]);
    frames.runFrame();
    expect(w.batches).toHaveLength(0);
    expect(feed.subscriberCount).toBe(0);
  });

  it('sends a busy window nothing more until it takes the last batch, then one batch with the latest of each tile', () => {
    const store = new PictureStore();
    const frames = manualFrames();
    const feed = new PictureFeed(store, frames.schedule);
    store.replace(
      'extensions',
      Array.from({ length: 1000 }, (_, i) => tile(String(1000 + i))),
    );
    const slow = window();
    const start = feed.subscribe(slow.sender);
    store.upsert('extensions', [tile('1000', 'ringing')]);
    frames.runFrame();
    expect(slow.batches).toHaveLength(1);

    // The page is busy with that batch for 100 frames while 20 tiles change 50 times each.
    const lamps: LampState[] = ['idle', 'ringing', 'inUse', 'onHold', 'busy'];
    for (let frame = 0; frame < 100; frame++) {
      for (let i = 0; i < 10; i++)
        store.upsert('extensions', [tile(String(1000 + ((frame * 10 + i) % 20)), lamps[frame % 5])]);
      frames.runFrame();
    }
    expect(slow.batches, 'nothing queues up behind a batch not yet taken').toHaveLength(1);

    feed.taken(slow.sender, slow.batches[0]!.version);
    expect(slow.batches, 'what was overdue goes out as soon as the page takes the last batch').toHaveLength(2);
    const folded = slow.batches[1]!.patches[0]!.upsert as ExtensionTile[];
    expect(folded, 'one entry per changed tile, however often it changed').toHaveLength(20);
    const picture = slow.batches.reduce((p, b) => b.patches.reduce(applyPatch, p), start.picture);
    expect(picture).toEqual(store.snapshot());
    for (const item of folded) expect(item).toEqual(store.snapshot().extensions[item.id]);
  });

  it('holds back at most one entry per item for a window that never takes a batch', () => {
    const store = new PictureStore();
    const frames = manualFrames();
    const feed = new PictureFeed(store, frames.schedule);
    const stuck = window();
    feed.subscribe(stuck.sender);
    store.upsert('extensions', [tile('100', 'ringing')]);
    frames.runFrame();
    for (let i = 0; i < 10_000; i++) {
      store.upsert('extensions', [tile(String(100 + (i % 50)), i % 2 ? 'idle' : 'inUse')]);
      if (i % 100 === 0) frames.runFrame();
    }
    expect(stuck.batches).toHaveLength(1);
    feed.taken(stuck.sender, stuck.batches[0]!.version);
    expect(stuck.batches[1]!.patches[0]!.upsert).toHaveLength(50);
  });

  it('ignores a taken batch it never sent, and keeps another window flowing meanwhile', () => {
    const store = new PictureStore();
    const frames = manualFrames();
    const feed = new PictureFeed(store, frames.schedule);
    const slow = window('slow');
    const quick = window('quick');
    feed.subscribe(slow.sender);
    feed.subscribe(quick.sender);
    for (let i = 0; i < 3; i++) {
      store.upsert('extensions', [tile('100', i % 2 ? 'idle' : 'ringing')]);
      frames.runFrame();
      feed.taken(quick.sender, quick.batches.at(-1)!.version);
      feed.taken(slow.sender, 999);
    }
    expect(quick.batches).toHaveLength(3);
    expect(slow.batches).toHaveLength(1);
  });
});
