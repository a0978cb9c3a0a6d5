/** Transport faults over real loopback sockets: a PBX that stops reading, and a message past the size cap. */
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulatedPbx } from '../sim/index';
import { AmiClient, type AmiClientOptions } from './client';
import type { AmiMessage } from './message';
import { DEFAULT_MAX_MESSAGE_BYTES } from './parser';
import { startScriptedPeer } from './testing/scripted-peer';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function startClient(host: string, port: number, options: Partial<AmiClientOptions> = {}): Promise<AmiClient> {
  const client = new AmiClient({
    host,
    port,
    username: 'demo',
    secret: 'demo',
    keepalive: false,
    reconnect: false,
    ...options,
  });
  cleanups.push(() => client.stop());
  return new Promise((resolve) => {
    client.once('ready', () => resolve(client));
    client.start();
  });
}

const nextTurn = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('AmiClient when the PBX stops reading', () => {
  it('holds actions back instead of filling memory, then sends each once, in order, when the PBX reads again', async () => {
    const peer = await startScriptedPeer({
      onAction: (action, conn) => {
        if (action.get('Action') !== 'UserEvent') return 'default';
        conn.reply(action, { Response: 'Success', Message: action.get('Sequence')! });
      },
    });
    cleanups.push(() => peer.close());
    const client = await startClient(peer.host, peer.port, { actionTimeoutMs: 60_000 });
    const stuck = await peer.connection(1);
    stuck.stopReading();

    // About 3.6 KB an action; the loopback socket buffers take a few MB before the writes back up.
    const filler = 'x'.repeat(900);
    const replies: Array<Promise<AmiMessage>> = [];
    const send = () =>
      replies.push(
        client.action('UserEvent', {
          UserEvent: 'Fill',
          Sequence: String(replies.length),
          A: filler,
          B: filler,
          C: filler,
          D: filler,
        }),
      );
    while (client.diagnostics().heldActions === 0 && replies.length < 20_000) {
      for (let i = 0; i < 100; i++) send();
      await nextTurn();
    }
    expect(client.diagnostics().heldActions).toBeGreaterThan(0);
    for (let i = 0; i < 500; i++) send();
    await nextTurn();
    const backedUp = client.diagnostics();
    expect(backedUp.heldActions).toBeGreaterThanOrEqual(500);
    // Node's own write buffer stays near its high-water mark: the rest waits as actions, not as bytes.
    expect(backedUp.unsentBytes).toBeLessThan(64 * 1024);
    expect(backedUp.inFlightActions + backedUp.heldActions).toBe(replies.length);

    stuck.resumeReading();
    const answered = await Promise.all(replies);
    expect(answered.map((reply) => reply.get('Message'))).toEqual(replies.map((_, i) => String(i)));
    const received = stuck.actions.filter((a) => a.get('Action') === 'UserEvent').map((a) => a.get('Sequence'));
    expect(received).toEqual(replies.map((_, i) => String(i)));
    expect(client.diagnostics()).toMatchObject({ heldActions: 0, inFlightActions: 0 });
  }, 30_000);

  it('fails held actions as not sent, and written ones as outcome unknown, when the stuck link drops', async () => {
    const peer = await startScriptedPeer();
    cleanups.push(() => peer.close());
    const client = await startClient(peer.host, peer.port, { actionTimeoutMs: 60_000 });
    const stuck = await peer.connection(1);
    stuck.stopReading();
    const outcomes: Array<Promise<string>> = [];
    const filler = 'y'.repeat(1000);
    while (client.diagnostics().heldActions === 0 && outcomes.length < 20_000) {
      for (let i = 0; i < 100; i++) {
        outcomes.push(
          client.action('UserEvent', { A: filler, B: filler, C: filler }).then(
            () => 'answered',
            (error: { code: string }) => error.code,
          ),
        );
      }
      await nextTurn();
    }
    const { heldActions, inFlightActions } = client.diagnostics();
    stuck.reset();
    const codes = await Promise.all(outcomes);
    expect(codes.filter((code) => code === 'notSent')).toHaveLength(heldActions);
    expect(codes.filter((code) => code === 'outcomeUnknown')).toHaveLength(inFlightActions);
  }, 30_000);
});

describe('AmiClient given a message over the size cap by the simulator', () => {
  it('drops a 2 MB frame with one protocol error, holds at most the cap, and reads what follows', async () => {
    const pbx = await startSimulatedPbx({ port: 0 });
    cleanups.push(() => pbx.close());
    const client = await startClient(pbx.host, pbx.port);
    const protocolErrors: string[] = [];
    const events: AmiMessage[] = [];
    client.on('protocolError', ({ message }) => protocolErrors.push(message));
    client.on('event', (event) => events.push(event));

    pbx.faults.giantFrame(2 * 1024 * 1024);
    pbx.setDeviceState('105', 'INUSE');
    const pong = await client.action('Ping');
    expect(pong.get('Ping')).toBe('Pong');
    await new Promise((resolve) => setTimeout(resolve, 50));

    expect(protocolErrors).toHaveLength(1);
    expect(protocolErrors[0]).toMatch(/^A message larger than 1048576 bytes was dropped/);
    expect(events.map((e) => e.event)).not.toContain('SimGiantFrame');
    expect(events.some((e) => e.event === 'ExtensionStatus' && e.get('Exten') === '105')).toBe(true);
    // Nothing of the dropped frame is still held.
    expect(client.diagnostics().inboundBufferBytes).toBeLessThanOrEqual(64 * 1024);
    expect(client.state.kind).toBe('connected');

    pbx.faults.giantFrame(3 * 1024 * 1024);
    expect((await client.action('Ping')).get('Ping')).toBe('Pong');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(protocolErrors).toHaveLength(2);
    expect(DEFAULT_MAX_MESSAGE_BYTES).toBe(1024 * 1024);
  });
});
