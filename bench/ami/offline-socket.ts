import net from 'node:net';
import { answerActions, SLICE_BYTES } from './server';
import { BANNER } from './stream';

/**
 * Replaces the socket under every client in this process: `connect` succeeds at once, the banner and
 * the Login reply come from `answerActions`, then the saved stream is pushed in 64 KiB slices, one per
 * macrotask, as a socket would deliver it. No byte crosses the kernel.
 */
export function installOfflineSocket(stream: Buffer): void {
  const proto = net.Socket.prototype as net.Socket & { _read(size: number): void };
  proto._read = function readNothing() {};
  proto.connect = function fakeConnect(this: net.Socket, ...args: unknown[]) {
    // `net.connect(options, cb)` hands its arguments over as one array; `socket.connect(options, cb)` as a list.
    const given = Array.isArray(args[0]) ? (args[0] as unknown[]) : args;
    const callback = given.find((arg) => typeof arg === 'function') as (() => void) | undefined;
    if (callback !== undefined) this.once('connect', callback);
    const parser = answerActions(
      (bytes) => process.nextTick(() => this.push(bytes)),
      () => void feed(this, stream),
    );
    (this as unknown as { write: (data: unknown, ...rest: unknown[]) => boolean }).write = (
      data: unknown,
      ...rest: unknown[]
    ) => {
      parser.push(typeof data === 'string' ? Buffer.from(data) : (data as Buffer));
      const done = rest.find((arg) => typeof arg === 'function') as (() => void) | undefined;
      done?.();
      return true;
    };
    process.nextTick(() => {
      this.emit('connect');
      this.emit('ready');
      this.push(BANNER);
    });
    return this;
  };
}

async function feed(socket: net.Socket, stream: Buffer): Promise<void> {
  for (let offset = 0; offset < stream.length; offset += SLICE_BYTES) {
    await new Promise((resolve) => setImmediate(resolve));
    socket.push(stream.subarray(offset, offset + SLICE_BYTES));
  }
}
