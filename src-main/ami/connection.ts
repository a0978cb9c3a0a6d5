import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import tls from 'node:tls';
import type { AmiActionErrorCode } from './action-error';
import { failureFromSocketError, linkFailure, type AmiFailure } from './failure';
import type { AmiMessage } from './message';
import { AmiFrameParser } from './parser';
import type { ActionRequest } from './request';
import { AmiInjectionError } from './serialize';

export interface TlsOptions {
  caFile?: string;
  serverName?: string;
  rejectUnauthorized?: boolean;
}

export interface ConnectionOptions {
  host: string;
  port: number;
  tls?: TlsOptions;
  maxMessageBytes: number;
}

export interface ConnectionHandlers {
  onBanner(line: string): void;
  /** Events that are not items of a list in flight. */
  onEvent(event: AmiMessage): void;
  onProtocolError(message: string): void;
  /** Called once, after every request still held has been failed. */
  onClose(failure: AmiFailure): void;
}

/**
 * One socket's life: framing, ActionIDs (a random prefix and a counter, so ids never repeat across
 * connections), replies matched by ActionID, writes held back while the socket buffer is full.
 */
export class AmiConnection {
  readonly where: string;
  private readonly socket: net.Socket;
  private readonly parser: AmiFrameParser;
  private readonly idPrefix = randomBytes(4).toString('hex');
  private nextId = 1;
  private readonly inFlight = new Map<string, ActionRequest>();
  /** Requests waiting for the socket to drain, in call order. */
  private readonly backlog: ActionRequest[] = [];
  private draining = false;
  private listsInFlight = 0;
  private closeReason: AmiFailure | undefined;
  private closed = false;

  constructor(
    options: ConnectionOptions,
    private readonly handlers: ConnectionHandlers,
  ) {
    this.where = `${options.host}:${options.port}`;
    this.parser = new AmiFrameParser({
      expectBanner: true,
      maxMessageBytes: options.maxMessageBytes,
      onBanner: (line) => this.handlers.onBanner(line),
      onMessage: (message) => this.route(message),
      onOversize: (dropped) =>
        this.handlers.onProtocolError(
          `A message larger than ${options.maxMessageBytes} bytes was dropped (${dropped} bytes so far).`,
        ),
    });
    this.socket = openSocket(options, (failure) => this.abort(failure));
    this.socket.setNoDelay(true);
    this.socket.on('data', this.onData);
    this.socket.on('drain', this.onDrain);
    this.socket.on('error', this.onError);
    this.socket.on('close', this.onSocketClose);
  }

  /** Requests written and not yet answered. */
  get inFlightCount(): number {
    return this.inFlight.size;
  }

  /** Requests held back until the socket drains. */
  get heldCount(): number {
    return this.backlog.length;
  }

  /** Bytes written but still in Node's buffer, not yet taken by the kernel. */
  get unsentBytes(): number {
    return this.socket.writableLength;
  }

  /** Bytes the parser has allocated to hold a message still arriving. */
  get inboundBufferBytes(): number {
    return this.parser.capacityBytes;
  }

  get socketListenerCount(): number {
    return this.socket.eventNames().reduce((sum, name) => sum + this.socket.listenerCount(name), 0);
  }

  /** Writes the request, or holds it until the socket drains. A request AMI cannot carry fails, unwritten. */
  send(request: ActionRequest): void {
    if (this.closed) throw new Error('send on a closed AMI connection');
    if (this.draining) {
      this.backlog.push(request);
      request.onSettled = () => removeFrom(this.backlog, request);
      return;
    }
    this.write(request);
  }

  /** Remembers why the link is about to close (e.g. `Shutdown`), unless a reason is already known. */
  expectClose(reason: AmiFailure): void {
    this.closeReason ??= reason;
  }

  /** Fails every request written or held on this connection, e.g. when the console disconnects on purpose. */
  failInFlight(code: AmiActionErrorCode, message: (action: string) => string): void {
    for (const request of [...this.inFlight.values(), ...this.backlog]) request.fail(code, message(request.action));
  }

