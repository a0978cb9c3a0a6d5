/** One `Name: value` line of an AMI message, in the order Asterisk sent it. */
export type AmiHeader = readonly [name: string, value: string];

const NO_HEADERS: readonly AmiHeader[] = [];
const NO_LINES: readonly string[] = [];
const CR = 13;
const LF = 10;
const COLON = 58;
const SPACE = 32;
const LAST_ASCII = 127;
const EVENT_LINE = 'Event: ';

/**
 * A message as Asterisk framed it: an ordered list of headers (repeated names kept,
 * e.g. `Variable`, `ChanVariable`, `Output`), plus any lines that had no colon
 * (old-style `Response: Follows` command output, or stray text).
 * Look-ups are case-insensitive, as Asterisk's own are; the value is what follows the colon and one space
 * (Asterisk writes `%s: %s`), so the indentation of `Output:` lines is kept.
 *
 * A message from the wire keeps its bytes as a one-byte string (latin1: one char per byte, so framing,
 * search and slicing need no decoding) and splits it into headers only when the whole list is asked for.
 * Most consumers read three or four headers of an event; at thousands of events a second, building every
 * [name, value] pair and decoding every byte as UTF-8 is most of the cost. A look-up searches the bytes for
 * the name as spelt in the call first, then in any case; only the value found is decoded from UTF-8.
 * When one name comes in several spellings, the first line with the spelling asked for wins.
 */
export class AmiMessage {
  private parsedHeaders: readonly AmiHeader[] | undefined;
  private parsedRawLines: readonly string[] | undefined;
  /** The message's `Name: value` lines, each ended by LF or CRLF, one char per byte (wire messages only). */
  private raw: string | undefined;
  /**
   * The flat text `raw` was sliced from, and where `raw` starts in it. Searches run in `raw`, which ends
   * with the message (after its LF, so a name or value read here never runs past it); chars are read in
   * `source`, which V8 reads faster than a slice of it.
   */
  private source = '';
  private sourceStart = 0;
  /** `raw` lower-cased, made on the first look-up that the usual spelling does not answer. */
  private lowerRaw: string | undefined;
  /** The `Event` value, once read: every event's name is read several times on its way to listeners. */
  private eventName: string | undefined | null = null;

  constructor(headers: readonly AmiHeader[], rawLines: readonly string[] = NO_LINES) {
    this.parsedHeaders = headers;
    this.parsedRawLines = rawLines;
    this.raw = undefined;
    this.lowerRaw = undefined;
  }

  /**
   * A message over a block of lines as received, `text` from `start` to `end` (after its last LF): `text`
   * holds the bytes one char per byte (latin1).
   */
  static fromRawBlock(text: string, start: number, end: number): AmiMessage {
    const message = new AmiMessage(NO_HEADERS);
    message.parsedHeaders = undefined;
    message.parsedRawLines = undefined;
    message.raw = text.slice(start, end);
    message.source = text;
    message.sourceStart = start;
    return message;
  }

  /** Builds a message from a plain record; handy for tests and the simulator. */
  static of(fields: Record<string, string | number>, rawLines: readonly string[] = NO_LINES): AmiMessage {
    return new AmiMessage(
      Object.entries(fields).map(([name, value]) => [name, String(value)] as const),
      rawLines,
    );
  }

  get headers(): readonly AmiHeader[] {
    if (this.parsedHeaders === undefined) this.split();
    return this.parsedHeaders!;
  }

  get rawLines(): readonly string[] {
    if (this.parsedRawLines === undefined) this.split();
    return this.parsedRawLines!;
  }

  /** The first value of a header, or undefined when absent. */
  get(name: string): string | undefined {
    const raw = this.raw;
    if (raw === undefined || name === '') return this.scan(name);
    const source = this.source;
    const start = this.sourceStart;
    let nameAt = findHeaderLine(raw, name, source, start);
    if (nameAt === -1) {
      // The bytes of a name that is not ASCII are not its chars: only the full list can answer.
      if (!isAscii(name)) return this.scan(name);
      this.lowerRaw ??= raw.toLowerCase();
      nameAt = findHeaderLine(this.lowerRaw, name.toLowerCase(), source, start);
      if (nameAt === -1) return undefined;
    }
    return valueAt(source, start + nameAt + name.length + 1);
  }

