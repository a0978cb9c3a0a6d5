import { afterEach, describe, expect, it } from 'vitest';
import { AmiClient } from '../../ami/client';
import type { AmiMessage } from '../../ami/message';
import { startSimulatedPbx, type SimDialect, type SimulatedPbx } from '../../sim';
import { generatedOffice } from '../../sim/office';
import { runScenario } from '../../sim/scenarios';
import { DEMO_MANAGER_USER } from '../../sim/users';
import { dialectForAmiVersion } from '../dialect';
import { liveEvents, readTrace } from '../testing/traces';
import { eventAdapterFor } from './adapt';
import type { PbxEvent } from './events';
import { regroupCalls } from './grouping';
import { emptyModel, type PbxModel } from './model';
import { reduceEvents, reduceModel } from './reducer';
import { applyEvent } from './testing/apply-event';

/**
 * The reducer regroups only the calls an event touches; grouping every channel after every event is
 * the definition. Both run side by side over the real traces and the busy office: after each event
 * the models must be equal, ids, order and all.
 */
const TRACES = [
  '07-originate-bridge',
  '08-originate-failures',
  '09-redirect',
  '10-blindtransfer',
  '11-atxfer',
  '12-park-pickup',
  '13-park-timeout',
  '14-mixmonitor',
  '15-monitor',
  '16-queue',
  '17-mwi',
  '18-events-filter',
  '19-presence',
  '20-shutdown',
  'receptionist/21-chanspy',
  'receptionist/22-presence-dnd-set',
  'receptionist/23-queue-operations',
  'receptionist/24-ringgroup-and-pickup',
  'receptionist/25-names-and-directory',
];

const closing: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const close of closing.splice(0).reverse()) await close();
});

/** Plays the messages through both; returns how many events regrouped something and the calls seen at most. */
function playBoth(messages: readonly AmiMessage[], amiVersion: string) {
  const adapt = eventAdapterFor(dialectForAmiVersion(amiVersion));
  let product: PbxModel = emptyModel('t.');
  let definition: PbxModel = product;
  let regroupings = 0;
  let mostCalls = 0;
  messages.forEach((message, index) => {
    for (const event of adapt(message)) {
      const now = 1_000 + index;
      const before = product;
      product = reduceModel(product, event, now);
      const applied = applyEvent(definition, event, now);
      definition = applied === definition ? definition : regroupCalls(applied);
      expect(product, `after message ${index} (${message.event})`).toEqual(definition);
      expect([...product.calls.keys()]).toEqual([...definition.calls.keys()]);
      if (product.calls !== before.calls) regroupings += 1;
      mostCalls = Math.max(mostCalls, product.calls.size);
    }
  });
  return { regroupings, mostCalls };
}

