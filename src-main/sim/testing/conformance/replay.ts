/**
 * Replays a lab trace against the simulator: the same actions (channel names mapped to the
 * simulator's channels), at the same times on a virtual clock, the same outside stimuli (devstate,
 * presence, dialplan reload, restart), and collects what the simulator sent back.
 */
import { createHash } from 'node:crypto';
import type { AmiHeader, AmiMessage } from '../../../ami/message';
import { startSimulatedPbx, type SimulatedPbx } from '../../server';
import type { OfficeDirectory } from '../../office';
import type { DeviceState, PresenceState } from '../../model';
import { RawAmiClient } from '../test-client';
import { VirtualClock } from '../virtual-clock';
import type { Trace } from './trace-file';

/** The lab PBX's directory: 100-119 in internal, presence on 110/111, queue members 118/119. */
export function labOffice(): OfficeDirectory {
  return {
    extensions: Array.from({ length: 20 }, (_, i) => {
      const exten = String(100 + i);
      return { exten, context: 'internal', name: `Ext ${exten}`, presence: exten === '110' || exten === '111' };
    }),
    receptionExten: '100',
    huntGroupExten: '500',
    queue: { name: 'operator', exten: '800', strategy: 'ringall', members: ['118', '119'] },
    parking: { lot: 'default', parkExten: '700', firstSpace: 701, lastSpace: 720 },
  };
}

export const LAB_USERS = [
  { username: 'console', secret: 'console-secret', read: ['all'], write: ['all'] },
  { username: 'limited', secret: 'limited-secret', read: ['call'], write: ['call'] },
];

/**
 * The lab's AstDB as the recorder leaves it between scenarios: every `Custom:1NN` set NOT_INUSE,
 * presence 110/111 NOT_SET (both kept in AstDB by Asterisk), and the PBX's own UUID (trace 25's `database show`).
 */
const LAB_ASTDB: Record<string, string> = {
  ...Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`CustomDevstate/${100 + i}`, 'NOT_INUSE'])),
  'CustomPresence/110': 'NOT_SET',
  'CustomPresence/111': 'NOT_SET',
  'pbx/UUID': '923d6583-4e2e-441a-9a0b-23c26af57fd3',
};

export interface ReplayResult {
  readonly received: Map<number, AmiMessage[]>;
  readonly pbx: SimulatedPbx;
}

/** How long the client is given to read what the simulator wrote, after the clock moved. */
const SOCKET_SETTLE_MS = 5;
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The lab PBX as the receptionist traces (21-25) use it: handsets are `Local/1NN@phones`, ring group
 * 650, whose `b()` pre-dial handler lets 105 and 106 ring 15 s (RINGSECS).
 */
export function labHandsetsOffice(): OfficeDirectory {
  return {
    ...labOffice(),
    localHandsets: 'phones',
    ringGroups: [{ exten: '650', members: ['105', '106'], context: 'phones', ringMs: 15_000 }],
  };
}

export async function replayTrace(trace: Trace, office: OfficeDirectory = labOffice()): Promise<ReplayResult> {
  const clock = new VirtualClock();
  const pbx = await startSimulatedPbx({
    dialect: 'asterisk-18',
    office,
    users: LAB_USERS,
    astdb: LAB_ASTDB,
    clock,
    answerDelayMs: 1000,
    parkingTimeoutMs: 45_000,
  });
  // Lab time passes on the simulator's clock, so a busy machine cannot reorder what the PBX does
  // (a phone answering) against what the trace's client did next; then the client reads it all.
  const pass = async (ms: number) => {
    clock.advance(ms);
    await wait(SOCKET_SETTLE_MS);
  };
  const clients = new Map<number, RawAmiClient>();
  let now = 0;
  try {
    for (const step of trace.steps) {
      const gap = step.t - now;
      now = step.t;
      if (gap > 0) await pass(gap);
      if (step.kind === 'connect') {
        let client: RawAmiClient | undefined;
        for (let attempt = 0; attempt < 50 && !client; attempt++) {
          client = await RawAmiClient.connect(pbx.port).catch(async () => {
            await wait(50);
            return undefined;
          });
        }
        if (!client) throw new Error('could not reconnect');
        clients.set(step.conn, client);
        await client.bannerReceived;
      } else if (step.kind === 'note') {
        stimulus(pbx, step.note);
      } else {
        const client = clients.get(step.conn)!;
        const action = step.message.get('Action')!;
        const id = step.message.get('ActionID');
        const headers = rewrite(pbx, client, step.message);
        client.send(action, headers, id);
        // Every answer is awaited (Logoff's Goodbye too): the clock does not wait for the socket.
        await client.waitFor((m) => m.response !== undefined && m.actionId === id, 5000).catch(() => undefined);
        if (action.toLowerCase() === 'challenge') await wait(5);
      }
    }
    clock.advance(100);
    await wait(100);
  } finally {
    for (const c of clients.values()) c.close();
  }
  await pbx.close();
  return { received: new Map([...clients].map(([conn, c]) => [conn, c.messages])), pbx };
}

