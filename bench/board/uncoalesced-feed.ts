import type { Handlers, Sender } from '../../src-main/ipc/gatekeeper';
import type { PictureStore } from '../../src-main/pbx/picture-store';

/**
 * The benchmark's baseline, not the product's: a feed that forwards every change of the picture
 * to the page as its own IPC message the moment it happens, with no coalescing and no flow
 * control. It answers the same two contract methods as the product's PictureFeed and plugs in
 * where that one does (the gatekeeper's handlers), so the ratio between the two runs is the gain
 * of coalescing and folding alone.
 */
export function uncoalescedFeedHandlers(store: PictureStore): Pick<Handlers, 'picture:subscribe' | 'picture:taken'> {
  const subscribers = new Map<string, Sender>();
  let version = 0;
  store.onPatch((patch) => {
    version += 1;
    for (const sender of subscribers.values()) sender.send('picture:patch', { version, patches: [patch] });
  });
  return {
    'picture:subscribe': (_args, sender) => {
      if (!subscribers.has(sender.id)) sender.onClosed(() => subscribers.delete(sender.id));
      subscribers.set(sender.id, sender);
      return { version, picture: store.snapshot() };
    },
    'picture:taken': () => null,
  };
}