describe('regrouping only the touched calls gives the calls of grouping every channel', () => {
  it.each(TRACES)('trace %s', (trace) => {
    const messages = liveEvents(readTrace(trace)).map(({ message }) => message);
    const { regroupings } = playBoth(messages, '11.0.0');
    if (messages.some((message) => message.event === 'Newchannel')) expect(regroupings).toBeGreaterThan(0);
  });

  it.each<SimDialect>(['asterisk-11', 'asterisk-18'])(
    'busy office on %s: many calls at once, ringing, answered and hung up',
    async (dialect) => {
      const pbx: SimulatedPbx = await startSimulatedPbx({
        port: 0,
        dialect,
        office: generatedOffice(80),
        answerDelayMs: 50,
      });
      closing.push(() => pbx.close());
      const link = new AmiClient({
        host: pbx.host,
        port: pbx.port,
        username: DEMO_MANAGER_USER.username,
        secret: DEMO_MANAGER_USER.secret,
        events: 'on',
      });
      const messages: AmiMessage[] = [];
      link.on('event', (message) => messages.push(message));
      link.start();
      closing.push(() => link.stop());
      const deadline = Date.now() + 5_000;
      while (link.state.kind !== 'connected') {
        if (Date.now() > deadline) throw new Error('not logged in');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      const office = runScenario(pbx, 'busy-office', 3, { callsPerMinute: 1200, talkSeconds: [0.5, 2] });
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      office.stop();
      await link.action('Ping');
      const { regroupings, mostCalls } = playBoth(messages, link.amiVersion ?? '');
      expect(regroupings).toBeGreaterThan(100);
      expect(mostCalls).toBeGreaterThan(5);
    },
  );
});

/** Plays console events through both, as playBoth plays AMI messages; returns each call's uids. */
function reduceBoth(events: readonly PbxEvent[]): string[][] {
  let product: PbxModel = emptyModel('t.');
  let definition: PbxModel = product;
  events.forEach((event, index) => {
    product = reduceModel(product, event, 1_000 + index);
    const applied = applyEvent(definition, event, 1_000 + index);
    definition = applied === definition ? definition : regroupCalls(applied);
    expect(product, `after event ${index} (${event.kind})`).toEqual(definition);
  });
  return [...product.calls.values()].map((uids) => [...uids]);
}

describe('ties the traces alone do not test', () => {
  it("a Local channel's second half joins the call of its first, with no linkedid to tie them", () => {
    const calls = reduceBoth([
      { kind: 'channel', channel: { uid: 'x', name: 'PJSIP/200-00000001', state: 6 } },
      { kind: 'channel', channel: { uid: 'a', name: 'Local/101@phones-0000000d;1', state: 6 } },
      { kind: 'channel', channel: { uid: 'b', name: 'Local/101@phones-0000000d;2', state: 6 } },
    ]);
    expect(calls).toEqual([['x'], ['a', 'b']]);
  });

  it('a bridge that turns out to be a holding one parts the channels in it', () => {
    const enter = (uid: string): PbxEvent => ({
      kind: 'bridgeEnter',
      bridgeId: 'B',
      holding: false,
      channel: { uid, name: `PJSIP/${uid}-00000001`, state: 6 },
    });
    const calls = reduceBoth([
      { kind: 'bridgeCreate', bridgeId: 'B', holding: false },
      enter('p'),
      enter('q'),
      { kind: 'bridgeCreate', bridgeId: 'B', holding: true },
    ]);
    expect(calls).toEqual([['p'], ['q']]);
  });
});

describe('one model reduced two ways', () => {
  it('each way gives the calls of grouping every channel', () => {
    const local = (uid: string, half: 1 | 2): PbxEvent => ({
      kind: 'channel',
      channel: { uid, name: `Local/101@phones-0000000d;${half}`, state: 6 },
    });
    const grouped = (model: PbxModel) => [...model.calls.values()];
    const start = reduceEvents(emptyModel('t.'), [local('a', 1)], 1_000);
    const one = reduceModel(start, local('b', 2), 1_001);
    const other = reduceModel(start, local('c', 2), 1_001);
    expect(grouped(one)).toEqual([['a', 'b']]);
    expect(grouped(other)).toEqual(grouped(regroupCalls(applyEvent(start, local('c', 2), 1_001))));
    expect(grouped(other)).toEqual([['a', 'c']]);
    const later = reduceModel(one, { kind: 'hangup', uid: 'a', name: 'Local/101@phones-0000000d;1' }, 1_002);
    expect(grouped(later)).toEqual([['b']]);
  });
});

describe('an event that tells the model nothing new', () => {
  // Most of a call's events repeat what the model says of a channel: they must cost no new model
  // (the call desk then projects nothing anew).
  it.each(TRACES)('trace %s: a channel event applied twice leaves the model as the first left it', (trace) => {
    const adapt = eventAdapterFor(dialectForAmiVersion('11.0.0'));
    let model: PbxModel = emptyModel('t.');
    let repeated = 0;
    liveEvents(readTrace(trace)).forEach(({ message }, index) => {
      for (const event of adapt(message)) {
        model = reduceModel(model, event, 1_000 + index);
        if (event.kind !== 'channel') continue;
        expect(reduceModel(model, event, 1_000 + index), `message ${index} (${message.event})`).toBe(model);
        repeated += 1;
      }
    });
    if (liveEvents(readTrace(trace)).some(({ message }) => message.event === 'Newchannel'))
      expect(repeated).toBeGreaterThan(0);
  });
});
