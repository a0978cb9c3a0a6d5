/**
 * Conformance against real Asterisk 20 transcripts (../shared/ami-traces): the simulator answers
 * the recorded actions with the same responses and events, compared by event name, header names
 * and order; values (Uniqueid, timestamps, channel suffixes) are not compared.
 */
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { AmiMessage } from '../ami/message';
import { VirtualClock } from './clock';
import type { RenderedEvent } from './dialects';
import { loadTrace, type Trace } from './conformance/trace-file';
import { scenario, startSimulatedPbx } from './index';
import { replayTrace } from './conformance/replay';

const TRACE_DIR = fileURLToPath(new URL('../../../shared/ami-traces/', import.meta.url));
const files = existsSync(TRACE_DIR) ? readdirSync(TRACE_DIR).filter((f) => f.endsWith('.jsonl')).sort() : [];

/** Lab dialplan and Local-channel noise, and events about the lab's own devices. */
const NOISE = new Set([
  'Newexten', 'VarSet', 'LocalOptimizationBegin', 'LocalOptimizationEnd', 'LocalBridge', 'HangupHandlerPush', 'HangupHandlerRun',
  'HangupHandlerPop', 'SoftHangupRequest', 'HangupRequest', 'DTMFBegin', 'DTMFEnd', 'MusicOnHoldStart', 'MusicOnHoldStop',
  'Rename', 'NewAccountCode', 'NewCallerid', 'NewConnectedLine', 'DeviceStateChange', 'DialState', 'SuccessfulAuth',
]);

/** Actions and events of the lab the simulator knowingly does not reproduce. */
const KNOWN_GAPS: Record<string, { actions?: string[]; events?: string[] }> = {
  // The lab's Local-channel handsets optimise away mid-call, which moves channels between bridges.
  '06-command-output': { events: ['BridgeLeave', 'BridgeDestroy', 'Hangup'] },
  '14-mixmonitor': { events: ['BridgeLeave', 'BridgeDestroy', 'Hangup'] },
  '15-monitor': { events: ['BridgeLeave', 'BridgeDestroy', 'Hangup'] },
  '11-atxfer': { events: ['Hold', 'Unhold', 'BridgeMerge', 'AttendedTransfer'] },
  '10-blindtransfer': { events: ['Unhold'] },
  '16-queue': { events: ['AgentComplete'] },
  '17-mwi': { actions: ['VoicemailUserStatus', 'VoicemailUsersList'] },
};

const PROTOCOL = ['01', '02', '03', '04', '05', '06', '17', '18', '19', '20'];

const shape = (m: AmiMessage) => m.headers.map(([n]) => n).filter((n, i, all) => i === 0 || all[i - 1] !== n).join(',');
const isUnsolicited = (m: AmiMessage) => m.event !== undefined && (m.actionId === undefined || m.event === 'OriginateResponse');
const responsesById = (ms: readonly AmiMessage[]) => new Map(ms.filter((m) => m.response !== undefined && m.actionId).map((m) => [m.actionId!, m]));

function shapesByEvent(ms: readonly AmiMessage[]): Map<string, Set<string>> {
  const map = new Map<string, Set<string>>();
  for (const m of ms) {
    if (!m.event) continue;
    const set = map.get(m.event) ?? new Set<string>();
    set.add(shape(m));
    map.set(m.event, set);
  }
  return map;
}

/** For every pair of event names whose occurrences do not overlap in the trace, the simulator keeps that order. */
function phaseOrderViolations(trace: string[], sim: string[]): string[] {
  const span = (list: string[]) => {
    const m = new Map<string, [number, number]>();
    list.forEach((n, i) => m.set(n, [m.get(n)?.[0] ?? i, i]));
    return m;
  };
  const t = span(trace);
  const s = span(sim);
  const problems: string[] = [];
  for (const [a, [, lastA]] of t) {
    for (const [b, [firstB]] of t) {
      if (a === b || lastA >= firstB) continue;
      const sa = s.get(a);
      const sb = s.get(b);
      if (sa && sb && sa[1] >= sb[0]) problems.push(`${a} before ${b}`);
    }
  }
  return problems;
}

/** Every header layout real Asterisk used for each event name, across all transcripts. */
const ALL_SHAPES = new Map<string, Set<string>>();
for (const file of files) {
  for (const messages of loadTrace(`${TRACE_DIR}${file}`).received.values()) {
    for (const [event, shapes] of shapesByEvent(messages.filter(isUnsolicited))) {
      const set = ALL_SHAPES.get(event) ?? new Set<string>();
      shapes.forEach((x) => set.add(x));
      ALL_SHAPES.set(event, set);
    }
  }
}

