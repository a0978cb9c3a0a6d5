/** One `Name: value` line of an AMI message, in the order Asterisk sent it. */
export type AmiHeader = readonly [name: string, value: string];

/**
 * A message as Asterisk framed it: an ordered list of headers (repeated names kept,
 * e.g. `Variable`, `ChanVariable`, `Output`), plus any lines that had no colon
 * (old-style `Response: Follows` command output, or stray text).
 * Look-ups are case-insensitive, as Asterisk's own are.
 */
export class AmiMessage {
  constructor(
    readonly headers: readonly AmiHeader[],
    readonly rawLines: readonly string[] = [],
  ) {}

  /** The first value of a header, or undefined when absent. */
  get(name: string): string | undefined {
    const wanted = name.toLowerCase();
    for (const [key, value] of this.headers) if (key.toLowerCase() === wanted) return value;
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
}
