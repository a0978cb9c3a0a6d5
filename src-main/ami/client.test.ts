import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { parseBannerVersion } from './banner';
import { AmiClient, type AmiClientOptions, type AmiLinkState } from './client';
import { isSuccessResponse } from './message';
import type { AmiMessage } from './message';
import { startScriptedPeer, type PeerConnection, type ScriptedPeerOptions } from './testing/scripted-peer';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(peerOptions: ScriptedPeerOptions = {}, clientOptions: Partial<AmiClientOptions> = {}) {
  const peer = await startScriptedPeer(peerOptions);
  const client = new AmiClient({
    host: peer.host,
    port: peer.port,
    username: 'demo',
    secret: 'demo',
    keepalive: false,
    ...clientOptions,
  });
  const states: AmiLinkState[] = [];
  const events: AmiMessage[] = [];
  const protocolErrors: string[] = [];
  client.on('state', (s) => states.push(s));
  client.on('event', (m) => events.push(m));
  client.on('protocolError', ({ message }) => protocolErrors.push(message));
  cleanups.push(async () => {
    await client.stop();
    await peer.close();
  });
  return { peer, client, states, events, protocolErrors };
}

function until<T>(client: AmiClient, predicate: (s: AmiLinkState) => s is AmiLinkState & T): Promise<T>;
function until(client: AmiClient, predicate: (s: AmiLinkState) => boolean): Promise<AmiLinkState>;
function until(client: AmiClient, predicate: (s: AmiLinkState) => boolean): Promise<AmiLinkState> {
  return new Promise((resolve) => {
    if (predicate(client.state)) return resolve(client.state);
    const off = client.on('state', (s) => {
      if (predicate(s)) {
        off();
        resolve(s);
      }
    });
  });
}
const connected = (client: AmiClient) => until(client, (s) => s.kind === 'connected');

describe('AmiClient login', () => {
  it('parses the banner version and logs in with Events: on', async () => {
    const { client, peer } = await setup();
    client.start();
    const state = await connected(client);
    expect(state).toEqual({ kind: 'connected', amiVersion: '9.0.0', username: 'demo' });
    const login = (await peer.connection(1)).actions[0]!;
    expect(login.get('Action')).toBe('Login');
    expect(login.get('Events')).toBe('on');
    expect(parseBannerVersion('Asterisk Call Manager/1.1')).toBe('1.1');
  });

  it('answers an MD5 challenge with the hex md5 of challenge + secret', async () => {
    const { client, peer } = await setup({ challenge: '123', secret: 's' }, { authType: 'md5', secret: 's' });
    client.start();
    await connected(client);
    const login = (await peer.connection(1)).actions.find((a) => a.get('Action') === 'Login')!;
    expect(login.get('Key')).toBe(createHash('md5').update('123s').digest('hex'));
    expect(login.has('Secret')).toBe(false);
  });

  it('fails for good on wrong credentials after one attempt, without the secret in the message', async () => {
    const { client, peer } = await setup({}, { secret: 'wrong-secret', reconnect: { baseMs: 1, capMs: 5 } });
    client.start();
    const state = await until(client, (s) => s.kind === 'failed');
    expect(state).toMatchObject({ kind: 'failed', reason: { code: 'authFailed' } });
    expect(JSON.stringify(state)).not.toContain('wrong-secret');
    await new Promise((r) => setTimeout(r, 50));
    expect(peer.connections).toHaveLength(1);
  });

  it('refuses a server that is not AMI, with no retry loop', async () => {
    const { client, peer } = await setup({ banner: 'SSH-2.0-OpenSSH_9.6\r\n' }, { reconnect: { baseMs: 1, capMs: 5 } });
    client.start();
    expect(await until(client, (s) => s.kind === 'failed')).toMatchObject({ reason: { code: 'notAmi' } });
    await new Promise((r) => setTimeout(r, 50));
    expect(peer.connections).toHaveLength(1);
  });

  it('fails for good, without waiting or retrying, when a plain-login secret is too long for one AMI line', async () => {
    const secret = 'x'.repeat(1015);
    const { client, peer, states } = await setup(
      { secret },
      { secret, connectTimeoutMs: 300, reconnect: { baseMs: 1, capMs: 5 } },
    );
    client.start();
    const state = await until(client, (s) => s.kind === 'failed');
    expect(state).toMatchObject({ kind: 'failed', reason: { code: 'loginUnsendable' } });
    expect(JSON.stringify(state)).not.toContain(secret);
    // Past the connect deadline: no orphaned Login times out, no second attempt is made.
    await new Promise((r) => setTimeout(r, 500));
    expect(peer.connections).toHaveLength(1);
    expect(peer.connections[0]!.actions.map((a) => a.get('Action'))).toEqual([]);
    expect(states.map((s) => s.kind)).toEqual(['connecting', 'failed']);
    expect(client.diagnostics()).toMatchObject({ timers: 0, socketListeners: 0 });
  });

  it('queues actions until logged in, and fails them notSent when login fails', async () => {
    const { client } = await setup({}, { secret: 'nope' });
    client.start();
    await expect(client.action('Ping')).rejects.toMatchObject({ code: 'notSent', action: 'Ping' });
  });
});