describe.skipIf(files.length === 0)('conformance with real Asterisk 20 transcripts', () => {
  describe.each(files)('%s', (file) => {
    const name = file.replace(/\.jsonl$/, '');
    const gaps = KNOWN_GAPS[name] ?? {};
    const protocol = PROTOCOL.includes(name.slice(0, 2));
    let trace: Trace;
    let sim: Map<number, AmiMessage[]>;

    it('replays', async () => {
      trace = loadTrace(`${TRACE_DIR}${file}`);
      sim = (await replayTrace(trace)).received;
      expect(sim.size).toBe(trace.received.size);
    }, 30_000);

    it('answers every recorded action with the same response shape', () => {
      for (const [conn, recorded] of trace.received) {
        const mine = responsesById(sim.get(conn) ?? []);
        for (const [id, expected] of responsesById(recorded)) {
          const action = trace.steps.find((s) => s.kind === 'action' && s.message.get('ActionID') === id);
          const actionName = action?.kind === 'action' ? action.message.get('Action')! : '?';
          if (gaps.actions?.includes(actionName)) continue;
          const got = mine.get(id);
          const where = `${name} ${actionName} (${id})`;
          expect(got, where).toBeDefined();
          expect(got!.response, where).toBe(expected.response);
          if (actionName === 'ListCommands') continue;
          expect(shape(got!), where).toBe(shape(expected));
          if (actionName !== 'Command') expect(got!.getAll('Message'), where).toEqual(expected.getAll('Message'));
          const items = (ms: readonly AmiMessage[]) => new Set(ms.filter((m) => m.event && m.actionId === id && m.event !== 'OriginateResponse').map((m) => `${m.event}:${shape(m)}`));
          const expectedItems = items(recorded);
          const gotItems = items(sim.get(conn) ?? []);
          for (const item of gotItems) expect(expectedItems, where).toContain(item);
          const completes = (set: Set<string>) => [...set].filter((s) => s.split(':')[0]!.endsWith('Complete'));
          expect(completes(gotItems), where).toEqual(completes(expectedItems));
        }
      }
    });

    it('sends events with the same names and header names', () => {
      for (const [conn, recorded] of trace.received) {
        const expected = recorded.filter((m) => isUnsolicited(m) && !NOISE.has(m.event!));
        const got = (sim.get(conn) ?? []).filter((m) => isUnsolicited(m) && !NOISE.has(m.event!));
        const expectedShapes = shapesByEvent(expected);
        const gotShapes = shapesByEvent(got);
        for (const [event, shapes] of gotShapes) {
          expect(expectedShapes.has(event), `${name}: unexpected ${event}`).toBe(true);
          for (const s of shapes) expect(ALL_SHAPES.get(event), `${name}: ${event} headers`).toContain(s);
        }
        for (const event of expectedShapes.keys()) {
          if (gaps.events?.includes(event)) continue;
          expect(gotShapes.has(event), `${name}: missing ${event}`).toBe(true);
        }
        if (!protocol) {
          const names = (ms: AmiMessage[]) => ms.map((m) => m.event!);
          expect(phaseOrderViolations(names(expected), names(got)), name).toEqual([]);
        }
      }
    });
  });
});

describe.skipIf(files.length === 0)('every event the simulator can render', () => {
  it('uses a header layout real Asterisk 20 used for that event', async () => {
    const clock = new VirtualClock();
    const seen: RenderedEvent[] = [];
    const extra = scenario('coverage')
      .at(0).call('+4930123456', '103')
      .at(1000).attendedTransfer('103', '108')
      .at(2000).call('+4940987654', '800')
      .at(3000).mailbox('101', 1)
      .build();
    for (const which of ['lively-office', extra] as const) {
      const pbx = await startSimulatedPbx({ clock, scenario: which, seed: 11, answerDelayMs: 300, onEvent: (e) => seen.push(e) });
      clock.advance(180_000);
      await pbx.close();
    }
    const checked = new Set<string>();
    for (const event of seen) {
      const known = ALL_SHAPES.get(event.name);
      if (!known) continue;
      const names = event.headers.map(([n]) => n).join(',');
      expect(known, event.name).toContain(names);
      checked.add(event.name);
    }
    expect([...checked].sort()).toEqual(expect.arrayContaining(['AttendedTransfer', 'BridgeEnter', 'DialBegin', 'Hangup', 'Hold', 'ParkedCall', 'QueueCallerJoin', 'UnParkedCall', 'Unhold']));
  });
});
