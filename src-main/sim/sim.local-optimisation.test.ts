import { afterEach, describe, expect, it } from 'vitest';
import { startSimulatedPbx, type SimulatedPbx } from './index';
import { RawAmiClient } from './testing/test-client';
import { loadTrace } from './testing/conformance/trace-file';
import { localOptimizations } from './testing/conformance/local-optimization';
import { TRACE_FILES } from '../testing/ami-trace-file';

/** Local pairs dialled without `/n` optimise away as Asterisk 20 does it (issue 9, trace 10). */

let pbx: SimulatedPbx | undefined;
let client: RawAmiClient | undefined;

afterEach(async () => {
  client?.close();
  await pbx?.close();
  pbx = client = undefined;
});

/** One optimisation as the lab's Asterisk 20.20.1 reports it (10-blindtransfer). */
const EXPECTED = [
  'LocalOptimizationBegin one',
  'BridgeLeave source inner',
  'BridgeLeave one outer',
  'BridgeEnter source outer swap one',
  'LocalOptimizationEnd one',
  'BridgeLeave two inner',
  'BridgeDestroy inner',
  'Hangup one',
  'Hangup two',
];

describe('Local optimisation (flavour local-optimisation: ring group 650 without /n)', () => {
  it.skipIf(!TRACE_FILES.includes('10-blindtransfer.jsonl'))(
    'the lab trace optimises its outer pair in the order the simulator plays',
    () => {
      const lab = localOptimizations(loadTrace('10-blindtransfer.jsonl').received.get(1)!);
      expect(lab).toEqual([EXPECTED]);
    },
  );

  it('an answered ring-group leg optimises away: the phone is swapped into the caller bridge, the pair hangs up', async () => {
    pbx = await startSimulatedPbx({ answerDelayMs: 30, flavour: 'local-optimisation' });
    client = await RawAmiClient.connect(pbx.port);
    await client.bannerReceived;
    await client.login();
    pbx.telephony.noAnswer.add('PJSIP/106');
    const start = client.events.length;
    await pbx.placeCall('103', '650');
    const end = await client.waitForEvent('LocalOptimizationEnd');
    await client.waitForEvent('Hangup', (m) => m.get('Channel') === end.get('LocalTwoChannel'));
    const events = client.events.slice(start);
    expect(events.filter((e) => e.event === 'DialBegin').map((e) => e.get('DialString'))).toEqual([
      '105@from-internal',
      '105',
      '106@from-internal',
      '106',
    ]);
    expect(events.find((e) => e.event === 'LocalBridge')?.get('LocalOptimization')).toBe('Yes');
    expect(localOptimizations(events)).toEqual([EXPECTED]);
    const begin = events.find((e) => e.event === 'LocalOptimizationBegin')!;
    expect(begin.get('LocalOneChannel')).toMatch(/^Local\/105@from-internal-[0-9a-f]{8};1$/);
    expect(begin.get('SourceChannel')).toMatch(/^PJSIP\/105-/);
    const bridged = [...pbx.model.channels.values()].filter((ch) => ch.bridgeId).map((ch) => ch.name.split('-')[0]);
    expect(bridged.sort()).toEqual(['PJSIP/103', 'PJSIP/105']);
  });
});
