import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AmiClient, type AmiClientOptions, type AmiLinkState } from './client';
import { startScriptedPeer, type ScriptedPeer } from './testing/scripted-peer';

const HAS_OPENSSL = spawnSync('openssl', ['version']).status === 0;

let folder = '';
let peer: ScriptedPeer;
let caFile = '';
const clients: AmiClient[] = [];

/** A throwaway self-signed certificate for 127.0.0.1 and localhost, made by the openssl CLI. */
function makeCertificate(): { keyFile: string; certFile: string } {
  const keyFile = join(folder, 'key.pem');
  const certFile = join(folder, 'cert.pem');
  const made = spawnSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      keyFile,
      '-out',
      certFile,
      '-days',
      '1',
      '-subj',
      '/CN=switchboard-test-pbx',
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
    ],
    { encoding: 'utf8' },
  );
  if (made.status !== 0) throw new Error(`openssl failed: ${made.stderr}`);
  return { keyFile, certFile };
}

function client(options: Partial<AmiClientOptions>): AmiClient {
  const made = new AmiClient({
    host: peer.host,
    port: peer.port,
    username: 'demo',
    secret: 'demo',
    keepalive: false,
    reconnect: { baseMs: 1, capMs: 5 },
    ...options,
  });
  clients.push(made);
  return made;
}

function settledState(ami: AmiClient): Promise<AmiLinkState> {
  return new Promise((resolve) => {
    const off = ami.on('state', (state) => {
      if (state.kind === 'connected' || state.kind === 'failed') {
        off();
        resolve(state);
      }
    });
  });
}

describe.skipIf(!HAS_OPENSSL)('AmiClient over TLS (needs the openssl CLI to make a test certificate)', () => {
  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'ami-tls-'));
    const { keyFile, certFile } = makeCertificate();
    caFile = certFile;
    peer = await startScriptedPeer({ tls: { key: readFileSync(keyFile), cert: readFileSync(certFile) } });
  });
  afterEach(async () => {
    for (const ami of clients.splice(0)) await ami.stop();
  });
  afterAll(async () => {
    await peer?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('verifies the certificate by default: an untrusted one is a final, plain tls failure with no retry', async () => {
    const ami = client({ tls: {} });
    const states: AmiLinkState[] = [];
    ami.on('state', (state) => states.push(state));
    const settled = settledState(ami);
    ami.start();
    const state = await settled;
    expect(state).toMatchObject({ kind: 'failed', reason: { code: 'tls' } });
    expect(state.kind === 'failed' && state.reason.message).toMatch(
      /^The secure connection to the PBX at 127\.0\.0\.1:\d+ could not be trusted \(.*self-signed.*\)\.$/,
    );
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(states.filter((s) => s.kind === 'connecting')).toHaveLength(1);
  });

  it('logs in and runs actions when the CA file names the certificate', async () => {
    const ami = client({ tls: { caFile } });
    const settled = settledState(ami);
    ami.start();
    expect(await settled).toMatchObject({ kind: 'connected', amiVersion: '9.0.0' });
    expect((await ami.action('Ping')).get('Ping')).toBe('Pong');
  });

  it('refuses a certificate whose names do not match the host, even from a trusted CA', async () => {
    const ami = client({ tls: { caFile, serverName: 'pbx.example.org' } });
    const settled = settledState(ami);
    ami.start();
    expect(await settled).toMatchObject({ kind: 'failed', reason: { code: 'tls' } });
  });

  it('reports an unreadable CA file as a tls failure before connecting', async () => {
    const ami = client({ tls: { caFile: join(folder, 'missing.pem') } });
    const settled = settledState(ami);
    ami.start();
    const state = await settled;
    expect(state).toMatchObject({ kind: 'failed', reason: { code: 'tls' } });
    expect(state.kind === 'failed' && state.reason.message).toContain('the CA file cannot be read');
  });
});
