import { MAX_LINE_BYTES } from '../../src-shared/line-limit';
import type { AmiHeader } from './message';

export type AmiInjectionErrorCode = 'injection' | 'lineTooLong';

/** An action refused before a byte was written: it would have been read by Asterisk as something else. */
export class AmiInjectionError extends Error {
  override readonly name = 'AmiInjectionError';

  constructor(
    readonly code: AmiInjectionErrorCode,
    /** The offending header's name (never its value, which may be a secret). */
    readonly header: string,
  ) {
    super(
      code === 'injection'
        ? `Header "${printable(header)}" contains a line break or NUL character; the action was not sent.`
        : `Header "${printable(header)}" is longer than Asterisk accepts (${MAX_LINE_BYTES} bytes a line); the action was not sent.`,
    );
  }
}

/** `Action` first, then `ActionID` when given, then the headers in the given order (repeats kept). */
export function serializeAction(action: string, headers: readonly AmiHeader[], actionId?: string): Buffer {
  const lines: AmiHeader[] = [['Action', action]];
  if (actionId !== undefined) lines.push(['ActionID', actionId]);
  for (const header of headers) lines.push(header);
  return serializeMessage(lines);
}

/** Generic `Name: value\r\n…\r\n` with the same checks as `serializeAction`. */
export function serializeMessage(headers: readonly AmiHeader[]): Buffer {
  let text = '';
  for (const [name, value] of headers) {
    checkHeader(name, value);
    text += `${name}: ${value}\r\n`;
  }
  return Buffer.from(text + '\r\n', 'utf8');
}

// A colon in a name would move the name/value split; CR, LF (Asterisk also ends a line on a bare LF) and
// NUL (ends a C string) would let a value start a new header or a new action.
const FORBIDDEN_IN_NAME = /[\r\n\0:]/;
const FORBIDDEN_IN_VALUE = /[\r\n\0]/;
const LINE_OVERHEAD_BYTES = ': \r\n'.length;

function checkHeader(name: string, value: string): void {
  if (name.length === 0 || FORBIDDEN_IN_NAME.test(name) || FORBIDDEN_IN_VALUE.test(value)) {
    throw new AmiInjectionError('injection', name);
  }
  const lineBytes = Buffer.byteLength(name, 'utf8') + Buffer.byteLength(value, 'utf8') + LINE_OVERHEAD_BYTES;
  if (lineBytes > MAX_LINE_BYTES) throw new AmiInjectionError('lineTooLong', name);
}

function printable(name: string): string {
  return JSON.stringify(name).slice(1, -1);
}
