import { describe, expect, it } from 'vitest';
import { AmiInjectionError, serializeAction, serializeMessage } from './serialize';

describe('serializeAction', () => {
  it('writes Action first, then ActionID, then headers in order with repeats kept', () => {
    const bytes = serializeAction(
      'Originate',
      [
        ['Channel', 'PJSIP/200'],
        ['Variable', 'a=1'],
        ['Variable', 'b=2'],
      ],
      'abc-1',
    );
    expect(bytes.toString()).toBe(
      'Action: Originate\r\nActionID: abc-1\r\nChannel: PJSIP/200\r\nVariable: a=1\r\nVariable: b=2\r\n\r\n',
    );
  });

  it.each([
    ['CRLF', 'x\r\nAction: Command'],
    ['bare LF', 'x\nAction: Command'],
    ['bare CR', 'x\rAction: Command'],
    ['NUL', 'x\0Action: Command'],
  ])('refuses a CallerID holding %s', (_label, callerId) => {
    expect(() => serializeAction('Originate', [['CallerID', callerId]])).toThrow(AmiInjectionError);
    try {
      serializeAction('Originate', [['CallerID', callerId]]);
    } catch (error) {
      expect((error as AmiInjectionError).code).toBe('injection');
      expect((error as AmiInjectionError).header).toBe('CallerID');
      expect((error as Error).message).not.toContain('Action: Command');
    }
  });

  it('refuses line breaks or a colon in a header name, and line breaks in the action name', () => {
    expect(() => serializeAction('Ping', [['Bad\r\nName', 'v']])).toThrow(AmiInjectionError);
    expect(() => serializeAction('Ping', [['A:B', 'v']])).toThrow(AmiInjectionError);
    expect(() => serializeAction('Ping\r\nAction: Command', [])).toThrow(AmiInjectionError);
  });

  it('refuses a line over 1024 bytes, counting UTF-8 bytes and the line end', () => {
    expect(() => serializeAction('Ping', [['Data', 'x'.repeat(1024 - 'Data: \r\n'.length)]])).not.toThrow();
    const error = (() => {
      try {
        serializeAction('Ping', [['Data', 'ü'.repeat(510)]]);
      } catch (caught) {
        return caught as AmiInjectionError;
      }
    })();
    expect(error?.code).toBe('lineTooLong');
  });

  it('serializes a generic message for the simulator with the same checks', () => {
    expect(
      serializeMessage([
        ['Response', 'Success'],
        ['Message', 'ok'],
      ]).toString(),
    ).toBe('Response: Success\r\nMessage: ok\r\n\r\n');
    expect(() => serializeMessage([['Message', 'a\nb']])).toThrow(AmiInjectionError);
  });
});
