import { createServer, type Server, type Socket } from 'node:net';
import type { Page } from '@playwright/test';
import { startSimulatedPbx } from '../src-main/sim';
import { connectTo, expect, test } from './fixtures';

/**
 * Point 4 of issue 10: a connection that never came up stays on the login screen with its own
 * sentence and a Try again button; only a session that was up goes to "reconnecting".
 */

async function listen(onSocket: (socket: Socket) => void): Promise<{ server: Server; port: number }> {
  const server = createServer(onSocket);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return { server, port: typeof address === 'object' && address ? address.port : 0 };
}

/** Still the login screen, saying `sentence`, with Try again; the board never showed. */
async function staysOnLogin(page: Page, sentence: RegExp) {
  await expect(page.getByTestId('connect-error')).toContainText(sentence);
  await expect(page.getByTestId('connect-retry')).toBeVisible();
  await expect(page.getByTestId('connect-form')).toBeVisible();
  await expect(page.getByTestId('status-text')).toContainText('Could not connect');
  // The client's backoff here is 200 ms: a retry loop would have shown "reconnecting" by now.
  await page.waitForTimeout(1_000);
  await expect(page.getByTestId('status-text')).toContainText('Could not connect');
  await expect(page.getByTestId('filter')).toHaveCount(0);
}

test.describe('login failures stay on the login screen', () => {
  test('a refused port says so; Try again connects once the PBX is there', async ({ console: page, pbx }) => {
    const port = pbx.port;
    await pbx.close();
    await connectTo(page, { host: '127.0.0.1', port });
    await staysOnLogin(page, /refused the connection/);
    await page.screenshot({ path: 'test-results/login-refused.png' });

    const back = await startSimulatedPbx({ port });
    try {
      await page.getByTestId('connect-retry').click();
      await expect(page.getByTestId('status-text')).toContainText('Connected to Asterisk');
      await expect(page.getByTestId('filter')).toBeVisible();
    } finally {
      await back.close();
    }
  });

  test('a server that is not an AMI port says so', async ({ console: page }) => {
    const { server, port } = await listen((socket) => socket.end('SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n'));
    try {
      await connectTo(page, { host: '127.0.0.1', port });
      await staysOnLogin(page, /is not an Asterisk manager interface/);
    } finally {
      server.close();
    }
  });

  test('a server that never answers times out and says so', async ({ console: page }) => {
    const { server, port } = await listen(() => {});
    try {
      await connectTo(page, { host: '127.0.0.1', port });
      await staysOnLogin(page, /did not answer in time/);
    } finally {
      server.close();
    }
  });

  test('an unreachable host says so', async ({ console: page }) => {
    // `.invalid` never resolves (RFC 6761): the host cannot be found, as a mistyped or offline one.
    await connectTo(page, { host: 'pbx.invalid', port: 5038 });
    await staysOnLogin(
      page,
      /cannot be reached from this computer \((no computer of that name is known|its name could not be looked up just now)\)/,
    );
    await expect(page.getByTestId('connect-error'), 'no operating-system error code').not.toContainText(
      /\bE[A-Z_]{3,}\b/,
    );
  });

  test('TLS towards a plain AMI port says the secure connection failed', async ({ console: page, pbx }) => {
    await page.getByTestId('new-profile').click();
    const editor = page.getByTestId('profile-editor');
    await editor.getByLabel('Profile name').fill('Secure desk');
    await editor.getByLabel('Host').fill(pbx.host);
    await editor.getByLabel('Port').fill(String(pbx.port));
    await editor.getByLabel('AMI username').fill('demo');
    await editor.getByLabel('Use TLS (encrypted)').check();
    await editor.getByTestId('profile-save').click();
    await page.getByLabel('Secret', { exact: true }).fill('demo');
    await page.getByTestId('connect-submit').click();
    await staysOnLogin(page, /secure connection/);
  });
});
