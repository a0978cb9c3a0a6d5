import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { EventChannel } from '../../src-preload/contract';
import type { BridgeClientMessage, BridgeServerMessage } from '../../src-preload/bridge-protocol';
import type { Dispatch, GatekeeperLog, Sender } from './gatekeeper';

/**
 * Serves the built renderer and the contract over a loopback WebSocket, for a browser where no
 * Electron is installed (development, and the Playwright e2e). Only the Electron transport is
 * stood in: the same gatekeeper and services answer. Every connection must carry the random
 * token printed at start, come from the served page's own origin, and name this loopback address
 * as its host (so a web page elsewhere, or one that rebinds its name to 127.0.0.1, is refused).
 */
export interface ContractBridge {
  readonly url: string;
  readonly token: string;
  readonly port: number;
  broadcast(channel: EventChannel, payload: unknown): void;
  close(): Promise<void>;
}

export interface ContractBridgeOptions {
  readonly rendererDir: string;
  readonly log: GatekeeperLog;
  readonly port?: number;
  readonly token?: string;
}

/** The largest message a page may send; the profiles import, the largest, is checked in the page well below. */
const MAX_MESSAGE_BYTES = 1024 * 1024;
const LOOPBACK_NAMES = ['127.0.0.1', 'localhost'];

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export async function startContractBridge(dispatch: Dispatch, options: ContractBridgeOptions): Promise<ContractBridge> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const sockets = new Set<WebSocket>();
  const broadcast = (channel: EventChannel, payload: unknown) => {
    for (const socket of sockets) send(socket, { kind: 'event', channel, payload });
  };
  let nextSender = 1;
  let port = 0;

  const http = createServer((request, response) => {
    if (!namesThisHost(request, port)) {
      response.writeHead(403).end();
      return;
    }
    serveFile(options.rendererDir, request, response).catch((error: unknown) => {
      options.log.error('the bridge could not serve a file', error);
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  http.on('upgrade', (request, socket, head) => {
    socket.on('error', () => socket.destroy());
    if (!hasToken(request, token)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      return;
    }
    if (!namesThisHost(request, port) || request.headers.origin !== `http://${request.headers.host}`) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws));
  });

  wss.on('connection', (ws: WebSocket) => {
    sockets.add(ws);
    const closedListeners: Array<() => void> = [];
    const sender: Sender = {
      id: `bridge-${nextSender++}`,
      send: (channel, payload) => send(ws, { kind: 'event', channel, payload }),
      onClosed: (listener) => closedListeners.push(listener),
    };
    // ws closes the connection itself with 1009 (Message Too Big) for a message over the cap, then reports it here.
    ws.on('error', (error) =>
      options.log.warn(
        error instanceof RangeError
          ? `a page sent a message larger than ${MAX_MESSAGE_BYTES} bytes; its connection was closed`
          : `a page's connection failed: ${error.message}`,
      ),
    );
    ws.on('close', () => {
      sockets.delete(ws);
      for (const listener of closedListeners) listener();
    });
    ws.on('message', (data) => {
      let message: BridgeClientMessage;
      try {
        message = JSON.parse(textOf(data)) as BridgeClientMessage;
      } catch {
        return;
      }
      if (message?.kind !== 'invoke' || typeof message.id !== 'number') return;
      void dispatch(message.channel, message.args, sender).then((result) =>
        send(ws, { kind: 'result', id: message.id, result }),
      );
    });
  });

  await new Promise<void>((resolve) => http.listen(options.port ?? 0, '127.0.0.1', resolve));
  port = (http.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/#token=${token}`,
    token,
    port,
    broadcast,
    async close() {
      for (const socket of sockets) socket.terminate();
      wss.close();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

function send(socket: WebSocket, message: BridgeServerMessage): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
}

function hasToken(request: IncomingMessage, token: string): boolean {
  const offered = new URL(request.url ?? '/', 'http://127.0.0.1').searchParams.get('token') ?? '';
  const [a, b] = [Buffer.from(offered), Buffer.from(token)];
  return a.length === b.length && timingSafeEqual(a, b);
}

/** `Host:` is this server's loopback address and port, as the page's URL names it. */
function namesThisHost(request: IncomingMessage, port: number): boolean {
  return LOOPBACK_NAMES.some((name) => request.headers.host === `${name}:${port}`);
}

/** The request's path, decoded; undefined when it is not a well-formed URL path. */
function requestPath(request: IncomingMessage): string | undefined {
  try {
    return decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
  } catch {
    return undefined;
  }
}

async function serveFile(root: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const pathname = requestPath(request);
  if (pathname === undefined) {
    response.writeHead(400).end();
    return;
  }
  const relative = normalize(pathname === '/' ? '/index.html' : pathname).replace(/^([/\\])+/, '');
  const file = join(root, relative);
  if (!file.startsWith(root.endsWith(sep) ? root : root + sep)) {
    response.writeHead(403).end();
    return;
  }
  try {
    if (!(await stat(file)).isFile()) throw new Error('not a file');
  } catch {
    response.writeHead(404).end();
    return;
  }
  response.writeHead(200, {
    'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  });
  createReadStream(file)
    .on('error', () => response.destroy())
    .pipe(response);
}

/** ws hands a message over as one Buffer, its fragments, or an ArrayBuffer; never as a string. */
function textOf(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return (data instanceof ArrayBuffer ? Buffer.from(data) : data).toString('utf8');
}