  /** Closes now; every request held fails. */
  abort(reason: AmiFailure): void {
    this.closeReason ??= reason;
    this.socket.destroy();
  }

  private write(request: ActionRequest): void {
    const actionId = `${this.idPrefix}-${this.nextId++}`;
    let bytes: Buffer;
    try {
      bytes = request.encode(actionId);
    } catch (error) {
      if (!(error instanceof AmiInjectionError)) throw error;
      request.fail(error.code, error.message);
      return;
    }
    this.inFlight.set(actionId, request);
    request.phase = 'sent';
    const isList = request.shape === 'list';
    if (isList) this.listsInFlight++;
    request.onSettled = () => {
      this.inFlight.delete(actionId);
      if (isList) this.listsInFlight--;
    };
    if (!this.socket.write(bytes)) this.draining = true;
  }

  private route(message: AmiMessage): void {
    // Events come first and by the thousand: their ActionID is only looked at while a list is collecting.
    if (message.event !== undefined) {
      const request = this.listsInFlight > 0 ? this.requestFor(message) : undefined;
      if (request?.shape === 'list') request.acceptListEvent(message);
      else this.handlers.onEvent(message);
      return;
    }
    if (message.response !== undefined) {
      const request = this.requestFor(message);
      if (request !== undefined) request.acceptResponse(message);
      else
        this.handlers.onProtocolError(`A reply for an unknown ActionID (${message.actionId ?? 'none'}) was ignored.`);
      return;
    }
    this.handlers.onProtocolError('A message with neither Response nor Event was ignored.');
  }

  private requestFor(message: AmiMessage): ActionRequest | undefined {
    const actionId = message.actionId;
    return actionId === undefined ? undefined : this.inFlight.get(actionId);
  }

  private readonly onData = (chunk: Buffer): void => {
    this.parser.push(chunk);
  };

  private readonly onDrain = (): void => {
    this.draining = false;
    while (!this.draining && this.backlog.length > 0) {
      const request = this.backlog.shift()!;
      request.onSettled = undefined;
      this.write(request);
    }
  };

  private readonly onError = (error: Error): void => {
    this.closeReason ??= failureFromSocketError(error, this.where);
  };

  private readonly onSocketClose = (): void => {
    this.closed = true;
    this.socket.off('data', this.onData);
    this.socket.off('drain', this.onDrain);
    this.socket.off('close', this.onSocketClose);
    // Keep the error listener: a destroyed socket may still report an error, which must not go unhandled.
    const reason = this.closeReason ?? linkFailure('closedByPeer', this.where);
    for (const request of [...this.inFlight.values()]) {
      request.fail(
        'outcomeUnknown',
        `The PBX link dropped before ${request.action} was answered; it may or may not have been carried out.`,
      );
    }
    for (const request of [...this.backlog]) {
      request.fail('notSent', `${request.action} was not sent: the PBX link dropped.`);
    }
    this.handlers.onClose(reason);
  };
}

function openSocket(options: ConnectionOptions, onSetupFailure: (failure: AmiFailure) => void): net.Socket {
  if (options.tls === undefined) return net.connect({ host: options.host, port: options.port });
  const where = `${options.host}:${options.port}`;
  let ca: Buffer | undefined;
  try {
    ca = options.tls.caFile === undefined ? undefined : readFileSync(options.tls.caFile);
  } catch (error) {
    const socket = new net.Socket();
    queueMicrotask(() =>
      onSetupFailure(linkFailure('tls', where, `the CA file cannot be read: ${(error as Error).message}`)),
    );
    return socket;
  }
  return tls.connect({
    host: options.host,
    port: options.port,
    ca,
    servername: options.tls.serverName ?? (net.isIP(options.host) ? undefined : options.host),
    rejectUnauthorized: options.tls.rejectUnauthorized ?? true,
  });
}

function removeFrom<T>(list: T[], item: T): void {
  const index = list.indexOf(item);
  if (index !== -1) list.splice(index, 1);
}
