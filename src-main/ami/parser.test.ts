import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AmiMessage } from './message';
import { AmiFrameParser } from './parser';

function parseAll(chunks: Uint8Array[], options: { expectBanner?: boolean; maxMessageBytes?: number } = {}) {
  const messages: AmiMessage[] = [];
  const banners: string[] = [];
  const oversize: number[] = [];
  const parser = new AmiFrameParser({
    ...options,
    onMessage: (m) => messages.push(m),
    onBanner: (line) => banners.push(line),
    onOversize: (dropped) => oversize.push(dropped),
  });
  for (const chunk of chunks) parser.push(chunk);
  return { messages, banners, oversize, parser };
}

const bytes = (text: string) => Buffer.from(text, 'utf8');
const everyByte = (text: string) => [...bytes(text)].map((b) => Uint8Array.of(b));
const shape = (m: AmiMessage) => ({ headers: m.headers.map(([n, v]) => [n, v]), raw: [...m.rawLines] });

const LOGIN_CHUNK =
  'Asterisk Call Manager/9.0.0\r\nResponse: Success\r\nActionID: rec-1\r\nMessage: Authentication accepted\r\n\r\n' +
  'Event: FullyBooted\r\nPrivilege: system,all\r\nUptime: 4320\r\nLastReload: 4320\r\nStatus: Fully Booted\r\n\r\n';

