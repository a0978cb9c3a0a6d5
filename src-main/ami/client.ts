import { createHash } from 'node:crypto';
import { AmiActionError, NOT_CONNECTED_MESSAGE } from './action-error';
import { Backoff, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
import { parseBannerVersion } from './banner';
import { AmiConnection, type TlsOptions } from './connection';
import type { EventInterest } from './event-interest';
import { TypedEmitter } from './emitter';
import { isFinalFailure, linkFailure, type AmiFailure } from './failure';
import { DEFAULT_KEEPALIVE, Keepalive, type KeepalivePolicy, type PingOutcome } from './keepalive';
import { isSuccessResponse, type AmiHeader, type AmiMessage } from './message';
import { DEFAULT_MAX_MESSAGE_BYTES } from './parser';
import { ActionRequest, type ListResult, type ReplyShape } from './request';
import { AmiInjectionError, serializeAction } from './serialize';

export type { AmiFailure } from './failure';
export type { ListResult } from './request';

export interface AmiClientOptions {
  host: string;
  port: number;
  /** Present = use TLS (certificate verification on unless rejectUnauthorized is false). */
  tls?: TlsOptions;
  username: string;
  secret: string;
  authType?: 'plain' | 'md5';
  /** Login `Events:` header, default 'on'. */
  events?: string;
  /** Covers TCP connect + banner + login. */
  connectTimeoutMs?: number;
  actionTimeoutMs?: number;
  listTimeoutMs?: number;
  keepalive?: KeepalivePolicy | false;
  reconnect?: BackoffPolicy | false;
  maxMessageBytes?: number;
}

/** The events the link itself reads: a PBX going down says so first. */
export const LINK_EVENTS: EventInterest = { system: ['Shutdown'] };

export type AmiLinkState =
  | { kind: 'idle' }
  | { kind: 'connecting'; attempt: number }
  | { kind: 'connected'; amiVersion: string; username: string }
  | { kind: 'reconnecting'; attempt: number; delayMs: number; reason: AmiFailure }
  | { kind: 'failed'; reason: AmiFailure }
  | { kind: 'closed' };

export interface AmiClientEvents {
  state: AmiLinkState;
  event: AmiMessage;
  ready: { amiVersion: string };
  protocolError: { message: string };
}

export type AmiHeaderInput = readonly AmiHeader[] | Record<string, string | number | readonly string[]>;

export interface ActionOptions {
  timeoutMs?: number;
}

export interface AmiClientDiagnostics {
  /** Actions waiting for a login. */
  queuedActions: number;
  /** Actions written and not yet answered. */
  inFlightActions: number;
  /** Actions held back while the PBX is not reading (the socket buffer is full). */
  heldActions: number;
  /** Bytes written but not yet taken by the kernel: stays small, since actions are held instead. */
  unsentBytes: number;
  /** Bytes the parser holds for a message still arriving: bounded by the message cap. */
  inboundBufferBytes: number;
  /** Listeners on the current socket (0 without one). */
  socketListeners: number;
  /** Connect deadline, reconnect delay and the next keepalive Ping; per-action deadlines go with their actions. */
  timers: number;
}

const DEFAULT_CONNECT_TIMEOUT_MS = 8_000;
const DEFAULT_TIMEOUT_MS: Readonly<Record<ReplyShape, number>> = { response: 10_000, list: 30_000 };
const LOGOFF_TIMEOUT_MS = 1_000;

/**
 * An AMI client for every Asterisk from 1.4 on: logs in, matches replies by ActionID, keeps the link alive
 * and reconnects. Actions given while (re)connecting wait for the login.
 */
export class AmiClient extends TypedEmitter<AmiClientEvents> {
  private linkState: AmiLinkState = { kind: 'idle' };
  private version: string | undefined;
  private connection: AmiConnection | undefined;
  private loggedIn = false;
  private readonly waiting: ActionRequest[] = [];
  private readonly backoff: Backoff;
  private readonly keepalive: Keepalive | undefined;
  private connectTimer: NodeJS.Timeout | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: AmiClientOptions) {
    super();
    this.backoff = new Backoff(options.reconnect === false ? DEFAULT_BACKOFF : (options.reconnect ?? DEFAULT_BACKOFF));
    const keepalivePolicy = options.keepalive === false ? undefined : (options.keepalive ?? DEFAULT_KEEPALIVE);
    this.keepalive =
      keepalivePolicy === undefined
        ? undefined
        : new Keepalive(
            keepalivePolicy,
            (timeoutMs) => this.ping(timeoutMs),
            () => this.declareLinkDead(),
          );
  }

  get state(): AmiLinkState {
    return this.linkState;
  }

  get amiVersion(): string | undefined {
    return this.version;
  }

  start(): void {
    const kind = this.linkState.kind;
    if (kind !== 'idle' && kind !== 'closed' && kind !== 'failed') return;
    this.backoff.reset();
    this.connect(1);
  }

  async stop(): Promise<void> {
    this.clearTimers();
    this.keepalive?.stop();
    this.failWaiting('notSent', (action) => `${action} was not sent: the console disconnected from the PBX.`);
    const connection = this.connection;
    this.connection = undefined;
    this.setState({ kind: 'closed' });
    if (connection === undefined) return;
    const wasLoggedIn = this.loggedIn;
    this.loggedIn = false;
    connection.failInFlight('closed', (action) => `The console disconnected before the PBX answered ${action}.`);
    if (wasLoggedIn) {
      const logoff = new ActionRequest('Logoff', [], 'response', LOGOFF_TIMEOUT_MS);
      connection.send(logoff);
      await logoff.promise.catch(() => undefined);
    }
    connection.abort(linkFailure('closedByPeer', connection.where));
  }

  action(name: string, headers?: AmiHeaderInput, options?: ActionOptions): Promise<AmiMessage> {
    return this.submit(name, headers, 'response', options);
  }

  list(name: string, headers?: AmiHeaderInput, options?: ActionOptions): Promise<ListResult> {
    return this.submit(name, headers, 'list', options);
  }

  /** Runs a CLI command; the output style (`Output:` headers from 14, raw lines before) is read from the reply. */
  async command(cli: string, options?: ActionOptions): Promise<{ response: AmiMessage; output: string[] }> {
    const response = await this.action('Command', [['Command', cli]], options);
    const outputHeaders = response.getAll('Output');
    return { response, output: outputHeaders.length > 0 ? outputHeaders : [...response.rawLines] };
  }

  diagnostics(): AmiClientDiagnostics {
    return {
      queuedActions: this.waiting.length,
      inFlightActions: this.connection?.inFlightCount ?? 0,
      heldActions: this.connection?.heldCount ?? 0,
      unsentBytes: this.connection?.unsentBytes ?? 0,
      inboundBufferBytes: this.connection?.inboundBufferBytes ?? 0,
      socketListeners: this.connection?.socketListenerCount ?? 0,
      timers:
        (this.connectTimer === undefined ? 0 : 1) +
        (this.reconnectTimer === undefined ? 0 : 1) +
        (this.keepalive?.scheduled === true ? 1 : 0),
    };
  }

  private submit<S extends ReplyShape>(
    name: string,
    input: AmiHeaderInput | undefined,
    shape: S,
    options: ActionOptions | undefined,
  ): ActionRequest<S>['promise'] {
    const headers = toHeaders(input);
    try {
      serializeAction(name, headers);
    } catch (error) {
      if (error instanceof AmiInjectionError)
        return Promise.reject(new AmiActionError(error.code, name, error.message));
      throw error;
    }
    const kind = this.linkState.kind;
    if (kind === 'idle' || kind === 'failed' || kind === 'closed') {
      return Promise.reject(new AmiActionError('notConnected', name, NOT_CONNECTED_MESSAGE));
    }
    const clientTimeoutMs = shape === 'list' ? this.options.listTimeoutMs : this.options.actionTimeoutMs;
    const timeoutMs = options?.timeoutMs ?? clientTimeoutMs ?? DEFAULT_TIMEOUT_MS[shape];
    const request = new ActionRequest(name, headers, shape, timeoutMs);
    if (this.loggedIn && this.connection !== undefined) {
      this.connection.send(request);
    } else {
      this.waiting.push(request);
      request.onSettled = () => removeFrom(this.waiting, request);
    }
    return request.promise;
  }

  private connect(attempt: number): void {
    this.setState({ kind: 'connecting', attempt });
    const connection = new AmiConnection(
      {
        host: this.options.host,
        port: this.options.port,
        tls: this.options.tls,
        maxMessageBytes: this.options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES,
      },
      {
        onBanner: (line) => this.onBanner(connection, line),
        onEvent: (event) => this.onEvent(connection, event),
        onProtocolError: (message) => this.emit('protocolError', { message }),
        onClose: (failure) => this.onClose(connection, failure),
      },
    );
    this.connection = connection;
    this.connectTimer = setTimeout(() => {
      this.connectTimer = undefined;
      connection.abort(linkFailure('timeout', connection.where));
    }, this.options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS);
  }

  private onBanner(connection: AmiConnection, line: string): void {
    const version = parseBannerVersion(line);
    if (version === undefined) {
      connection.abort(linkFailure('notAmi', connection.where, line.slice(0, 60)));
      return;
    }
    this.version = version;
    this.login(connection).then(
      (outcome) => {
        if (outcome === 'loggedIn') this.onLoggedIn(connection, version);
      },
      () => undefined,
    );
  }

  private async login(connection: AmiConnection): Promise<'loggedIn' | 'refused'> {
    const { username, secret, authType = 'plain', events = 'on' } = this.options;
    const request = (name: string, headers: AmiHeader[]): Promise<AmiMessage> => {
      const login = new ActionRequest(
        name,
        headers,
        'response',
        this.options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
      );
      connection.send(login);
      return login.promise;
    };
    let credentials: AmiHeader[];
    if (authType === 'md5') {
      const challenge = await request('Challenge', [['AuthType', 'MD5']]);
      if (!isSuccessResponse(challenge)) return this.refuseLogin(connection, challenge);
      const key = createHash('md5')
        .update(`${challenge.get('Challenge') ?? ''}${secret}`)
        .digest('hex');
      credentials = [
        ['AuthType', 'MD5'],
        ['Username', username],
        ['Key', key],
      ];
    } else {
      credentials = [
        ['Username', username],
        ['Secret', secret],
      ];
    }
    let reply: AmiMessage;
    try {
      reply = await request('Login', [...credentials, ['Events', events]]);
    } catch (error) {
      // The schemas refuse such credentials when typed or saved; this stops one that slipped by for good.
      if (error instanceof AmiActionError && (error.code === 'injection' || error.code === 'lineTooLong')) {
        const why =
          error.code === 'injection' ? 'it holds a line break' : 'it is longer than the PBX reads in one line';
        connection.abort(linkFailure('loginUnsendable', connection.where, why));
        return 'refused';
      }
      throw error;
    }
    if (!isSuccessResponse(reply)) return this.refuseLogin(connection, reply);
    return 'loggedIn';
  }

  private refuseLogin(connection: AmiConnection, reply: AmiMessage): 'refused' {
    connection.abort(linkFailure('authFailed', connection.where, reply.get('Message')));
    return 'refused';
  }

  private onLoggedIn(connection: AmiConnection, amiVersion: string): void {
    if (this.connection !== connection) return;
    clearTimeout(this.connectTimer);
    this.connectTimer = undefined;
    this.loggedIn = true;
    this.backoff.reset();
    this.setState({ kind: 'connected', amiVersion, username: this.options.username });
    this.keepalive?.start();
    this.emit('ready', { amiVersion });
    for (const request of this.waiting.splice(0)) {
      request.onSettled = undefined;
      if (this.connection !== connection) break;
      connection.send(request);
    }
  }

  private onEvent(connection: AmiConnection, event: AmiMessage): void {
    if (event.event === 'Shutdown') {
      const restart = event.get('Restart')?.toLowerCase() === 'true';
      connection.expectClose(linkFailure('shutdown', connection.where, restart ? 'restart' : undefined));
    }
    this.emit('event', event);
  }

  private onClose(connection: AmiConnection, failure: AmiFailure): void {
    if (this.connection !== connection) return;
    this.connection = undefined;
    this.keepalive?.stop();
    clearTimeout(this.connectTimer);
    this.connectTimer = undefined;
    const wasLoggedIn = this.loggedIn;
    this.loggedIn = false;
    if (!wasLoggedIn || isFinalFailure(failure) || this.options.reconnect === false) {
      this.failWaiting('notSent', (action) => `${action} was not sent: ${failure.message}`);
    }
    if (isFinalFailure(failure) || this.options.reconnect === false) {
      this.setState({ kind: 'failed', reason: failure });
      return;
    }
    const { attempt, delayMs } = this.backoff.next();
    this.setState({ kind: 'reconnecting', attempt, delayMs, reason: failure });
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      this.connect(attempt + 1);
    }, delayMs);
  }

  private async ping(timeoutMs: number): Promise<PingOutcome> {
    const connection = this.connection;
    if (connection === undefined || !this.loggedIn) return 'abandoned';
    const request = new ActionRequest('Ping', [], 'response', timeoutMs);
    connection.send(request);
    try {
      await request.promise;
      return 'answered';
    } catch (error) {
      return error instanceof AmiActionError && error.code === 'timeout' ? 'unanswered' : 'abandoned';
    }
  }

  private declareLinkDead(): void {
    const connection = this.connection;
    connection?.abort(linkFailure('linkDead', connection.where));
  }

  private failWaiting(code: 'notSent', message: (action: string) => string): void {
    for (const request of this.waiting.splice(0)) {
      request.onSettled = undefined;
      request.fail(code, message(request.action));
    }
  }

  private clearTimers(): void {
    clearTimeout(this.connectTimer);
    clearTimeout(this.reconnectTimer);
    this.connectTimer = undefined;
    this.reconnectTimer = undefined;
  }

  private setState(state: AmiLinkState): void {
    this.linkState = state;
    this.emit('state', state);
  }
}

function toHeaders(input: AmiHeaderInput | undefined): AmiHeader[] {
  if (input === undefined) return [];
  if (Array.isArray(input)) return [...(input as readonly AmiHeader[])];
  const headers: AmiHeader[] = [];
  for (const [name, value] of Object.entries(input as Record<string, string | number | readonly string[]>)) {
    if (Array.isArray(value)) for (const item of value as readonly string[]) headers.push([name, item]);
    else headers.push([name, String(value)]);
  }
  return headers;
}

function removeFrom<T>(list: T[], item: T): void {
  const index = list.indexOf(item);
  if (index !== -1) list.splice(index, 1);
}