  /** Every value of a (possibly repeated) header, in order. */
  getAll(name: string): string[] {
    const wanted = name.toLowerCase();
    const values: string[] = [];
    for (const [key, value] of this.headers)
      if (key.length === wanted.length && key.toLowerCase() === wanted) values.push(value);
    return values;
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  /** `Event` header value, when this message is an event. */
  get event(): string | undefined {
    if (this.eventName === null) {
      // Asterisk writes the name first: read it there without searching for it.
      const raw = this.raw;
      const start = this.sourceStart;
      this.eventName =
        raw !== undefined && startsAt(this.source, EVENT_LINE, start)
          ? valueAt(this.source, start + EVENT_LINE.length - 1)
          : this.get('Event');
    }
    return this.eventName;
  }

  /** `Response` header value, when this message is a response. */
  get response(): string | undefined {
    return this.get('Response');
  }

  get actionId(): string | undefined {
    return this.get('ActionID');
  }

  private scan(name: string): string | undefined {
    const wanted = name.toLowerCase();
    for (const [key, value] of this.headers) {
      if (key.length === wanted.length && key.toLowerCase() === wanted) return value;
    }
    return undefined;
  }

  private split(): void {
    const headers: AmiHeader[] = [];
    const rawLines: string[] = [];
    const text = decodeUtf8(this.raw ?? '');
    const length = text.length;
    let lineStart = 0;
    while (lineStart < length) {
      let lineEnd = text.indexOf('\n', lineStart);
      if (lineEnd === -1) lineEnd = length;
      const nextLine = lineEnd + 1;
      if (lineEnd > lineStart && text.charCodeAt(lineEnd - 1) === CR) lineEnd--;
      const colon = text.indexOf(':', lineStart);
      if (colon !== -1 && colon < lineEnd) {
        const valueStart = colon + 1 < lineEnd && text.charCodeAt(colon + 1) === SPACE ? colon + 2 : colon + 1;
        headers.push([text.slice(lineStart, colon), text.slice(valueStart, lineEnd)]);
      } else if (lineEnd > lineStart) {
        rawLines.push(text.slice(lineStart, lineEnd));
      }
      lineStart = nextLine;
    }
    this.parsedHeaders = headers;
    this.parsedRawLines = rawLines;
  }
}

/**
 * Where the first line `name: …` starts in `text`, or -1. The name is searched without the line's LF and
 * colon: a name whose first letter is rarer than LF is found several times faster, and a hit inside a line
 * (`DestUniqueid:` for `Uniqueid`) or of a longer name (`UniqueidX:`) is passed over. `text` (or its
 * lower-case copy) is `source` from `start` on: the LF and colon around a hit are read there.
 */
function findHeaderLine(text: string, name: string, source: string, start: number): number {
  for (let at = text.indexOf(name); at !== -1; at = text.indexOf(name, at + 1)) {
    if ((at === 0 || source.charCodeAt(start + at - 1) === LF) && source.charCodeAt(start + at + name.length) === COLON)
      return at;
  }
  return -1;
}

/** Whether `text` holds `prefix` at `at`, read char by char: several times cheaper than `startsWith`. */
function startsAt(text: string, prefix: string, at: number): boolean {
  for (let i = 0; i < prefix.length; i++) if (text.charCodeAt(at + i) !== prefix.charCodeAt(i)) return false;
  return true;
}

/**
 * The value in `text` from just after the colon to the line end, one leading space dropped, decoded from
 * UTF-8 (every line of a wire message ends with LF, the last one too). One pass finds the LF and sees
 * whether the value is ASCII: values are short, and a search call costs more than reading them.
 */
function valueAt(text: string, afterColon: number): string {
  const valueStart = text.charCodeAt(afterColon) === SPACE ? afterColon + 1 : afterColon;
  let lineEnd = valueStart;
  let highest = 0;
  for (let code = 0; lineEnd < text.length; lineEnd++) {
    code = text.charCodeAt(lineEnd);
    if (code === LF) break;
    highest |= code;
  }
  if (lineEnd > valueStart && text.charCodeAt(lineEnd - 1) === CR) lineEnd--;
  const value = text.slice(valueStart, lineEnd);
  return highest > LAST_ASCII ? utf8Of(value) : value;
}

/** Reused for decoding, so a value with an accent costs no allocation but its string. */
const scratch = Buffer.allocUnsafe(4096) as ByteBuffer;

type ByteBuffer = Buffer & {
  latin1Write(text: string, offset: number): number;
  utf8Slice(start: number, end: number): string;
};

/** Bytes held one char per byte, read as UTF-8 (all-ASCII text, the common case, costs one scan). */
function decodeUtf8(bytes: string): string {
  return isAscii(bytes) ? bytes : utf8Of(bytes);
}

/** Bytes held one char per byte, some not ASCII, read as UTF-8. */
function utf8Of(bytes: string): string {
  if (bytes.length > scratch.length) return Buffer.from(bytes, 'latin1').toString('utf8');
  const length = scratch.latin1Write(bytes, 0);
  return scratch.utf8Slice(0, length);
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > LAST_ASCII) return false;
  return true;
}

/**
 * Whether the PBX accepted the action: `Response: Success`, or 1.4's `Pong`, `Follows` for old Command
 * output, `Goodbye` for Logoff.
 */
export function isSuccessResponse(message: AmiMessage): boolean {
  const response = message.response?.toLowerCase();
  return response === 'success' || response === 'pong' || response === 'follows' || response === 'goodbye';
}