describe('AmiFrameParser', () => {
  it('reads a banner delivered one byte per chunk', () => {
    const { banners, messages } = parseAll(everyByte('Asterisk Call Manager/9.0.0\r\n'), { expectBanner: true });
    expect(banners).toEqual(['Asterisk Call Manager/9.0.0']);
    expect(messages).toEqual([]);
  });

  it('reads banner, login reply and FullyBooted from one chunk', () => {
    const { banners, messages } = parseAll([bytes(LOGIN_CHUNK)], { expectBanner: true });
    expect(banners).toEqual(['Asterisk Call Manager/9.0.0']);
    expect(messages.map((m) => m.response ?? m.event)).toEqual(['Success', 'FullyBooted']);
    expect(messages[0]!.get('message')).toBe('Authentication accepted');
  });

  it('accepts \\r\\n\\n endings, extra blank lines, no space after the colon, empty values and lines without a colon', () => {
    const text =
      'Event: CoreShowChannelMap\r\nChannel: A\r\n\n\r\n\r\n\nEvent: X\r\nNoSpace:v\r\nEmpty:\r\nEmptyToo: \r\njust text\r\n\r\n';
    const { messages } = parseAll([bytes(text)]);
    expect(messages.map(shape)).toEqual([
      {
        headers: [
          ['Event', 'CoreShowChannelMap'],
          ['Channel', 'A'],
        ],
        raw: [],
      },
      {
        headers: [
          ['Event', 'X'],
          ['NoSpace', 'v'],
          ['Empty', ''],
          ['EmptyToo', ''],
        ],
        raw: ['just text'],
      },
    ]);
  });

  it('accepts bare LF line ends and keeps values that contain colons', () => {
    const { messages } = parseAll([bytes('Event: A\nLocalAddress: IPV4/TCP/127.0.0.1:5038\nTime: 12:00:01\n\n')]);
    expect(messages[0]!.get('LocalAddress')).toBe('IPV4/TCP/127.0.0.1:5038');
    expect(messages[0]!.get('time')).toBe('12:00:01');
  });

  it('reads Park successful with its stray LF (Asterisk 20) as one message and goes on', () => {
    const { messages } = parseAll([
      bytes('Response: Success\r\nActionID: 1\r\nMessage: Park successful\n\r\n\r\nEvent: ParkedCall\r\n\r\n'),
    ]);
    expect(messages.map((m) => m.get('Message') ?? m.event)).toEqual(['Park successful', 'ParkedCall']);
  });

  it('keeps repeated ChanVariable headers, 1.8 ChanVariable(chan) names and values with =', () => {
    const { messages } = parseAll([
      bytes('Event: Newexten\r\nChanVariable: A=1\r\nChanVariable: B=x=y\r\nChanVariable(SIP/x-1): C=3\r\n\r\n'),
    ]);
    const m = messages[0]!;
    expect(m.getAll('ChanVariable')).toEqual(['A=1', 'B=x=y']);
    expect(m.get('ChanVariable(SIP/x-1)')).toBe('C=3');
    expect(m.headers.map(([n]) => n)).toEqual(['Event', 'ChanVariable', 'ChanVariable', 'ChanVariable(SIP/x-1)']);
  });

  it('reads old Response: Follows command output, blank lines and colons included, up to --END COMMAND--', () => {
    const text =
      'Response: Follows\r\nPrivilege: Command\r\nActionID: 7\r\n\n    -= Registered Asterisk Dial Plan Hints =-\n  100@internal: SIP/100  State:Idle\n--END COMMAND--\r\n\r\nEvent: After\r\n\r\n';
    for (const chunks of [[bytes(text)], everyByte(text)]) {
      const { messages } = parseAll(chunks);
      expect(messages.map(shape)).toEqual([
        {
          headers: [
            ['Response', 'Follows'],
            ['Privilege', 'Command'],
            ['ActionID', '7'],
          ],
          raw: ['', '    -= Registered Asterisk Dial Plan Hints =-', '  100@internal: SIP/100  State:Idle'],
        },
        { headers: [['Event', 'After']], raw: [] },
      ]);
    }
  });

  it('cuts a Response: Follows body that never sees --END COMMAND-- at the next message, and reads on at once', () => {
    const text =
      'Response: Follows\r\nPrivilege: Command\r\nActionID: 7\r\n\nline one\n\nline two\n\r\n' +
      'Event: After\r\n\r\nResponse: Success\r\nActionID: 8\r\n\r\n';
    for (const chunks of [[bytes(text)], everyByte(text)]) {
      const { messages, parser } = parseAll(chunks);
      expect(messages.map(shape)).toEqual([
        {
          headers: [
            ['Response', 'Follows'],
            ['Privilege', 'Command'],
            ['ActionID', '7'],
          ],
          raw: ['', 'line one', '', 'line two'],
        },
        { headers: [['Event', 'After']], raw: [] },
        {
          headers: [
            ['Response', 'Success'],
            ['ActionID', '8'],
          ],
          raw: [],
        },
      ]);
      expect((parser as unknown as { tail: number; head: number }).tail).toBe(0);
    }
  });

  it('keeps a character whole when its UTF-8 bytes are split across chunks', () => {
    const all = bytes('Event: Newchannel\r\nCallerIDName: Jürgen\r\n\r\n');
    const split = all.indexOf(0xc3) + 1;
    const { messages } = parseAll([all.subarray(0, split), all.subarray(split)]);
    expect(messages[0]!.get('CallerIDName')).toBe('Jürgen');
  });

  it('drops a 2 MB message at the cap, signals it, holds bounded memory and parses the next message', () => {
    const parser = new AmiFrameParser({ onMessage: (m) => messages.push(m), onOversize: (n) => oversize.push(n) });
    const messages: AmiMessage[] = [];
    const oversize: number[] = [];
    const line = bytes(`Output: ${'x'.repeat(1000)}\r\n`);
    parser.push(bytes('Event: Huge\r\n'));
    for (let i = 0; i < 2000; i++) {
      parser.push(line);
      expect((parser as unknown as { store: Buffer }).store.length).toBeLessThanOrEqual(4 * 1024 * 1024);
    }
    parser.push(bytes('\r\nEvent: Next\r\n\r\n'));
    expect(oversize).toHaveLength(1);
    expect(messages.map((m) => m.event)).toEqual(['Next']);
  });

  it('parses any chunking of a multi-message buffer the same as one chunk', () => {
    const text =
      LOGIN_CHUNK +
      'Event: Newchannel\nCallerIDName: Jürgen 王伟\n\nResponse: Follows\r\nActionID: 2\r\nout\n\n--END COMMAND--\r\n\r\nEvent: X\r\n\n' +
      'Response: Follows\r\nActionID: 3\r\n\nno marker\n\r\nEvent: Y\r\n\r\n';
    const all = bytes(text);
    const expected = parseAll([all], { expectBanner: true }).messages.map(shape);
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: all.length - 1 }), { maxLength: 40 }), (cuts) => {
        const points = [0, ...cuts.sort((a, b) => a - b), all.length];
        const chunks = points.slice(1).map((end, i) => all.subarray(points[i], end));
        expect(parseAll(chunks, { expectBanner: true }).messages.map(shape)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on random bytes and never holds more than the cap', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 3000 }), { maxLength: 30 }), (chunks) => {
        const { parser } = parseAll(chunks, { maxMessageBytes: 4096, expectBanner: true });
        const held = parser as unknown as { tail: number; head: number };
        expect(held.tail - held.head).toBeLessThanOrEqual(4096 + 3000);
      }),
      { numRuns: 300 },
    );
  });
});
