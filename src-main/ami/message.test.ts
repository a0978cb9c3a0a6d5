import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AmiMessage, type AmiHeader } from './message';
import { AmiFrameParser } from './parser';
import { serializeMessage } from './serialize';

/** Messages as the parser hands them over: bytes kept, nothing split yet. */
function fromWire(text: string | Buffer): AmiMessage[] {
  const messages: AmiMessage[] = [];
  new AmiFrameParser({ onMessage: (m) => messages.push(m) }).push(
    Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8'),
  );
  return messages;
}

describe('AmiMessage look-ups on a message from the wire', () => {
  const [message] = fromWire(
    'Event: Newchannel\r\nDestUniqueid: 2.2\r\nUniqueidX: 3.3\r\nUniqueid: 1.1\r\nCallerIDName: Jürgen 王伟\r\n' +
      'Nämé: ü\r\nLocalAddress: IPV4/TCP/127.0.0.1:5038\r\nOutput:     -= indented =-\r\nEmpty:\r\nUniqueid: again\r\n\r\n',
  );

  it('finds a name in any case, passing over longer names and names inside other lines', () => {
    for (const name of ['Uniqueid', 'uniqueid', 'UNIQUEID']) expect(message!.get(name)).toBe('1.1');
    expect(message!.getAll('uniqueid')).toEqual(['1.1', 'again']);
    expect(message!.get('Event')).toBe('Newchannel');
    expect(message!.event).toBe('Newchannel');
  });

  it('keeps what follows the colon and one space: colons, indentation, empty values', () => {
    expect(message!.get('LocalAddress')).toBe('IPV4/TCP/127.0.0.1:5038');
    expect(message!.get('Output')).toBe('    -= indented =-');
    expect(message!.get('Empty')).toBe('');
    expect(message!.has('Empty')).toBe(true);
  });

  it('decodes UTF-8 in values and names', () => {
    expect(message!.get('CallerIDName')).toBe('Jürgen 王伟');
    expect(message!.get('Nämé')).toBe('ü');
    expect(message!.headers.find(([name]) => name === 'Nämé')).toEqual(['Nämé', 'ü']);
  });

  it('answers undefined for a name that is absent, empty or only part of another', () => {
    expect(message!.get('Channel')).toBeUndefined();
    expect(message!.get('Unique')).toBeUndefined();
    expect(message!.get('')).toBeUndefined();
    expect(message!.has('Channel')).toBe(false);
  });

  it('gives the same answers as a message built from the same headers', () => {
    const headerName = fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,11}$/);
    const value = fc.string({ unit: 'binary', maxLength: 40 }).filter((v) => !/[\r\n\0]/.test(v));
    fc.assert(
      fc.property(
        fc.uniqueArray(headerName, { minLength: 1, maxLength: 8, selector: (n) => n.toLowerCase() }),
        fc.array(fc.tuple(fc.nat(), value), { minLength: 1, maxLength: 20 }),
        (names, picks) => {
          const headers: AmiHeader[] = picks.map(([i, v]) => [names[i % names.length]!, v]);
          const [wire] = fromWire(serializeMessage(headers));
          const built = new AmiMessage(headers);
          for (const name of names) {
            for (const spelling of [name, name.toLowerCase(), name.toUpperCase()])
              expect(wire!.get(spelling)).toBe(built.get(spelling));
            expect(wire!.getAll(name)).toEqual(built.getAll(name));
          }
          expect(wire!.headers).toEqual(headers);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('AmiMessage built in code', () => {
  it('looks up case-insensitively and keeps raw lines', () => {
    const message = AmiMessage.of({ Response: 'Success', ActionID: 'a-1' }, ['line one']);
    expect(message.actionId).toBe('a-1');
    expect(message.get('response')).toBe('Success');
    expect(message.event).toBeUndefined();
    expect(message.rawLines).toEqual(['line one']);
  });
});