describe('AmiClient actions', () => {
  it('matches replies by ActionID when answered C, A, B and reports an unknown ActionID', async () => {
    const held: AmiMessage[] = [];
    const { client, peer, protocolErrors } = await setup({
      onAction: (action, conn) => {
        if (action.get('Action') !== 'UserEvent') return 'default';
        held.push(action);
        if (held.length === 3) {
          for (const i of [2, 0, 1]) conn.reply(held[i]!, { Response: 'Success', Message: held[i]!.get('UserEvent')! });
          conn.send('Response: Success\r\nActionID: stranger-1\r\n\r\n');
        }
      },
    });
    client.start();
    await connected(client);
    const replies = await Promise.all(['A', 'B', 'C'].map((name) => client.action('UserEvent', { UserEvent: name })));
    expect(replies.map((r) => r.get('Message'))).toEqual(['A', 'B', 'C']);
    await new Promise((r) => setTimeout(r, 20));
    expect(protocolErrors.join()).toContain('stranger-1');
    void peer;
  });

  it('refuses injected CallerIDs before a byte reaches the socket', async () => {
    const { client, peer } = await setup();
    client.start();
    await connected(client);
    const conn = await peer.connection(1);
    const before = conn.receivedText;
    for (const callerId of [
      '"x\r\nAction: Command"',
      '"x\nAction: Command"',
      '"x\rAction: Command"',
      '"x\0Action: Command"',
    ]) {
      await expect(client.action('Originate', { Channel: 'PJSIP/200', CallerID: callerId })).rejects.toMatchObject({
        code: 'injection',
        action: 'Originate',
      });
    }
    await client.action('Ping');
    expect(conn.receivedText.slice(before.length)).not.toContain('Originate');
  });

  it('resolves Permission denied as an Error reply that names the action', async () => {
    const { client } = await setup({
      onAction: (action, conn) => {
        if (action.get('Action') !== 'Originate') return 'default';
        conn.reply(action, { Response: 'Error', Message: 'Permission denied' });
      },
    });
    client.start();
    await connected(client);
    const reply = await client.action('Originate', { Channel: 'PJSIP/200', Variable: ['a=1', 'b=2'] });
    expect(isSuccessResponse(reply)).toBe(false);
    expect(reply.get('Message')).toBe('Permission denied');
  });

  it('times out an unanswered action', async () => {
    const { client } = await setup({
      onAction: (action) => (action.get('Action') === 'Status' ? undefined : 'default'),
    });
    client.start();
    await connected(client);
    await expect(client.action('Status', undefined, { timeoutMs: 50 })).rejects.toMatchObject({
      code: 'timeout',
      action: 'Status',
    });
  });
});

describe('AmiClient lists and commands', () => {
  it('collects a modern list while an unrelated Newstate goes to listeners', async () => {
    const { client, events } = await setup({
      onAction: (action, conn) => {
        if (action.get('Action') !== 'CoreShowChannels') return 'default';
        const id = action.actionId!;
        conn.reply(action, { Response: 'Success', EventList: 'start', Message: 'Channels will follow' });
        conn.event({ Event: 'CoreShowChannel', ActionID: id, Channel: 'PJSIP/1' });
        conn.event({ Event: 'Newstate', Channel: 'PJSIP/9' });
        conn.event({ Event: 'CoreShowChannel', ActionID: id, Channel: 'PJSIP/2' });
        conn.event({ Event: 'CoreShowChannelsComplete', ActionID: id, EventList: 'Complete', ListItems: '2' });
      },
    });
    client.start();
    await connected(client);
    const result = await client.list('CoreShowChannels');
    expect(result.items.map((m) => m.get('Channel'))).toEqual(['PJSIP/1', 'PJSIP/2']);
    expect(result.complete?.get('ListItems')).toBe('2');
    expect(events.map((m) => m.event)).toContain('Newstate');
    expect(events.map((m) => m.event)).not.toContain('CoreShowChannel');
  });

  it('collects an old list without EventList that ends in a …Complete event', async () => {
    const { client } = await setup({
      onAction: (action, conn) => {
        if (action.get('Action') !== 'ParkedCalls') return 'default';
        conn.reply(action, { Response: 'Success', Message: 'Parked calls will follow' });
        conn.event({ Event: 'ParkedCall', ActionID: action.actionId!, Exten: '701' });
        conn.event({ Event: 'ParkedCallsComplete', ActionID: action.actionId! });
      },
    });
    client.start();
    await connected(client);
    const result = await client.list('ParkedCalls');
    expect(result.items.map((m) => m.get('Exten'))).toEqual(['701']);
  });

  it('times out a list that never completes, with its partial items', async () => {
    const { client } = await setup({
      onAction: (action, conn) => {
        if (action.get('Action') !== 'Status') return 'default';
        conn.reply(action, { Response: 'Success', EventList: 'start', Message: 'Channel status will follow' });
        conn.event({ Event: 'Status', ActionID: action.actionId!, Channel: 'PJSIP/1' });
      },
    });
    client.start();
    await connected(client);
    const error = (await client.list('Status', undefined, { timeoutMs: 80 }).catch((e: unknown) => e)) as {
      partialItems: AmiMessage[];
    };
    expect(error).toMatchObject({ code: 'timeout' });
    expect(error.partialItems.map((m) => m.get('Channel'))).toEqual(['PJSIP/1']);
  });

  it('reads Command output in both styles and a failing 14+ command with its Message', async () => {
    const { client } = await setup({
      onAction: (action, conn) => {
        if (action.get('Action') !== 'Command') return 'default';
        const cli = action.get('Command');
        const id = action.actionId!;
        if (cli === 'old')
          conn.send(
            `Response: Follows\r\nPrivilege: Command\r\nActionID: ${id}\r\nline: one\n\nline three\n--END COMMAND--\r\n\r\n`,
          );
        else if (cli === 'new')
          conn.reply(action, [
            ['Response', 'Success'],
            ['Message', 'Command output follows'],
            ['Output', 'a'],
            ['Output', 'b'],
          ]);
        else
          conn.reply(action, [
            ['Response', 'Error'],
            ['Message', 'Command output follows'],
            ['Output', 'No such command'],
          ]);
      },
    });
    client.start();
    await connected(client);
    expect((await client.command('old')).output).toEqual(['line: one', '', 'line three']);
    expect((await client.command('new')).output).toEqual(['a', 'b']);
    const failing = await client.command('bogus');
    expect(failing.response.response).toBe('Error');
    expect(failing.output).toEqual(['No such command']);
  });
});

