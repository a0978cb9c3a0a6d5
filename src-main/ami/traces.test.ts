/**
 * Table tests over the real Asterisk 20 sessions in ../shared/ami-traces: every connection's byte stream,
 * cut at the recorded chunk boundaries and at many others, frames into the same messages as a plain
 * line-by-line reading of the same bytes, and every recorded request finds exactly one reply.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AmiClient } from './client';
import type { AmiMessage } from './message';
import { startScriptedPeer } from './testing/scripted-peer';
import {
  frameServerStream as frame,
  loadTraceConnections,
  TRACE_DIR,
  TRACE_FILES,
  type TraceConnection,
} from './testing/traces';

const CONNECTIONS = TRACE_FILES.flatMap(loadTraceConnections);

interface Framed {
  headers: [string, string][];
  raw: string[];
}

/**
 * The reference reading: split the whole stream into lines (LF, an optional CR before it), drop the banner,
 * end a message at each empty line; `Name: value` split at the first colon, the one space after it skipped
 * (Asterisk writes `%s: %s`, so further spaces belong to the value: the indentation of `Output:` lines).
 */
function referenceFrames(stream: Buffer): Framed[] {
  const lines = stream
    .toString('utf8')
    .split('\n')
    .map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
  const messages: Framed[] = [];
  let current: Framed | undefined;
  for (const line of lines.slice(1)) {
    if (line === '') {
      if (current !== undefined) messages.push(current);
      current = undefined;
      continue;
    }
    current ??= { headers: [], raw: [] };
    const colon = line.indexOf(':');
    if (colon === -1) current.raw.push(line);
    else current.headers.push([line.slice(0, colon), line.slice(colon + 1).replace(/^ /, '')]);
  }
  expect(current, 'the stream ends inside a message').toBeUndefined();
  return messages;
}

const framed = (m: AmiMessage): Framed => ({
  headers: m.headers.map(([name, value]) => [name, value]),
  raw: [...m.rawLines],
});

function cutEvery(stream: Buffer, size: number): Buffer[] {
  const chunks: Buffer[] = [];
  for (let at = 0; at < stream.length; at += size) chunks.push(stream.subarray(at, at + size));
  return chunks;
}

function cutAt(stream: Buffer, points: number[]): Buffer[] {
  const sorted = [0, ...[...new Set(points)].sort((a, b) => a - b), stream.length];
  return sorted.slice(1).map((end, i) => stream.subarray(sorted[i], end));
}

/** Look-ups on a message that has not been split yet must agree with the reference headers. */
function expectLookupsAgree(message: AmiMessage, reference: Framed): void {
  const names = new Set(reference.headers.map(([name]) => name));
  for (const name of names) {
    const values = reference.headers
      .filter(([other]) => other.toLowerCase() === name.toLowerCase())
      .map(([, value]) => value);
    for (const spelling of [name, name.toLowerCase(), name.toUpperCase()]) {
      expect(message.get(spelling), `${spelling} in ${reference.headers[0]?.join(': ')}`).toBe(values[0]);
    }
    expect(message.getAll(name)).toEqual(values);
  }
  expect(message.get('NoSuchHeader')).toBeUndefined();
}

function messagesOf(label: string): { stream: Buffer; messages: AmiMessage[]; connection: TraceConnection } {
  const connection = CONNECTIONS.find((c) => c.label === label)!;
  const stream = Buffer.concat(connection.chunks);
  return { stream, messages: frame([stream]).messages, connection };
}

function replyTo(messages: AmiMessage[], actionId: string): AmiMessage {
  const replies = messages.filter((m) => m.event === undefined && m.actionId === actionId);
  expect(replies).toHaveLength(1);
  return replies[0]!;
}

