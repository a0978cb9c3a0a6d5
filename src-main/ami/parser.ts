import { AmiMessage, type AmiHeader } from './message';

export const DEFAULT_MAX_MESSAGE_BYTES = 1024 * 1024;

/** A banner longer than any Asterisk sends means we are not talking to Asterisk: hand it over as it is. */
const MAX_BANNER_BYTES = 1024;

/** A buffer grown past this for one large message is released once that message is through. */
const RETAINED_BUFFER_BYTES = 64 * 1024;

const CR = 13;
const LF = 10;
const SPACE = 32;
const R = 82;
const END_COMMAND = '--END COMMAND--';
/**
 * A message starting after a blank line. Old Command output holds blank lines but no message starts,
 * so one seen before `--END COMMAND--` means the marker is missing: the output is cut there.
 */
const NEXT_MESSAGE = /\n\r?\n(?=(?:Response|Event): )/g;
const RESPONSE_FOLLOWS = 'Response: Follows';
const BARE_END = /\n\n/g;

/** Header names that precede the raw output of an old-style (`Response: Follows`) Command reply. */
const FOLLOWS_HEADER_NAMES = new Set(['response', 'privilege', 'actionid', 'message']);

export interface AmiFrameParserOptions {
  readonly onMessage: (message: AmiMessage) => void;
  readonly onBanner?: (line: string) => void;
  readonly onOversize?: (droppedBytes: number) => void;
  maxMessageBytes?: number;
  /** The first line is the `Asterisk Call Manager/x.y.z` banner (client side). Default false. */
  expectBanner?: boolean;
}

/**
 * Where the parser stands in the byte stream:
 * - `banner`: waiting for the first line;
 * - `messages`: at or inside a message;
 * - `discarding`: skipping an oversize message up to its end.
 */
type ParserMode = 'banner' | 'messages' | 'discarding';

/**
 * AMI framing: bytes in, messages out. Knows no socket.
 * Each chunk is searched as a one-byte string (latin1: one char per byte, a copy rather than a decode);
 * a message keeps its bytes that way and decodes a value from UTF-8 when it is read, so a character split
 * across chunks stays whole. The bytes of a message still arriving are kept in one growable buffer.
 */
export class AmiFrameParser {
  private readonly onMessage: (message: AmiMessage) => void;
  private readonly onBanner: ((line: string) => void) | undefined;
  private readonly onOversize: ((droppedBytes: number) => void) | undefined;
  private readonly maxMessageBytes: number;
  private readonly expectBanner: boolean;

  private mode: ParserMode;
  private store: Buffer = Buffer.alloc(0);
  private head = 0;
  private tail = 0;
  /** Bytes at the start of the pending message already searched without finding its end. */
  private searched = 0;
  /** Message ends in the chunk being read, and in the bytes of a message still arriving. */
  private readonly chunkEnds = new MessageEnds();
  private readonly storeEnds = new MessageEnds();

