import net from 'node:net';
import { AmiFrameParser } from '../../src-main/ami/parser';
import { serializeMessage } from '../../src-main/ami/serialize';
import { BANNER } from './stream';

export const SLICE_BYTES = 64 * 1024;

/** Answers every action with Success (Login with `Authentication accepted`); after the Login reply, streams `stream`. */
export function answerActions(write: (bytes: Buffer) => void, onLoggedIn: () => void): AmiFrameParser {
  let streaming = false;
  return new AmiFrameParser({
    onMessage: (action) => {
      const isLogin = action.get('Action')?.toLowerCase() === 'login';
      const reply: [string, string][] = [['Response', 'Success']];
      const actionId = action.actionId;
      if (actionId !== undefined) reply.push(['ActionID', actionId]);
      if (isLogin) reply.push(['Message', 'Authentication accepted']);
      write(serializeMessage(reply));
      if (isLogin && !streaming) {
        streaming = true;
        onLoggedIn();
      }
    },
  });
}

/** A loopback AMI server that streams the benchmark's events to each client after it logs in. */
export async function startStreamServer(stream: Buffer): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
    socket.setNoDelay(true);
    const parser = answerActions(
      (bytes) => socket.write(bytes),
      () => streamTo(socket, stream),
    );
    socket.on('data', (chunk: Buffer) => parser.push(chunk));
    socket.write(BANNER);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** One write: the kernel and libuv then move bytes as fast as the reader takes them. */
function streamTo(socket: net.Socket, stream: Buffer): void {
  socket.write(stream);
}