describe('AMI framing over the recorded Asterisk 20 sessions', () => {
  it('finds the 20 traces and their 21 connections', () => {
    expect(TRACE_FILES, `traces expected in ${TRACE_DIR}`).toHaveLength(20);
    expect(CONNECTIONS).toHaveLength(21);
  });

  describe.each(CONNECTIONS.map((c) => [c.label, c] as const))('%s', (_label, connection) => {
    const stream = Buffer.concat(connection.chunks);

    it('frames the recorded chunks, the whole stream and fixed cuts exactly as the line-by-line reading', () => {
      const reference = referenceFrames(stream);
      const chunkings: Array<[string, Buffer[]]> = [
        ['recorded chunks', connection.chunks],
        ['one chunk', [stream]],
        ['one byte a chunk', cutEvery(stream, 1)],
        ...[2, 3, 7, 64, 1000, 4096].map((size): [string, Buffer[]] => [
          `${size} bytes a chunk`,
          cutEvery(stream, size),
        ]),
      ];
      for (const [name, chunks] of chunkings) {
        const { banners, messages } = frame(chunks);
        expect(banners, name).toEqual(['Asterisk Call Manager/9.0.0']);
        expect(messages.map(framed), name).toEqual(reference);
      }
    });

    it('frames any other cut of the stream the same', () => {
      const reference = referenceFrames(stream);
      fc.assert(
        fc.property(fc.array(fc.integer({ min: 1, max: stream.length - 1 }), { maxLength: 200 }), (points) => {
          expect(frame(cutAt(stream, points)).messages.map(framed)).toEqual(reference);
        }),
        { numRuns: 15 },
      );
    });

    it('answers header look-ups on unsplit messages like the reference headers', () => {
      const reference = referenceFrames(stream);
      const { messages } = frame(connection.chunks);
      expect(messages).toHaveLength(reference.length);
      messages.forEach((message, i) => expectLookupsAgree(message, reference[i]!));
    });

    it('gives every recorded request exactly one reply, and every list its announced items', () => {
      const requests = frame([Buffer.from('Banner\r\n'), ...connection.writes]).messages;
      const { messages } = frame(connection.chunks);
      expect(requests.length).toBe(connection.writes.length);
      for (const request of requests) replyTo(messages, request.actionId!);
      // Every message is a reply to one of them or an event (OriginateResponse carries both headers).
      const replies = messages.filter((m) => m.event === undefined);
      expect(replies.every((m) => m.response !== undefined)).toBe(true);
      expect(replies.map((m) => m.actionId)).toEqual(
        requests.map((r) => r.actionId).filter((id) => replies.some((m) => m.actionId === id)),
      );
      expect(messages.filter((m) => m.event !== undefined)).toHaveLength(
        stream.toString('utf8').match(/^Event: /gm)?.length ?? 0,
      );
      for (const reply of replies.filter((m) => m.get('EventList') === 'start')) {
        const items = messages.filter((m) => m.event !== undefined && m.actionId === reply.actionId);
        const complete = items.pop()!;
        expect(complete.get('EventList')).toBe('Complete');
        expect(complete.get('ListItems')).toBe(String(items.length));
      }
    });
  });

  it('reads ListCommands as one reply of 100+ headers although it arrived in three chunks (01)', () => {
    const { messages, stream, connection } = messagesOf('01-login-plain#1');
    const reply = replyTo(messages, 'rec-5');
    const chunkOf = (needle: string) => connection.chunks.findIndex((chunk) => chunk.includes(needle));
    expect(chunkOf('AbsoluteTimeout:')).toBeLessThan(chunkOf('WaitEvent:'));
    expect(reply.headers.length).toBe((stream.toString().match(/\(Priv: /g) ?? []).length + 2);
    expect(reply.headers.length).toBeGreaterThan(100);
    // `%s: %s (Priv: %s)` with an empty synopsis.
    expect(reply.get('AbsoluteTimeout')).toBe(' (Priv: system,call,all)');
    expect(reply.get('WaitEvent')).toBe(' (Priv: <none>)');
    expect(replyTo(messages, 'rec-6').response).toBe('Goodbye');
    expect(messages.slice(0, 3).map((m) => m.response ?? m.event)).toEqual([
      'Success',
      'FullyBooted',
      'SuccessfulAuth',
    ]);
  });

  it('reads Park successful with its bare LF as one reply and the event after it intact (12)', () => {
    const { messages } = messagesOf('12-park-pickup#1');
    const reply = replyTo(messages, 'rec-4');
    expect(reply.headers).toEqual([
      ['Response', 'Success'],
      ['ActionID', 'rec-4'],
      ['Message', 'Park successful'],
    ]);
    const next = messages[messages.indexOf(reply) + 1]!;
    expect(next.event).toBe('VarSet');
    expect(next.get('Privilege')).toBe('dialplan,all');
  });

  it('reads the Shutdown of a restart and the second connection after it (20)', () => {
    const { messages } = messagesOf('20-shutdown#1');
    expect(messages.find((m) => m.event === 'Shutdown')?.headers.slice(-2)).toEqual([
      ['Shutdown', 'Cleanly'],
      ['Restart', 'True'],
    ]);
    expect(replyTo(messagesOf('20-shutdown#2').messages, 'rec-4').get('CoreProcessedCalls')).toBe('0');
  });

  it('hands the recorded Command replies to command() with their Output lines (06)', async () => {
    const { messages } = messagesOf('06-command-output#1');
    const recordedByCommand = new Map([
      ['core show hints', replyTo(messages, 'rec-4')],
      ['core show frobnicators', replyTo(messages, 'rec-7')],
      ['', replyTo(messages, 'rec-8')],
    ]);
    const peer = await startScriptedPeer({
      onAction: (action, conn) => {
        const recorded =
          action.get('Action') === 'Command' ? recordedByCommand.get(action.get('Command') ?? '') : undefined;
        if (recorded === undefined) return 'default';
        conn.reply(
          action,
          recorded.headers.filter(([name]) => name !== 'ActionID'),
        );
      },
    });
    const client = new AmiClient({
      host: peer.host,
      port: peer.port,
      username: 'demo',
      secret: 'demo',
      keepalive: false,
      reconnect: false,
    });
    try {
      client.start();
      const hints = await client.command('core show hints');
      expect(hints.output[0]).toBe('');
      expect(hints.output[1]).toBe('    -= Registered Asterisk Dial Plan Hints =-');
      expect(hints.output.filter((line) => line.includes('State:'))).toHaveLength(20);
      expect(hints.output.at(-1)).toMatch(/hints registered/);
      const unknown = await client.command('core show frobnicators');
      expect(unknown.response.response).toBe('Error');
      expect(unknown.output).toEqual([
        "No such command 'core show frobnicators' (type 'core show help core show frobnicators' for other possible commands)",
      ]);
      const empty = await client.command('');
      expect(empty.response.get('Message')).toBe('No command provided');
      expect(empty.output).toEqual([]);
    } finally {
      await client.stop();
      await peer.close();
    }
  });
});
