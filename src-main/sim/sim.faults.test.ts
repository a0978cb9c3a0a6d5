import { afterEach, describe, expect, it } from 'vitest';
import { startSimulatedPbx, type SimulatedPbx } from './index';
import { RawAmiClient } from './testing/test-client';

let pbx: SimulatedPbx | undefined;
const clients: RawAmiClient[] = [];

async function setup() {
  pbx = await startSimulatedPbx({ answerDelayMs: 20 });
  return { pbx, c: await connect() };
}
async function connect() {
  const c = await RawAmiClient.connect(pbx!.port);
  clients.push(c);
  await c.bannerReceived;
  await c.login();
  return c;
}

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  await pbx?.close();
  pbx = undefined;
});

describe('faults on demand', () => {
  it('drop closes every connection without a Shutdown event', async () => {
    const { pbx, c } = await setup();
    const other = await connect();
    pbx.faults.drop();
    await Promise.all([c.closed, other.closed]);
    expect(c.events.some((e) => e.event === 'Shutdown')).toBe(false);
  });

  it('stall stops answering until it ends, then answers what arrived', async () => {
    const { pbx, c } = await setup();
    pbx.faults.stall(300);
    const started = Date.now();
    const pong = await c.action('Ping');
    expect(pong.get('Ping')).toBe('Pong');
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    pbx.faults.stall();
    const late = c.action('Ping', {}, 200);
    await expect(late).rejects.toThrow(/timed out/);
    pbx.faults.stall(0);
    await c.waitFor((m) => m.get('Ping') === 'Pong' && m !== pong);
  });

  it('garbage writes non-AMI bytes and the session keeps working', async () => {
    const { pbx, c } = await setup();
    const before = c.received.length;
    pbx.faults.garbage(100);
    await new Promise((r) => setTimeout(r, 50));
    expect(c.received.length - before).toBe(100);
    c.writeRaw('\r\n');
    const server = pbx.actionsReceived.length;
    c.send('Ping');
    await new Promise((r) => setTimeout(r, 50));
    expect(pbx.actionsReceived.length).toBe(server + 1);
  });

  it('splitBytes sends every frame one byte at a time, and the frames still parse', async () => {
    const { pbx, c } = await setup();
    pbx.faults.splitBytes(true);
    const chunksBefore = c.chunks.length;
    const pong = await c.action('Ping');
    expect(pong.get('Ping')).toBe('Pong');
    expect(c.chunks.length - chunksBefore).toBeGreaterThan(30);
    pbx.faults.splitBytes(false);
    expect((await c.action('Ping')).get('Ping')).toBe('Pong');
  });

  it('giantFrame sends a 2 MB message the client must drop; the next message parses', async () => {
    const { pbx, c } = await setup();
    pbx.faults.giantFrame();
    const pong = await c.action('Ping', {}, 10_000);
    expect(pong.get('Ping')).toBe('Pong');
    expect(c.oversize).toBeGreaterThan(1_000_000);
  });

  it('restart sends Shutdown, closes, and comes back on the same port', async () => {
    const { pbx, c } = await setup();
    const port = pbx.port;
    const restarted = pbx.faults.restart(100);
    const shutdown = await c.waitForEvent('Shutdown');
    expect([shutdown.get('Shutdown'), shutdown.get('Restart')]).toEqual(['Cleanly', 'True']);
    const names = c.events.map((e) => e.event);
    expect(names.indexOf('BridgeDestroy')).toBe(names.indexOf('Shutdown') - 1);
    await c.closed;
    await restarted;
    expect(pbx.port).toBe(port);
    const again = await connect();
    expect((await again.action('CoreStatus')).get('CoreProcessedCalls')).toBe('0');
  });
});
