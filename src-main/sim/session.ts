/**
 * One AMI connection: framing in (the shared AmiFrameParser), login state, the event mask and
 * filters, and every byte out (through the fault switches: stall, byte-by-byte).
 */
import type { Socket } from 'node:net';
import { AmiFrameParser } from '../ami/parser';
import type { AmiHeader, AmiMessage } from '../ami/message';
import { serializeMessage } from '../ami/serialize';
import type { RenderedEvent } from './dialects';
import { allows, type ManagerUser } from './users';

export interface SessionHost {
  handleAction(session: ManagerSession, message: AmiMessage): void;
  sessionClosed(session: ManagerSession): void;
  /** Whether writes are held back (stall fault). */
  isStalled(): boolean;
  splitBytes(): boolean;
}

export class ManagerSession {
  user: ManagerUser | undefined;
  challenge: string | undefined;
  /** Event classes this session asked for: `on` = whatever the user may read. */
  eventMask: 'on' | 'off' | readonly string[] = 'on';
  readonly includeFilters: RegExp[] = [];
  readonly excludeFilters: RegExp[] = [];
  closed = false;
  private readonly parser: AmiFrameParser;
  private readonly heldInput: AmiMessage[] = [];
  private readonly heldOutput: Buffer[] = [];
  private writeChain: Promise<void> = Promise.resolve();

  constructor(
    readonly id: number,
    readonly socket: Socket,
    private readonly host: SessionHost,
  ) {
    this.parser = new AmiFrameParser({
      onMessage: (message) => {
        if (this.host.isStalled()) this.heldInput.push(message);
        else this.host.handleAction(this, message);
      },
    });
    socket.on('data', (chunk: Buffer) => {
      if (!this.closed) this.parser.push(chunk);
    });
    socket.on('close', () => this.markClosed());
    socket.on('error', () => this.markClosed());
  }

  get authenticated(): boolean {
    return this.user !== undefined;
  }

  get remotePort(): number {
    return this.socket.remotePort ?? 0;
  }

  private markClosed(): void {
    if (this.closed) return;
    this.closed = true;
    this.host.sessionClosed(this);
  }

  /** Stall over: answer what arrived meanwhile, flush what was held. */
  resume(): void {
    for (const buf of this.heldOutput.splice(0)) this.writeRaw(buf);
    for (const message of this.heldInput.splice(0)) this.host.handleAction(this, message);
  }

  writeRaw(bytes: Buffer): void {
    if (this.closed || this.socket.destroyed) return;
    if (this.host.isStalled()) {
      this.heldOutput.push(bytes);
      return;
    }
    if (!this.host.splitBytes()) {
      this.socket.write(bytes);
      return;
    }
    // One write per byte, each on its own turn of the event loop.
    this.writeChain = this.writeChain.then(async () => {
      for (let i = 0; i < bytes.length; i++) {
        if (this.closed || this.socket.destroyed) return;
        this.socket.write(bytes.subarray(i, i + 1));
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    });
  }

  send(headers: readonly AmiHeader[]): void {
    this.writeRaw(serializeMessage(headers));
  }

  /** Whether this session gets an event: logged in, class readable and asked for, filters pass. */
  wants(event: RenderedEvent, text: string): boolean {
    if (!this.user || this.closed) return false;
    if (this.eventMask === 'off') return false;
    if (!allows(this.user.read, [event.eventClass])) return false;
    if (this.eventMask !== 'on' && !allows(this.eventMask, [event.eventClass])) return false;
    if (this.includeFilters.length > 0 && !this.includeFilters.some((re) => re.test(text))) return false;
    if (this.excludeFilters.some((re) => re.test(text))) return false;
    return true;
  }

  /** Closes after what was written has gone out. */
  end(): void {
    void this.writeChain.then(() => this.socket.end());
  }

  destroy(): void {
    this.socket.destroy();
    this.markClosed();
  }
}