  constructor(options: AmiFrameParserOptions) {
    this.onMessage = options.onMessage;
    this.onBanner = options.onBanner;
    this.onOversize = options.onOversize;
    this.maxMessageBytes = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
    this.expectBanner = options.expectBanner ?? false;
    this.mode = this.expectBanner ? 'banner' : 'messages';
  }

  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    const data = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
    const text = latin1(data, 0, data.length);
    let from = 0;
    if (this.head !== this.tail) {
      // Finish the pending message with the chunk up to its first message end only, so that the rest of
      // the chunk, usually nearly all of it, is parsed in place rather than copied after the pending bytes.
      this.chunkEnds.reset(text);
      const firstEnd = this.chunkEnds.find(0);
      from = firstEnd === -1 ? data.length : this.chunkEnds.endAfter(firstEnd);
      this.append(data.subarray(0, from));
      this.head = this.consumeStore();
      if (this.head < this.tail) {
        // Still not complete (a long message, or old Command output with blank lines): take the rest too.
        if (from === data.length) return;
        this.append(data.subarray(from));
        this.head = this.consumeStore();
        if (this.head === this.tail) this.releaseStore();
        return;
      }
      this.releaseStore();
    } else {
      this.chunkEnds.reset(text);
    }
    const consumed = this.consume(data, text, 0, from, this.chunkEnds);
    if (consumed < data.length) this.append(data.subarray(consumed));
  }

  /** Consumes what the store holds from `head`; returns the new head. */
  private consumeStore(): number {
    const store = this.store.subarray(0, this.tail);
    const text = latin1(store, this.head, this.tail);
    this.storeEnds.reset(text);
    return this.consume(store, text, this.head, 0, this.storeEnds);
  }

  /** Forgets the consumed bytes; lets go of a buffer grown for one large message. */
  private releaseStore(): void {
    this.head = 0;
    this.tail = 0;
    if (this.store.length > RETAINED_BUFFER_BYTES) this.store = Buffer.alloc(0);
  }

  /** Bytes allocated to hold a message still arriving. */
  get capacityBytes(): number {
    return this.store.length;
  }

  reset(): void {
    this.mode = this.expectBanner ? 'banner' : 'messages';
    this.store = Buffer.alloc(0);
    this.head = 0;
    this.tail = 0;
    this.searched = 0;
  }

  private append(bytes: Uint8Array): void {
    const pending = this.tail - this.head;
    const needed = pending + bytes.length;
    if (needed > this.store.length) {
      const grown = Buffer.allocUnsafe(Math.max(needed, this.store.length * 2, 4096));
      this.store.copy(grown, 0, this.head, this.tail);
      this.store = grown;
    } else if (this.head > 0) {
      this.store.copy(this.store, 0, this.head, this.tail);
    }
    this.head = 0;
    this.tail = pending;
    this.store.set(bytes, this.tail);
    this.tail += bytes.length;
  }

  /**
   * Delivers every complete unit in `data` from `start + from`; returns the offset of the first unconsumed
   * byte. `text` is `data` from `start` on as a one-byte string (latin1, one char per byte), the text
   * `ends` was reset to: framing bytes are ASCII and never occur inside a UTF-8 sequence, so offsets in the
   * string are offsets in the bytes.
   */
  private consume(data: Buffer, text: string, start: number, from: number, ends: MessageEnds): number {
    const end = text.length;
    let pos = from;

    while (pos < end) {
      if (this.mode === 'banner') {
        const lineEnd = text.indexOf('\n', pos);
        if (lineEnd === -1 && end - pos <= MAX_BANNER_BYTES) break;
        const bannerEnd = lineEnd === -1 ? pos + MAX_BANNER_BYTES : lineEnd;
        this.mode = 'messages';
        this.deliverBanner(data, start + pos, start + bannerEnd);
        pos = lineEnd === -1 ? bannerEnd : lineEnd + 1;
        continue;
      }

      if (this.mode === 'messages' && this.searched === 0) {
        // Blank lines between messages are allowed; a message never starts with a line end.
        for (let code = text.charCodeAt(pos); code === CR || code === LF; code = text.charCodeAt(pos)) pos++;
        if (pos >= end) break;
      }

      // The search goes on from where the last chunk's search stopped, less two bytes of a split terminator.
      const terminatorAt = ends.find(Math.max(pos, pos + this.searched - 2));
      const messageEnd = terminatorAt === -1 ? -1 : ends.endAfter(terminatorAt);

      if (this.mode === 'discarding') {
        if (terminatorAt === -1) {
          // Keep the last two bytes: they may begin a terminator completed by the next chunk.
          return start + end - Math.min(2, end - pos);
        }
        this.searched = 0;
        this.mode = 'messages';
        pos = messageEnd;
        continue;
      }

      // Events start with `E`: one char read spares them the prefix comparison.
      if (terminatorAt !== -1 && text.charCodeAt(pos) === R && text.startsWith(RESPONSE_FOLLOWS, pos)) {
        const followsEnd = findCommandOutputEnd(text, pos, ends);
        if (followsEnd === undefined) {
          if (end - pos > this.maxMessageBytes) {
            pos = this.beginDiscarding(end - pos, end);
            continue;
          }
          break;
        }
        this.searched = 0;
        if (followsEnd.outputEnd - pos > this.maxMessageBytes) {
          this.reportOversize(followsEnd.messageEnd - pos);
        } else {
          this.onMessage(parseCommandOutput(data.toString('utf8', start + pos, start + followsEnd.outputEnd)));
        }
        pos = followsEnd.messageEnd;
        continue;
      }

      if (terminatorAt === -1) {
        if (end - pos > this.maxMessageBytes) {
          pos = this.beginDiscarding(end - pos, end);
          continue;
        }
        this.searched = end - pos;
        break;
      }

      this.searched = 0;
      if (terminatorAt + 1 - pos > this.maxMessageBytes) {
        this.reportOversize(messageEnd - pos);
      } else {
        // A slice, not a copy: V8 keeps the chunk's text (one read, 64 KiB at most) while the message or
        // a long value read from it is kept. Copying every message costs more than a tenth of the parse.
        this.onMessage(AmiMessage.fromRawBlock(text, pos, terminatorAt + 1));
      }
      pos = messageEnd;
    }
    return start + pos;
  }

  /** Drops the oversize message's bytes held so far (all but two) and skips the rest up to its end. */
  private beginDiscarding(pendingBytes: number, end: number): number {
    const keep = Math.min(2, pendingBytes);
    this.mode = 'discarding';
    this.searched = 0;
    this.reportOversize(pendingBytes - keep);
    return end - keep;
  }

  private reportOversize(droppedBytes: number): void {
    this.onOversize?.(droppedBytes);
  }

  private deliverBanner(data: Buffer, start: number, end: number): void {
    const lineEnd = end > start && data[end - 1] === CR ? end - 1 : end;
    this.onBanner?.(data.toString('utf8', start, lineEnd));
  }
}

