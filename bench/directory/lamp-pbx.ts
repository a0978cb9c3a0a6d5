// The simulated PBX of the directory benchmark's lamp part, in its own process so that main's
// event loop, blocked or not by history writes, cannot hold back when the events are written.
import type { SettableDeviceState } from '../../src-main/sim/server';
import { startSimulatedPbx } from '../../src-main/sim';
import { generatedOffice } from '../../src-main/sim/office';
import { wallClock, type LampPbxReply, type LampPbxRequest, type LampProbe } from './lamp-protocol';

const TILES = 200;
const PROBE_EVERY_MS = 20;
/** A probe walks its tile through these in turn: each differs from the last, the lamp must change. */
const PROBE_STATES: ReadonlyArray<readonly [SettableDeviceState, string]> = [
  ['BUSY', 'busy'],
  ['RINGING', 'ringing'],
  ['INUSE', 'inUse'],
  ['NOT_INUSE', 'idle'],
];

const pbx = await startSimulatedPbx({ office: generatedOffice(TILES) });
const reply = (message: LampPbxReply): void => void process.send!(message);
let seq = 0;

process.on('message', (request: LampPbxRequest) => {
  if (request.kind === 'close') {
    void pbx.close().then(() => process.exit(0));
    return;
  }
  const sent: LampProbe[] = [];
  const timer = setInterval(() => {
    const exten = String(1000 + (seq % TILES));
    const [state, lamp] = PROBE_STATES[Math.floor(seq / TILES) % PROBE_STATES.length]!;
    seq += 1;
    const at = wallClock();
    pbx.model.setDeviceState(`PJSIP/${exten}`, state);
    sent.push({ id: `${exten}@internal`, lamp, at });
  }, PROBE_EVERY_MS);
  setTimeout(() => {
    clearInterval(timer);
    reply({ kind: 'sent', probes: sent });
  }, request.ms);
});
reply({ kind: 'ready', port: pbx.port });