describe('AmiClient faults', () => {
  it('reports an action in flight at a reset mid-frame as outcome unknown, never re-sent, then reconnects', async () => {
    const { client, peer } = await setup(
      {
        onAction: (action, conn) => {
          if (action.get('Action') !== 'Originate') return 'default';
          conn.send(`Response: Success\r\nActionID: ${action.actionId}\r\nMess`);
          setTimeout(() => conn.reset(), 10);
        },
      },
      { reconnect: { baseMs: 5, capMs: 20 } },
    );
    client.start();
    await connected(client);
    await expect(client.action('Originate', { Channel: 'PJSIP/200' })).rejects.toMatchObject({
      code: 'outcomeUnknown',
    });
    await until(client, (s) => s.kind === 'reconnecting');
    let readies = 0;
    client.on('ready', () => readies++);
    await connected(client);
    expect(readies).toBe(1);
    const second = await peer.connection(2);
    expect(second.actions.some((a) => a.get('Action') === 'Originate')).toBe(false);
  });

  it('detects a silent (half-open) server within the keepalive window and reconnects', async () => {
    // The first connection goes silent: it never answers a Ping.
    let silent: PeerConnection | undefined;
    const { client } = await setup(
      {
        onConnection: (conn) => (silent ??= conn),
        onAction: (action, conn) => (action.get('Action') === 'Ping' && conn === silent ? undefined : 'default'),
      },
      { keepalive: { intervalMs: 50, timeoutMs: 50 }, reconnect: { baseMs: 5, capMs: 20 } },
    );
    client.start();
    await connected(client);
    const started = Date.now();
    const state = await until(client, (s) => s.kind === 'reconnecting');
    expect(state).toMatchObject({ reason: { code: 'linkDead' } });
    expect(Date.now() - started).toBeLessThan(400);
    await connected(client);
  });

  it('goes down on Shutdown with Restart: True and logs in again after the restart', async () => {
    const { client, peer, events } = await setup({}, { reconnect: { baseMs: 5, capMs: 20 } });
    client.start();
    await connected(client);
    const conn = await peer.connection(1);
    conn.event({ Event: 'Shutdown', Privilege: 'system,all', Shutdown: 'Cleanly', Restart: 'True' });
    conn.end();
    expect(await until(client, (s) => s.kind === 'reconnecting')).toMatchObject({ reason: { code: 'shutdown' } });
    await connected(client);
    expect(events.some((m) => m.event === 'Shutdown')).toBe(true);
    expect(peer.connections.length).toBe(2);
  });

  it('grows, jitters and caps its delays over five closes in a row, and fails queued actions when stopped', async () => {
    const { client, peer, states } = await setup(
      { onConnection: (conn) => conn.end() },
      { reconnect: { baseMs: 4, capMs: 16 } },
    );
    client.start();
    await peer.connection(6);
    const delays = states.flatMap((s) => (s.kind === 'reconnecting' ? [s.delayMs] : []));
    expect(delays.length).toBeGreaterThanOrEqual(5);
    delays.forEach((d, i) => expect(d).toBeLessThan(Math.min(16, 4 * 2 ** i)));
    const pending = client.action('Ping');
    await client.stop();
    await expect(pending).rejects.toMatchObject({ code: 'notSent' });
    expect(client.state.kind).toBe('closed');
  });
});
