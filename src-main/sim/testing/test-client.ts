/**
 * A bare AMI client for the simulator's own tests: raw socket, the shared frame parser, replies
 * found by ActionID. (The real client lives in src-main/ami; this one must stay dumb on purpose.)
 */
import { connect, type Socket } from 'node:net';
import { AmiFrameParser } from '../../ami/parser';
import type { AmiMessage } from '../../ami/message';
import { serializeAction } from '../../ami/serialize';

type Waiter = { match: (m: AmiMessage) => boolean; resolve: (m: AmiMessage) => void };

export class RawAmiClient {
  readonly messages: AmiMessage[] = [];
  readonly chunks: Buffer[] = [];
  banner = '';
  oversize = 0;
  private waiters: Waiter[] = [];
  private bannerSeen: (() => void) | undefined;
  readonly bannerReceived: Promise<void> = new Promise((resolve) => (this.bannerSeen = resolve));
  private seq = 0;
  readonly closed: Promise<void>;

  private constructor(readonly socket: Socket) {
    const parser = new AmiFrameParser({
      expectBanner: true,
      onBanner: (line) => {
        this.banner = line;
        this.bannerSeen?.();
      },
      onOversize: (n) => (this.oversize += n),
      onMessage: (m) => {
        this.messages.push(m);
        for (const w of [...this.waiters]) {
          if (w.match(m)) {
            this.waiters.splice(this.waiters.indexOf(w), 1);
            w.resolve(m);
          }
        }
      },
    });
    socket.on('data', (chunk: Buffer) => {
      this.chunks.push(chunk);
      parser.push(chunk);
    });
    this.closed = new Promise((resolve) => socket.on('close', () => resolve()));
    socket.on('error', () => undefined);
  }

  static connect(port: number, host = '127.0.0.1'): Promise<RawAmiClient> {
    return new Promise((resolve, reject) => {
      const socket = connect({ port, host }, () => resolve(new RawAmiClient(socket)));
      socket.once('error', reject);
    });
  }

  get events(): AmiMessage[] {
    return this.messages.filter((m) => m.event !== undefined);
  }

  /** Concatenated bytes received so far. */
  get received(): Buffer {
    return Buffer.concat(this.chunks);
  }

  writeRaw(text: string | Buffer): void {
    this.socket.write(text);
  }

  nextActionId(): string {
    return `t-${++this.seq}`;
  }

  send(
    action: string,
    headers: Record<string, string> | readonly (readonly [string, string])[] = {},
    actionId = this.nextActionId(),
  ): string {
    const list = Array.isArray(headers) ? headers : Object.entries(headers);
    this.socket.write(serializeAction(action, list as [string, string][], actionId));
    return actionId;
  }

  waitFor(match: (m: AmiMessage) => boolean, timeoutMs = 5000, includePast = true): Promise<AmiMessage> {
    if (includePast) {
      const found = this.messages.find(match);
      if (found) return Promise.resolve(found);
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { match, resolve };
      this.waiters.push(waiter);
      setTimeout(() => {
        const at = this.waiters.indexOf(waiter);
        if (at >= 0) {
          this.waiters.splice(at, 1);
          reject(new Error(`timed out waiting (${this.messages.length} messages so far)`));
        }
      }, timeoutMs);
    });
  }

  waitForEvent(name: string, where: (m: AmiMessage) => boolean = () => true, timeoutMs = 5000): Promise<AmiMessage> {
    return this.waitFor((m) => m.event === name && where(m), timeoutMs);
  }

  /** Sends an action and resolves with the response carrying its ActionID. */
  async action(
    action: string,
    headers: Record<string, string> | readonly (readonly [string, string])[] = {},
    timeoutMs = 5000,
  ): Promise<AmiMessage> {
    const id = this.send(action, headers);
    return this.waitFor((m) => m.response !== undefined && m.actionId === id, timeoutMs);
  }

  /** Sends a list action and waits for its `…Complete` event. */
  async list(action: string, headers: Record<string, string> = {}, complete = `${action}Complete`) {
    const id = this.send(action, headers);
    const response = await this.waitFor((m) => m.response !== undefined && m.actionId === id);
    const done = await this.waitFor((m) => m.event === complete && m.actionId === id);
    const items = this.messages.filter((m) => m.actionId === id && m.event !== undefined && m !== done);
    return { response, items, complete: done };
  }

  async login(username = 'demo', secret = 'demo', extra: Record<string, string> = {}): Promise<AmiMessage> {
    return this.action('Login', { Username: username, Secret: secret, ...extra });
  }

  close(): void {
    this.socket.destroy();
  }
}
