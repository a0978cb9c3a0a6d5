import { createRequire } from 'node:module';
import net from 'node:net';
import { AmiClient } from '../../src-main/ami/client';

const require = createRequire(import.meta.url);

/** Called once per event with the three fields the checksum covers. */
export interface EventSink {
  /** A parsed event: counted and folded into the checksum. */
  (event: string | undefined, uniqueid: string | undefined, callerIdName: string | undefined): void;
  /** A message end seen by the raw baseline, which parses nothing: counted only. */
  countOnly(): void;
}

/** Connects, logs in and resolves once the client reports it is logged in; events go to the sink. */
export type ClientAdapter = (host: string, port: number, sink: EventSink) => Promise<void>;

export const USER = 'bench';
export const SECRET = 'bench';

type PlainEvent = Record<string, string | undefined>;

/** Peers spell keys as sent, lower-cased, or camel-cased; look them up the same way for all. */
function field(event: PlainEvent, name: string): string | undefined {
  const exact = event[name];
  if (exact !== undefined) return exact;
  const lower = name.toLowerCase();
  if (event[lower] !== undefined) return event[lower];
  for (const key in event) if (key.toLowerCase() === lower) return event[key];
  return undefined;
}

function sinkPlain(sink: EventSink) {
  return (event: PlainEvent) => sink(field(event, 'Event'), field(event, 'Uniqueid'), field(event, 'CallerIDName'));
}

export const adapters: Record<string, ClientAdapter> = {
  ours: (host, port, sink) =>
    new Promise((resolve) => {
      const client = new AmiClient({ host, port, username: USER, secret: SECRET, keepalive: false, reconnect: false });
      client.on('event', (m) => sink(m.event, m.get('Uniqueid'), m.get('CallerIDName')));
      client.once('ready', () => resolve());
      client.start();
    }),

  'asterisk.io': (host, port, sink) =>
    new Promise((resolve) => {
      const ami = require('asterisk.io').ami(host, port, USER, SECRET);
      ami.on('error', () => undefined);
      ami.on('eventAny', sinkPlain(sink));
      ami.on('ready', () => resolve());
    }),

  yana: (host, port, sink) =>
    new Promise((resolve) => {
      const Yana = require('yana');
      const ami = new Yana({ host, port, login: USER, password: SECRET, events: true });
      ami.on('error', () => undefined);
      ami.on('event', sinkPlain(sink));
      ami.connect(() => resolve());
    }),

  'ami-io': (host, port, sink) =>
    new Promise((resolve) => {
      const AmiIo = require('ami-io');
      const ami = AmiIo.createClient({
        host,
        port,
        login: USER,
        password: SECRET,
        encoding: 'utf8',
        logger: new AmiIo.SilentLogger(),
      });
      ami.on('event', sinkPlain(sink));
      ami.on('connected', () => resolve());
      ami.connect();
    }),

  'asterisk-manager': (host, port, sink) =>
    new Promise((resolve) => {
      const ami = require('asterisk-manager')(port, host, USER, SECRET, true);
      ami.on('managerevent', sinkPlain(sink));
      ami.once('response', () => resolve());
    }),

  'asterisk-ami-client': (host, port, sink) => {
    const AmiClientPeer = require('asterisk-ami-client');
    const ami = new AmiClientPeer({ reconnect: false, keepAlive: false, emitEventsByTypes: false });
    ami.on('event', sinkPlain(sink));
    return ami.connect(USER, SECRET, { host, port }).then(() => undefined);
  },

  /** The floor: read the socket and count message ends (`\r\n\r\n`), parse nothing. */
  raw: (host, port, sink) =>
    new Promise((resolve) => {
      const socket = net.connect(port, host);
      let loggedIn = false;
      let tail = Buffer.alloc(0);
      const count = () => {
        if (loggedIn) sink.countOnly();
        else {
          loggedIn = true;
          resolve();
        }
      };
      socket.on('data', (chunk: Buffer) => {
        // A terminator straddling two chunks: look at the last 3 bytes before and the first 3 after.
        const seam = Buffer.concat([tail, chunk.subarray(0, 3)]);
        const seamAt = seam.indexOf('\r\n\r\n');
        if (seamAt !== -1 && seamAt < tail.length) count();
        for (let at = chunk.indexOf('\r\n\r\n'); at !== -1; at = chunk.indexOf('\r\n\r\n', at + 4)) count();
        tail = Buffer.from(chunk.subarray(Math.max(0, chunk.length - 3)));
      });
      socket.once('data', () => socket.write(`Action: Login\r\nUsername: ${USER}\r\nSecret: ${SECRET}\r\n\r\n`));
    }),
};
