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
});
