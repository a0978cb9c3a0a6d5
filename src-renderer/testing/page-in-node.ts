/**
 * Test-only: the renderer's stores in plain Node, talking to the real main-process services through
 * the real loopback bridge (startBrowserHost), as the page does in a browser. Node stands in for the
 * browser only where a page would have them: `window`, `location` with the #token, a WebSocket
 * that sends the page's Origin, as every browser does, and a `document` with nothing in it to focus
 * (these tests render no elements; where focus goes is the e2e's to show).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket as NodeWebSocket } from 'ws';
import { startBrowserHost, type BrowserHost } from '../../src-main/browser-host';
import { MapVault } from '../../src-main/profiles/testing/vaults';
import { connectToMain } from '../services/switchboard';

export interface PageInNode {
  readonly host: BrowserHost;
  readonly vault: MapVault;
  close(): Promise<void>;
}

export async function openPageInNode(): Promise<PageInNode> {
  const userDataDir = await mkdtemp(join(tmpdir(), 'switchboard-page-'));
  const vault = new MapVault();
  const host = await startBrowserHost({
    rendererDir: userDataDir,
    log: { warn: () => {}, error: () => {} },
    services: {
      demoScenario: 'none',
      clientDefaults: { reconnect: { baseMs: 100, capMs: 400 }, connectTimeoutMs: 1_500 },
      userDataDir,
      vault,
    },
  });
  const origin = `http://127.0.0.1:${host.bridge.port}`;
  class PageWebSocket extends NodeWebSocket {
    constructor(url: string) {
      super(url, { origin });
    }
  }
  Object.assign(globalThis, {
    window: {},
    location: { host: `127.0.0.1:${host.bridge.port}`, hash: `#token=${host.bridge.token}` },
    WebSocket: PageWebSocket,
    document: { activeElement: null, querySelector: () => null },
  });
  await connectToMain();
  return {
    host,
    vault,
    async close() {
      await host.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}
