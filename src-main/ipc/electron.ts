import { ipcMain, type BrowserWindow, type WebContents } from 'electron';
import { METHOD_CHANNELS } from '../../src-preload/contract';
import type { Dispatch, Sender } from './gatekeeper';

/**
 * Serves the contract over Electron IPC. A message counts as ours only when it comes from the
 * main frame of one of our windows, showing our own page.
 */
export function serveContractOverIpc(dispatch: Dispatch, isOwnPage: (url: string) => boolean): void {
  const senders = new WeakMap<WebContents, Sender>();

  const senderFor = (contents: WebContents): Sender => {
    let sender = senders.get(contents);
    if (!sender) {
      const created: Sender = {
        id: `window-${contents.id}`,
        send: (channel, payload) => {
          if (!contents.isDestroyed()) contents.send(channel, payload);
        },
        onClosed: (listener) => contents.once('destroyed', listener),
      };
      senders.set(contents, created);
      sender = created;
    }
    return sender;
  };

  for (const channel of METHOD_CHANNELS) {
    ipcMain.handle(channel, (event, args: unknown) => {
      const frame = event.senderFrame;
      const trusted = frame !== null && frame.parent === null && isOwnPage(frame.url);
      return dispatch(channel, args, trusted ? senderFor(event.sender) : undefined);
    });
  }
}

export function broadcastTo(windows: () => BrowserWindow[]) {
  return (channel: string, payload: unknown) => {
    for (const window of windows()) if (!window.isDestroyed()) window.webContents.send(channel, payload);
  };
}
