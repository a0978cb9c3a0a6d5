import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startBrowserHost, type BrowserHost } from '../browser-host';
import { MapVault } from '../profiles/testing/vaults';

const PAGE = '<!doctype html><title>Switchboard</title>';
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startHost(): Promise<{ host: BrowserHost; warnings: string[] }> {
  const dir = await mkdtemp(join(tmpdir(), 'switchboard-bridge-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  const rendererDir = join(dir, 'renderer');
  await mkdir(rendererDir);
  await writeFile(join(rendererDir, 'index.html'), PAGE);
  const warnings: string[] = [];
  const host = await startBrowserHost({
    rendererDir,
    log: { warn: (message) => warnings.push(message), error: (message) => warnings.push(message) },
    services: { userDataDir: join(dir, 'user-data'), vault: new MapVault(), demoScenario: 'none' },
  });
  const faultsBefore = host.faults.count;
  cleanups.push(async () => {
    await host.close();
    expect(host.faults.descriptions.slice(faultsBefore), 'no unhandled rejection or exception').toEqual([]);
  });
  return { host, warnings };
}

/** A GET with the request target exactly as given (no client-side normalising or escaping). */
function get(port: number, target: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const request = httpRequest({ host: '127.0.0.1', port, path: target, headers }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('error', reject);
    request.end();
  });
}

const origin = (host: BrowserHost) => `http://127.0.0.1:${host.bridge.port}`;

/** Opens the contract socket as the page would; resolves with the socket, or with how the upgrade was refused. */
function openBridge(host: BrowserHost, headers: Record<string, string> = { Origin: origin(host) }) {
  const socket = new WebSocket(`ws://127.0.0.1:${host.bridge.port}/contract?token=${host.bridge.token}`, { headers });
  return new Promise<{ socket: WebSocket } | { refusedWith: number }>((resolve) => {
    socket.once('open', () => resolve({ socket }));
    socket.once('unexpected-response', (_request, response) => {
      resolve({ refusedWith: response.statusCode ?? 0 });
      socket.terminate();
    });
    socket.once('error', () => resolve({ refusedWith: -1 }));
  });
}

function invoke(socket: WebSocket, channel: string): Promise<unknown> {
  return new Promise((resolve) => {
    socket.once('message', (data) => resolve(JSON.parse((data as Buffer).toString('utf8'))));
    socket.send(JSON.stringify({ kind: 'invoke', id: 1, channel, args: undefined }));
  });
}

describe('the browser bridge', () => {
  it('answers malformed URLs with 400 and goes on serving the page', async () => {
    const { host } = await startHost();
    for (const target of ['/%', '/%E0%A4%A', '//'])
      expect((await get(host.bridge.port, target)).status, target).toBe(400);
    expect(await get(host.bridge.port, '/')).toEqual({ status: 200, body: PAGE });
  });

  it('closes a connection that sends a 2 MiB message, saying it was too big, and serves the next one', async () => {
    const { host, warnings } = await startHost();
    const opened = await openBridge(host);
    if (!('socket' in opened)) throw new Error(`refused with ${opened.refusedWith}`);
    const closed = new Promise<number>((resolve) => opened.socket.once('close', (code) => resolve(code)));
    opened.socket.send('x'.repeat(2 * 1024 * 1024));
    // 1009: "Message Too Big", the WebSocket protocol's own reason for this.
    expect(await closed).toBe(1009);
    expect(warnings.some((warning) => warning.includes('larger than'))).toBe(true);

    const next = await openBridge(host);
    if (!('socket' in next)) throw new Error(`refused with ${next.refusedWith}`);
    expect(await invoke(next.socket, 'session:status')).toEqual({
      kind: 'result',
      id: 1,
      result: { ok: true, value: { kind: 'disconnected' } },
    });
    next.socket.close();
    expect(await get(host.bridge.port, '/')).toEqual({ status: 200, body: PAGE });
  });

  it('refuses an upgrade from another origin or for another host name, even with the token', async () => {
    const { host } = await startHost();
    expect(await openBridge(host, { Origin: 'http://evil.example' })).toEqual({ refusedWith: 403 });
    expect(await openBridge(host, {})).toEqual({ refusedWith: 403 });
    expect(await openBridge(host, { Origin: 'http://rebound.example', Host: 'rebound.example' })).toEqual({
      refusedWith: 403,
    });
    expect(await get(host.bridge.port, '/', { Host: 'rebound.example' })).toMatchObject({ status: 403 });
    expect(await openBridge(host)).toHaveProperty('socket');
  });
});
