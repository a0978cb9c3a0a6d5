/** One `Name: value` line of an AMI message, in the order Asterisk sent it. */
export type AmiHeader = readonly [name: string, value: string];

const NO_HEADERS: readonly AmiHeader[] = [];
const CR = 13;
const COLON = 58;
const SPACE = 32;

/**
 * A message as Asterisk framed it: an ordered list of headers (repeated names kept,
 * e.g. `Variable`, `ChanVariable`, `Output`), plus any lines that had no colon
 * (old-style `Response: Follows` command output, or stray text).
 * Look-ups are case-insensitive, as Asterisk's own are.
 *
 * A message from the wire keeps its decoded text and splits it into headers only when the whole list is
 * asked for: most consumers read three or four headers of an event, and at thousands of events a second
 * building every [name, value] pair is most of the cost. A look-up by the name's usual spelling searches
 * the text directly; when several spellings of one name are present, that spelling wins.
 */
export class AmiMessage {
  private parsedHeaders: readonly AmiHeader[] | undefined;
  private parsedRawLines: readonly string[] | undefined;
  /** `Name: value` lines, each ended by LF or CRLF, not yet split (messages from the wire). */
  private text: string | undefined;

  constructor(headers: readonly AmiHeader[], rawLines: readonly string[] = []) {
    this.parsedHeaders = headers;
    this.parsedRawLines = rawLines;
    this.text = undefined;
  }

  /** A message over a header block as received, split lazily. */
  static fromHeaderBlock(text: string): AmiMessage {
    const message = new AmiMessage(NO_HEADERS);
    message.parsedHeaders = undefined;
    message.parsedRawLines = undefined;
    message.text = text;
    return message;
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
    if (this.text !== undefined && this.parsedHeaders === undefined) {
      const found = findValue(this.text, name);
      if (found !== undefined) return found;
    }
    const wanted = name.toLowerCase();
    for (const [key, value] of this.headers) {
      if (key.length === wanted.length && key.toLowerCase() === wanted) return value;
    }
    return undefined;
  }

  /** Every value of a (possibly repeated) header, in order. */
  getAll(name: string): string[] {
    const wanted = name.toLowerCase();
    const values: string[] = [];
    for (const [key, value] of this.headers) if (key.toLowerCase() === wanted) values.push(value);
    return values;
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  /** `Event` header value, when this message is an event. */
  get event(): string | undefined {
    return this.get('Event');
  }

  /** `Response` header value, when this message is a response. */
  get response(): string | undefined {
    return this.get('Response');
  }

  get actionId(): string | undefined {
    return this.get('ActionID');
  }

  /** Builds a message from a plain record; handy for tests and the simulator. */
  static of(fields: Record<string, string | number>, rawLines: readonly string[] = []): AmiMessage {
    return new AmiMessage(
      Object.entries(fields).map(([name, value]) => [name, String(value)] as const),
      rawLines,
    );
  }

  private split(): void {
    const headers: AmiHeader[] = [];
    const rawLines: string[] = [];
    const text = this.text ?? '';
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

const needles = new Map<string, string>();
const MAX_NEEDLES = 512;

/** `\nName:` for a header name, kept so a hot look-up does not build a string each time. */
function needleFor(name: string): string {
  let needle = needles.get(name);
  if (needle === undefined) {
    if (needles.size >= MAX_NEEDLES) needles.clear();
    needle = `\n${name}:`;
    needles.set(name, needle);
  }
  return needle;
}

/** The value of the first line starting `name:` exactly, or undefined. */
function findValue(text: string, name: string): string | undefined {
  let valueStart: number;
  if (text.startsWith(name) && text.charCodeAt(name.length) === COLON) {
    valueStart = name.length + 1;
  } else {
    const at = text.indexOf(needleFor(name));
    if (at === -1) return undefined;
    valueStart = at + name.length + 2;
  }
  if (text.charCodeAt(valueStart) === SPACE) valueStart++;
  let lineEnd = text.indexOf('\n', valueStart);
  if (lineEnd === -1) lineEnd = text.length;
  if (lineEnd > valueStart && text.charCodeAt(lineEnd - 1) === CR) lineEnd--;
  return text.slice(valueStart, lineEnd);
}
