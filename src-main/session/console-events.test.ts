import { afterEach, describe, expect, it } from 'vitest';
import type { PbxPicture } from '../../src-preload/state';
import { AmiClient } from '../ami/client';
import { ProfileDraftSchema, type UserProfile } from '../../src-shared/profile';
import { MAX_LINE_BYTES } from '../../src-shared/line-limit';
import { PictureStore } from '../pbx/picture-store';
import { sessionOnTrace } from '../pbx/testing/trace-session';
import { readTrace } from '../pbx/testing/traces';
import { startSimulatedPbx, type SimulatedPbx } from '../sim';
import { generatedOffice } from '../sim/office';
import { runScenario } from '../sim/scenarios';
import { posixExtendedRegExp } from '../sim/posix-regex';
import { CONSOLE_EVENT_FILTERS, LOGIN_EVENT_CLASSES } from './console-events';
import { clientOptionsFor, openSession } from './login';
import type { PbxSession } from './pbx-session';

const TRACES = [
  ...Array.from({ length: 14 }, (_, i) => String(7 + i).padStart(2, '0')),
  'receptionist/21',
  'receptionist/22',
  'receptionist/23',
  'receptionist/24',
  'receptionist/25',
];
const TRACE_FILES: Readonly<Record<string, string>> = {
  '07': '07-originate-bridge',
  '08': '08-originate-failures',
  '09': '09-redirect',
  '10': '10-blindtransfer',
  '11': '11-atxfer',
  '12': '12-park-pickup',
  '13': '13-park-timeout',
  '14': '14-mixmonitor',
  '15': '15-monitor',
  '16': '16-queue',
  '17': '17-mwi',
  '18': '18-events-filter',
  '19': '19-presence',
  '20': '20-shutdown',
  'receptionist/21': 'receptionist/21-chanspy',
  'receptionist/22': 'receptionist/22-presence-dnd-set',
  'receptionist/23': 'receptionist/23-queue-operations',
  'receptionist/24': 'receptionist/24-ringgroup-and-pickup',
  'receptionist/25': 'receptionist/25-names-and-directory',
};

/** The picture without what differs between two sessions by construction: main-issued ids and clock times. */
function shapeOf(picture: PbxPicture) {
  const sorted = <T>(items: T[]) => items.map((item) => JSON.stringify(item)).sort();
  return {
    extensions: sorted(Object.values(picture.extensions)),
    calls: sorted(
      Object.values(picture.calls).map((call) => ({
        state: call.state,
        direction: call.direction,
        answered: call.answeredAt !== undefined,
        parties: call.parties.map(({ partyId: _id, ...party }) => party),
      })),
    ),
    parked: sorted(
      Object.values(picture.parked).map(({ slot, lot, callId, parkee, parkedBy }) => ({
        slot,
        lot,
        hasCall: callId !== undefined,
        parkee,
        parkedBy,
      })),
    ),
    queues: sorted(
      Object.values(picture.queues).map(({ name, completed, abandoned, callers, members }) => ({
        name,
        completed,
        abandoned,
        callers: callers.map(({ id: _id, joinedAt: _at, ringing, ...caller }) => ({
          ...caller,
          ringing: ringing.length,
        })),
        members: members.map(({ id: _id, lastCallAt: _at, ...member }) => member),
      })),
    ),
  };
}

const closing: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const one of closing.splice(0)) await one.close();
});

describe('what the console asks the PBX to send', () => {
  it('logs in with the classes it reads, not `on`, and filters within an AMI line each', () => {
    expect(LOGIN_EVENT_CLASSES).toBe('agent,call,system');
    expect(CONSOLE_EVENT_FILTERS.length).toBeGreaterThan(0);
    for (const filter of CONSOLE_EVENT_FILTERS)
      expect(Buffer.byteLength(`Filter: ${filter}\r\n`)).toBeLessThanOrEqual(MAX_LINE_BYTES);
  });

  it('lets an event through by its whole name only: Hangup, not HangupRequest or HangupHandlerRun', () => {
    const passes = (name: string) =>
      CONSOLE_EVENT_FILTERS.some((filter) =>
        posixExtendedRegExp(filter).test(`Event: ${name}\r\nPrivilege: call,all\r\n`),
      );
    expect(['Hangup', 'Newchannel', 'ExtensionStatus', 'OriginateResponse', 'Shutdown'].filter(passes)).toHaveLength(5);
    expect(
      ['HangupRequest', 'HangupHandlerRun', 'VarSet', 'Newexten', 'DTMFEnd', 'RTCPSent', 'Cdr'].filter(passes),
    ).toEqual([]);
  });

  it('spells every event it reads as the real Asterisk 20 does (its filters match case by case)', () => {
    const spelt = new Map<string, string>();
    for (const trace of Object.values(TRACE_FILES))
      for (const { message } of readTrace(trace))
        if (message.event) spelt.set(message.event.toLowerCase(), message.event);
    const declared = CONSOLE_EVENT_FILTERS.flatMap((filter) => /\(([^)]*)\)/.exec(filter)![1]!.split('|'));
    const misspelt = declared.filter((name) => spelt.has(name.toLowerCase()) && spelt.get(name.toLowerCase()) !== name);
    expect(misspelt).toEqual([]);
  });
});