function rewrite(pbx: SimulatedPbx, client: RawAmiClient, message: AmiMessage): AmiHeader[] {
  const out: AmiHeader[] = [];
  const action = message.get('Action')!.toLowerCase();
  for (const [name, value] of message.headers) {
    const key = name.toLowerCase();
    if (key === 'action' || key === 'actionid') continue;
    if (key === 'key' && action === 'login') {
      const challenge =
        [...client.messages]
          .reverse()
          .find((m) => m.get('Challenge'))
          ?.get('Challenge') ?? '';
      const user = LAB_USERS.find((u) => u.username === message.get('Username'));
      out.push([
        name,
        createHash('md5')
          .update(challenge + (user?.secret ?? ''))
          .digest('hex'),
      ]);
    } else if (['channel', 'extrachannel', 'timeoutchannel', 'channel2'].includes(key) && action !== 'originate') {
      out.push([name, mapChannel(pbx, value)]);
    } else if (key === 'bridgeuniqueid') {
      const basic = [...pbx.model.bridges.values()].find((b) => b.type === 'basic');
      out.push([name, basic?.id ?? value]);
    } else if (key === 'interface' || key === 'member') {
      out.push([name, value.replace(/^Local\/(\d+)@phones$/, `${pbx.model.tech}/$1`)]);
    } else {
      out.push([name, value]);
    }
  }
  return out;
}

/** `Local/102@phones-0000002e;1` (a lab handset) → the simulator's channel on PJSIP/102. */
function mapChannel(pbx: SimulatedPbx, name: string): string {
  const m = /^Local\/(\d+)@(?:phones|internal)-[0-9a-f]+;\d$/.exec(name);
  if (!m) return name;
  const live = pbx.model.channelsOnDevice(pbx.model.deviceOf(m[1]!));
  return live[0]?.name ?? name;
}

function stimulus(pbx: SimulatedPbx, note: string): void {
  let m = /^cli: devstate change Custom:(\d+) (\w+)$/.exec(note);
  if (m) return pbx.setDeviceState(pbx.model.deviceOf(m[1]!), m[2] as DeviceState & 'BUSY');
  m = /^cli: presencestate change CustomPresence:(\d+) "?([^"]*)"?$/.exec(note);
  if (m) {
    const [state, subtype = '', message = ''] = m[2]!.split(',');
    return pbx.setPresence(m[1]!, state!.toLowerCase() as PresenceState, subtype, message);
  }
  if (note === 'cli: dialplan reload') return pbx.model.reloadDialplan();
  // The lab's "handset goes off-hook now": its ringing [phones] channel jumps to Answer().
  m = /^cli: channel redirect Local\/(\d+)@phones-[0-9a-f]+;2 phones,\1,6$/.exec(note);
  if (m) {
    for (const channel of pbx.model.channelsOnDevice(pbx.model.deviceOf(m[1]!))) pbx.telephony.answer(channel);
    return;
  }
  if (note === 'cli: core restart gracefully') return void pbx.faults.restart(100);
  if (note === 'cli: channel request hangup all') {
    for (const c of [...pbx.model.channels.values()]) pbx.telephony.hangup(c, 16);
    return;
  }
  m = /^fs: placed .* into .*\/default\/(\d+)\/INBOX$/.exec(note);
  if (m) {
    const box = pbx.model.mailboxes.get(`${m[1]}@default`);
    if (box) box.newCount = 1;
    return;
  }
  m = /^fs: removed .*\/default\/(\d+)\/INBOX$/.exec(note);
  if (m) {
    const box = pbx.model.mailboxes.get(`${m[1]}@default`);
    if (box) box.newCount = 0;
  }
}
