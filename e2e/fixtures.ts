import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { test as base, expect, type Page } from '@playwright/test';
import { startBrowserHost, type BrowserHost } from '../src-main/browser-host';
import { KeytarVault, type KeytarApi } from '../src-main/profiles/vault';
import { startSimulatedPbx, type SimulatedPbx, type SimulatedPbxOptions } from '../src-main/sim';

/** The keychain service the e2e's secrets are filed under, apart from a real install's. */
export const E2E_VAULT_SERVICE = 'Switchboard e2e';

/** The secret in this profile's e2e keychain entry (main files it with the server it was saved for). */
export async function keychainSecretOf(keytar: KeytarApi, profileId: string): Promise<string | null> {
  const entry = await keytar.getPassword(E2E_VAULT_SERVICE, profileId);
  return entry === null ? null : (JSON.parse(entry) as { secret: string }).secret;
}

/**
 * Per test: a fresh simulated PBX on an ephemeral loopback port, and the real main-process
 * services behind the loopback contract bridge serving the built renderer. Only the Electron
 * transport is stood in.
 */
interface Fixtures {
  pbxOptions: SimulatedPbxOptions;
  /** What the built-in Demo PBX plays: quiet for assertions, lively for the README's picture. */
  demoScenario: 'none' | 'lively-office';
  pbx: SimulatedPbx;
  host: BrowserHost;
  /** Log lines main wrote during the test (for the no-secret checks). */
  mainLog: string[];
  /** A fresh user-data folder (profiles.json) per test. */
  userDataDir: string;
  console: Page;
}

export const test = base.extend<Fixtures>({
  pbxOptions: [{ answerDelayMs: 300 }, { option: true }],
  demoScenario: ['none', { option: true }],
  pbx: async ({ pbxOptions }, use) => {
    const pbx = await startSimulatedPbx({ port: 0, ...pbxOptions });
    await use(pbx);
    await withTimeout(pbx.close(), 5_000);
  },
  mainLog: async ({}, use) => {
    await use([]);
  },
  userDataDir: async ({}, use) => {
    const dir = await mkdtemp(join(tmpdir(), 'switchboard-e2e-'));
    await use(dir);
    // On a loaded machine a closing host may still be writing its last files (ENOTEMPTY): rm retries.
    await rm(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  },
  host: async ({ mainLog, userDataDir, demoScenario }, use) => {
    const host = await startBrowserHost({
      rendererDir: resolve('out/renderer'),
      log: {
        warn: (message) => mainLog.push(`warn ${message}`),
        error: (message, error) => mainLog.push(`error ${message} ${String(error)}`),
      },
      services: {
        demoScenario,
        clientDefaults: { reconnect: { baseMs: 200, capMs: 1_000 }, connectTimeoutMs: 4_000 },
        userDataDir,
        // The real OS keychain (under scripts/with-keyring.sh, a throwaway Secret Service).
        vault: new KeytarVault({ service: E2E_VAULT_SERVICE }),
      },
    });
    const faultsBefore = host.faults.count;
    await use(host);
    await withTimeout(host.close(), 5_000);
    expect(host.faults.descriptions.slice(faultsBefore), 'main had no unhandled rejection or exception').toEqual([]);
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

/** Creates a login profile for the PBX through the login screen's editor; it is then selected. */
export async function createProfile(
  page: Page,
  pbx: { host: string; port: number },
  profile = { displayName: 'Front desk', username: 'demo' },
) {
  await page.getByTestId('new-profile').click();
  const editor = page.getByTestId('profile-editor');
  await editor.getByLabel('Profile name').fill(profile.displayName);
  await editor.getByLabel('Host').fill(pbx.host);
  await editor.getByLabel('Port').fill(String(pbx.port));
  await editor.getByLabel('AMI username').fill(profile.username);
  await editor.getByTestId('profile-save').click();
  await expect(editor).toBeHidden();
}

/** Creates a profile for the PBX and connects with it, typing the secret (not remembered). */
export async function connectTo(
  page: Page,
  pbx: { host: string; port: number },
  credentials = { username: 'demo', secret: 'demo' },
) {
  await createProfile(page, pbx, { displayName: 'Front desk', username: credentials.username });
  await page.getByLabel('Secret', { exact: true }).fill(credentials.secret);
  await page.getByTestId('connect-submit').click();
}

async function withTimeout(promise: Promise<unknown>, ms: number): Promise<void> {
  await Promise.race([promise, new Promise((resolve) => setTimeout(resolve, ms))]);
}