describe('the picture through the filtered stream is the picture of every event', () => {
  it.each(TRACES)('trace %s', async (key) => {
    const trace = readTrace(TRACE_FILES[key]!);
    const filtered = await sessionOnTrace(trace);
    const everything = await sessionOnTrace(trace, { sends: 'everything' });
    closing.push(filtered, everything);
    expect(filtered.received('Filter').map((action) => action.get('Filter'))).toEqual(CONSOLE_EVENT_FILTERS);
    expect(filtered.received('Login')[0]?.get('Events')).toBe(LOGIN_EVENT_CLASSES);
    // At twenty moments through the trace, and at its end.
    const end = trace.at(-1)?.t ?? 0;
    for (let step = 1; step <= 20; step++) {
      const until = step === 20 ? Infinity : (end * step) / 20;
      await Promise.all([filtered.playUntil(until), everything.playUntil(until)]);
      expect(shapeOf(filtered.store.snapshot()), `${key} at ${Math.round(until)} ms`).toEqual(
        shapeOf(everything.store.snapshot()),
      );
    }
  });

  it('busy office: a console logged in as shipped and one reading every event see the same board and calls', async () => {
    // `nosystem` may not write Filter (its Filter is refused, as for such a user on Asterisk) and logs in with `on`.
    const users = [
      { username: 'desk', secret: 'desk', read: ['all'], write: ['all'] },
      { username: 'nosystem', secret: 'nosystem', read: ['all'], write: ['call', 'originate', 'agent', 'reporting'] },
    ];
    const pbx = await startSimulatedPbx({ port: 0, users, office: generatedOffice(60), answerDelayMs: 100 });
    closing.push(pbx);
    const shipped = await consoleOn(pbx, 'desk');
    const everything = await consoleOn(pbx, 'nosystem', { events: 'on' });
    // Calls that stay up (a minute or two each), so that the picture compared holds live calls.
    const office = runScenario(pbx, 'busy-office', 7, {
      callsPerMinute: 600,
      talkSeconds: [60, 120],
      flickersPerSecond: 20,
    });
    await new Promise((resolve) => setTimeout(resolve, 3000));
    office.stop();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await Promise.all([shipped.link.action('Ping'), everything.link.action('Ping')]);
    expect(pbx.actionsReceived.filter((entry) => entry.action.get('Action') === 'Filter')).toHaveLength(
      2 * CONSOLE_EVENT_FILTERS.length,
    );
    expect(shapeOf(shipped.store.snapshot())).toEqual(shapeOf(everything.store.snapshot()));
    // The filter did filter: events the console never reads reached only the console that asked for everything.
    expect(everything.eventNames.has('DialState')).toBe(true);
    expect(shipped.eventNames.has('DialState')).toBe(false);
    expect(Object.values(shipped.store.snapshot().extensions)).toHaveLength(60);
    expect(Object.values(shipped.store.snapshot().calls).length).toBeGreaterThan(5);
  });
});

async function consoleOn(pbx: SimulatedPbx, username: string, overrides: { events?: string } = {}) {
  const profile: UserProfile = {
    kind: 'user',
    id: '9b2e4c1a-7d3f-4e8a-b6c5-1f0a2d3e4b5c',
    ...ProfileDraftSchema.parse({ displayName: username, host: pbx.host, port: pbx.port, username }),
  };
  const link = new AmiClient({ ...clientOptionsFor(profile, username), ...overrides });
  const eventNames = new Set<string>();
  link.on('event', (message) => eventNames.add(message.event ?? ''));
  const store = new PictureStore();
  const session: PbxSession = openSession(profile, link, {
    identity: { target: 'sim', profileId: profile.id },
    username,
    store,
    onProgress: () => {},
    onCallRecord: () => {},
  });
  session.start();
  const deadline = Date.now() + 10_000;
  while (session.status.kind !== 'connected') {
    if (Date.now() > deadline) throw new Error(`not connected: ${JSON.stringify(session.status)}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  closing.push({ close: () => session.stop() });
  return { link, store, session, eventNames };
}