/** Buffer's own latin1 decoder (what `toString('latin1', start, end)` calls), without the argument checks. */
function latin1(data: Buffer, start: number, end: number): string {
  return (data as Buffer & { latin1Slice(start: number, end: number): string }).latin1Slice(start, end);
}

/**
 * Where old Command output ends: at `--END COMMAND--` and the blank line after it, or at the next message
 * when the marker never came. Undefined while neither has arrived.
 */
function findCommandOutputEnd(
  text: string,
  pos: number,
  ends: MessageEnds,
): { outputEnd: number; messageEnd: number } | undefined {
  const markerAt = text.indexOf(END_COMMAND, pos);
  NEXT_MESSAGE.lastIndex = pos;
  const next = NEXT_MESSAGE.exec(text);
  if (next !== null && (markerAt === -1 || next.index < markerAt)) {
    return { outputEnd: next.index + 1, messageEnd: NEXT_MESSAGE.lastIndex };
  }
  if (markerAt === -1) return undefined;
  const terminatorAt = ends.find(markerAt + END_COMMAND.length);
  return terminatorAt === -1 ? undefined : { outputEnd: markerAt, messageEnd: ends.endAfter(terminatorAt) };
}

/**
 * Where messages end in one text: the LF of a message's last line, then an empty line, CRLF (`\n\r\n`)
 * or a bare LF (`\n\n`, as in Asterisk 18.19/20.4's `\r\n\n` and Park's stray LF). Two substring
 * searches cost less than one regular expression (`/\n\r?\n/` reads every byte; `indexOf` jumps from LF
 * to LF with memchr): the bare-LF search runs ahead once and its answer is kept until a search passes it,
 * so a text without one pays one scan for it, not one per message.
 */
class MessageEnds {
  private text = '';
  /** The first `\n\n` at or after `bareFrom`, or -1 when there is none; unknown while `bareFrom` is -1. */
  private bareAt = -1;
  private bareFrom = -1;

  reset(text: string): void {
    this.text = text;
    this.bareFrom = -1;
  }

  /** Where the first message end at or after `from` starts (its last line's LF), or -1. */
  find(from: number): number {
    const text = this.text;
    if (this.bareFrom === -1 || from < this.bareFrom || (this.bareAt !== -1 && this.bareAt < from)) {
      BARE_END.lastIndex = from;
      this.bareAt = BARE_END.test(text) ? BARE_END.lastIndex - 2 : -1;
      this.bareFrom = from;
    }
    const crlfAt = text.indexOf('\n\r\n', from);
    if (this.bareAt === -1) return crlfAt;
    return crlfAt === -1 || this.bareAt < crlfAt ? this.bareAt : crlfAt;
  }

  /** The offset just after the message end that `find` gave. */
  endAfter(terminatorAt: number): number {
    return terminatorAt + (this.text.charCodeAt(terminatorAt + 1) === CR ? 3 : 2);
  }
}

/**
 * Old-style Command reply: `Response: Follows`, `Privilege`, `ActionID`, then the CLI's own lines
 * (which may hold colons and blank lines) up to `--END COMMAND--`. `text` stops before the marker.
 */
function parseCommandOutput(text: string): AmiMessage {
  const headers: AmiHeader[] = [];
  const rawLines: string[] = [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  let inHeaders = true;
  for (const rawLine of lines) {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    const colon = line.indexOf(':');
    if (inHeaders && colon > 0 && FOLLOWS_HEADER_NAMES.has(line.slice(0, colon).toLowerCase())) {
      headers.push([line.slice(0, colon), line.slice(line.charCodeAt(colon + 1) === SPACE ? colon + 2 : colon + 1)]);
      continue;
    }
    inHeaders = false;
    rawLines.push(line);
  }
  return new AmiMessage(headers, rawLines);
}
