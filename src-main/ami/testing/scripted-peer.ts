import { createHash } from 'node:crypto';
import net from 'node:net';
import tls from 'node:tls';
import { AmiMessage, type AmiHeader } from '../message';
import { AmiFrameParser } from '../parser';
import { serializeMessage } from '../serialize';

/** What the peer does with one incoming action; return 'default' to fall back to the standard answers. */
export type ActionScript = (action: AmiMessage, peer: PeerConnection) => void | 'default';

export interface ScriptedPeerOptions {
  /** Sent on connect; default `Asterisk Call Manager/9.0.0\r\n`. */
  banner?: string;
  username?: string;
  secret?: string;
  /** The MD5 challenge handed out; default `123`. */
  challenge?: string;
  onAction?: ActionScript;
  onConnection?: (peer: PeerConnection) => void;
  /** Serve AMI over TLS with this key and certificate (PEM). */
  tls?: { key: string | Buffer; cert: string | Buffer };
}

/** One accepted client socket, seen from the server side. */
export class PeerConnection {
  readonly actions: AmiMessage[] = [];
  readonly received: Buffer[] = [];

  constructor(readonly socket: net.Socket) {}

  send(bytes: string | Uint8Array): void {
    if (!this.socket.destroyed) this.socket.write(bytes);
  }

  /** Answers an action, echoing its ActionID after `Response`, as Asterisk does. */
  reply(action: AmiMessage, headers: readonly AmiHeader[] | Record<string, string>): void {
    this.send(serializeMessage(withActionId(toHeaders(headers), action.actionId)));
  }

  event(headers: readonly AmiHeader[] | Record<string, string>): void {
    this.send(serializeMessage(toHeaders(headers)));
  }

  /** Stops reading the socket, like a PBX that is stuck: the client's writes back up. */
  stopReading(): void {
    this.socket.pause();
  }

  resumeReading(): void {
    this.socket.resume();
  }

  /** FIN, like Asterisk after Logoff or a failed login. */
  end(): void {
    this.socket.end();
  }

  /** RST: the connection reset by the peer. */
  reset(): void {
    this.socket.resetAndDestroy();
  }

  get receivedText(): string {
    return Buffer.concat(this.received).toString('utf8');
  }
}

export interface ScriptedPeer {
  host: string;
  port: number;
  connections: PeerConnection[];
  /** Resolves with the n-th connection (1-based) once it is accepted. */
  connection(n: number): Promise<PeerConnection>;
  close(): Promise<void>;
}

/** A loopback AMI peer for the client's tests: standard Login/Challenge/Ping/Logoff answers plus a script. */
export async function startScriptedPeer(options: ScriptedPeerOptions = {}): Promise<ScriptedPeer> {
  const connections: PeerConnection[] = [];
  const waiters: Array<() => void> = [];
  const onSocket = (socket: net.Socket) => {
    const peer = new PeerConnection(socket);
    connections.push(peer);
    socket.on('error', () => undefined);
    const parser = new AmiFrameParser({
      onMessage: (action) => {
        peer.actions.push(action);
        if (options.onAction?.(action, peer) === 'default' || options.onAction === undefined) {
          answerStandard(action, peer, options);
        }
      },
    });
    socket.on('data', (chunk: Buffer) => {
      peer.received.push(chunk);
      parser.push(chunk);
    });
    peer.send(options.banner ?? 'Asterisk Call Manager/9.0.0\r\n');
    options.onConnection?.(peer);
    for (const wake of waiters.splice(0)) wake();
  };
  const server =
    options.tls === undefined
      ? net.createServer(onSocket)
      : tls.createServer({ key: options.tls.key, cert: options.tls.cert }, onSocket);
  // A client that rejects the certificate aborts the handshake: not the peer's error.
  server.on('tlsClientError', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;

  return {
    host: '127.0.0.1',
    port,
    connections,
    async connection(n) {
      while (connections.length < n) await new Promise<void>((resolve) => waiters.push(resolve));
      return connections[n - 1]!;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const peer of connections) peer.socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function answerStandard(action: AmiMessage, peer: PeerConnection, options: ScriptedPeerOptions): void {
  const username = options.username ?? 'demo';
  const secret = options.secret ?? 'demo';
  const challenge = options.challenge ?? '123';
  switch (action.get('Action')?.toLowerCase()) {
    case 'challenge':
      peer.reply(action, { Response: 'Success', Challenge: challenge });
      return;
    case 'login': {
      const expectedKey = createHash('md5')
        .update(challenge + secret)
        .digest('hex');
      const accepted =
        action.get('Username') === username &&
        (action.get('AuthType')?.toLowerCase() === 'md5'
          ? action.get('Key') === expectedKey
          : action.get('Secret') === secret);
      if (accepted) {
        peer.reply(action, { Response: 'Success', Message: 'Authentication accepted' });
        peer.event({
          Event: 'FullyBooted',
          Privilege: 'system,all',
          Uptime: '10',
          LastReload: '10',
          Status: 'Fully Booted',
        });
      } else {
        peer.reply(action, { Response: 'Error', Message: 'Authentication failed' });
        peer.end();
      }
      return;
    }
    case 'ping':
      peer.reply(action, { Response: 'Success', Ping: 'Pong', Timestamp: '1795378952.057955' });
      return;
    case 'logoff':
      peer.reply(action, { Response: 'Goodbye', Message: 'Thanks for all the fish.' });
      peer.end();
      return;
    default:
      peer.reply(action, { Response: 'Error', Message: 'Invalid/unknown command' });
  }
}

function toHeaders(headers: readonly AmiHeader[] | Record<string, string>): AmiHeader[] {
  return Array.isArray(headers) ? [...(headers as readonly AmiHeader[])] : Object.entries(headers);
}

function withActionId(headers: AmiHeader[], actionId: string | undefined): AmiHeader[] {
  if (actionId === undefined || headers.some(([name]) => name.toLowerCase() === 'actionid')) return headers;
  const [first, ...rest] = headers;
  return first === undefined ? [['ActionID', actionId]] : [first, ['ActionID', actionId], ...rest];
}
