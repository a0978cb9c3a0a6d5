import { resolve } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { startBrowserHost, type BrowserHost } from '../src-main/browser-host';
import { startSimulatedPbx, type SimulatedPbx, type SimulatedPbxOptions } from '../src-main/sim';

/**
 * Per test: a fresh simulated PBX on an ephemeral loopback port, and the real main-process
 * services behind the loopback contract bridge serving the built renderer. Only the Electron
 * transport is stood in.
 */
interface Fixtures {
  pbxOptions: SimulatedPbxOptions;
  pbx: SimulatedPbx;
  host: BrowserHost;
  /** Log lines main wrote during the test (for the no-secret checks). */
  mainLog: string[];
  console: Page;
}

export const test = base.extend<Fixtures>({
  pbxOptions: [{ answerDelayMs: 300 }, { option: true }],
  pbx: async ({ pbxOptions }, use) => {
    const pbx = await startSimulatedPbx({ port: 0, ...pbxOptions });
    await use(pbx);
    await withTimeout(pbx.close(), 5_000);
  },
  mainLog: async ({}, use) => {
    await use([]);
  },
  host: async ({ mainLog }, use) => {
    const host = await startBrowserHost({
      rendererDir: resolve('out/renderer'),
      log: {
        warn: (message) => mainLog.push(`warn ${message}`),
        error: (message, error) => mainLog.push(`error ${message} ${String(error)}`),
      },
      services: {
        demoScenario: 'none',
        clientDefaults: { reconnect: { baseMs: 200, capMs: 1_000 }, connectTimeoutMs: 4_000 },
      },
    });
    await use(host);
    await withTimeout(host.close(), 5_000);
  },
  console: async ({ page, host }, use) => {
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });
    await page.goto(host.bridge.url);
    await use(page);
    expect(problems, 'the page logged no errors (CSP violations included)').toEqual([]);
  },
});

export { expect };

/** Fills the connect form for the simulated PBX and submits it. */
export async function connectTo(page: Page, pbx: SimulatedPbx, credentials = { username: 'demo', secret: 'demo' }) {
  await page.getByLabel('Host').fill(pbx.host);
  await page.getByLabel('Port').fill(String(pbx.port));
  await page.getByLabel('AMI username').fill(credentials.username);
  await page.getByLabel('Secret').fill(credentials.secret);
  await page.getByTestId('connect-submit').click();
}

async function withTimeout(promise: Promise<unknown>, ms: number): Promise<void> {
  await Promise.race([promise, new Promise((resolve) => setTimeout(resolve, ms))]);
}
