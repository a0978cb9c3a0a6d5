import { afterEach, describe, expect, it } from 'vitest';
import { sessionOnTrace } from './testing/trace-session';
import { readTrace } from './testing/traces';

/**
 * The real Asterisk 20 traces, played to the console as the app builds it (openSession with a default
 * profile: no setting about the PBX's dialplan). The lab PBX's handsets are Local channels
 * `Local/1NN@phones` behind `Custom:1NN` hints, its calls are originated through `Local/1NN@internal`:
 * every call must still show its people on the right tiles.
 */
const sessions: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const session of sessions.splice(0)) await session.close();
});

async function console(trace: string, options: Parameters<typeof sessionOnTrace>[1] = {}) {
  const session = await sessionOnTrace(readTrace(trace), options);
  sessions.push(session);
  return session;
}

const tile = (exten: string) => `${exten}@internal`;

describe('calls of a PBX whose handsets are Local channels, with a default profile', () => {
  it('07: an originate 101 → 102 rings 102, then is one internal call between the two tiles, then ends', async () => {
    const pbx = await console('07-originate-bridge');
    await pbx.playUntil(2000);
    expect(pbx.calls()).toHaveLength(1);
    expect(pbx.calls()[0]).toMatchObject({ state: 'ringing', answeredAt: undefined });
    expect(pbx.calls()[0]?.parties.map((party) => [party.extensionId, party.state])).toEqual([
      [tile('101'), 'up'],
      [tile('102'), 'ringing'],
    ]);
    const ringingId = pbx.calls()[0]?.id;

    await pbx.playUntil(5314);
    const [call] = pbx.calls();
    expect(pbx.calls()).toHaveLength(1);
    expect(call).toMatchObject({ id: ringingId, state: 'up', direction: 'internal' });
    expect(pbx.tilesOf(call)).toEqual([tile('101'), tile('102')]);
    expect(call?.parties.map((party) => party.number)).toEqual(['101', '102']);
    expect(call?.answeredAt).toBeGreaterThanOrEqual(call?.startedAt ?? Infinity);

    await pbx.playUntil();
    expect(pbx.calls()).toEqual([]);
  });

  it('07: after a reconnect mid-call, the lists alone give the same call between 101 and 102', async () => {
    const pbx = await console('07-originate-bridge', {
      listedAs: { trace: '07-originate-bridge', actionIds: { CoreShowChannels: 'rec-3', BridgeList: 'rec-5' } },
    });
    expect(pbx.callPairs()).toEqual([`${tile('101')} + ${tile('102')}`]);
    expect(pbx.calls()[0]).toMatchObject({ state: 'up', direction: 'internal' });
  });

  it('08: failed originates leave no call behind', async () => {
    const pbx = await console('08-originate-failures');
    await pbx.playUntil(500);
    expect(pbx.callPairs()).toEqual([tile('103')]);
    await pbx.playUntil();
    expect(pbx.calls()).toEqual([]);
  });

  it('09: a dual redirect splits 103 ↔ 104 into 103 with 106 and 104 with 105; a single redirect leaves 104 with 105', async () => {
    const pbx = await console('09-redirect');
    await pbx.playUntil(2500);
    expect(pbx.callPairs()).toEqual([`${tile('103')} + ${tile('104')}`]);
    await pbx.playUntil(5859);
    expect(pbx.callPairs()).toEqual([`${tile('103')} + ${tile('106')}`, `${tile('104')} + ${tile('105')}`]);
    await pbx.playUntil();
    expect(pbx.callPairs()).toEqual([`${tile('104')} + ${tile('105')}`]);
  });

  it('10: after a blind transfer 104 talks to 107 and the transferer 103 is gone', async () => {
    const pbx = await console('10-blindtransfer');
    await pbx.playUntil(2500);
    expect(pbx.callPairs()).toEqual([`${tile('103')} + ${tile('104')}`]);
    await pbx.playUntil(5851);
    expect(pbx.callPairs()).toEqual([`${tile('104')} + ${tile('107')}`]);
  });

  it('11: an attended transfer holds 104, 103 talks to 108 apart from it, and 104 is left with 108 when 103 hangs up', async () => {
    const pbx = await console('11-atxfer');
    await pbx.playUntil(16_750);
    expect(pbx.calls()).toHaveLength(1);
    expect(pbx.calls()[0]?.parties.map((party) => [party.extensionId, party.state])).toEqual([
      [tile('103'), 'up'],
      [tile('104'), 'onHold'],
    ]);
    await pbx.playUntil(18_000);
    // The consultation is a call of its own, talking; the call 103 placed waits on hold.
    const stateOf = (pair: string) => pbx.calls().find((call) => pbx.tilesOf(call)?.join(' + ') === pair)?.state;
    expect(pbx.callPairs()).toEqual([`${tile('103')} + ${tile('108')}`, tile('104')]);
    expect([stateOf(`${tile('103')} + ${tile('108')}`), stateOf(tile('104'))]).toEqual(['up', 'onHold']);
    await pbx.playUntil(19_500);
    expect(pbx.callPairs()).toEqual([`${tile('104')} + ${tile('108')}`]);
    expect(pbx.calls()[0]?.state).toBe('up');
  });

  it('12: slot 701 holds 102 parked by 101, then 100 picks it up and talks to 102', async () => {
    const pbx = await console('12-park-pickup');
    await pbx.playUntil(5339);
    const [parked] = pbx.store.values('parked');
    expect(pbx.store.values('parked')).toHaveLength(1);
    expect(parked).toMatchObject({
      slot: '701',
      lot: 'default',
      parkee: { number: '102' },
      parkedBy: { number: '101' },
    });
    expect((parked?.timeoutAt ?? 0) - (parked?.parkedAt ?? 0)).toBe(45_000);
    const parkedCall = pbx.calls().find((call) => call.id === parked?.callId);
    expect(pbx.tilesOf(parkedCall)).toEqual([tile('102')]);
    expect(parkedCall?.state).toBe('parked');

    await pbx.playUntil(8851);
    expect(pbx.store.values('parked')).toEqual([]);
    expect(pbx.callPairs()).toEqual([`${tile('102')} + ${tile('100')}`]);
    expect(pbx.calls()[0]?.state).toBe('up');
  });

  it('12: after a reconnect the parking lot comes back from ParkedCalls with the countdown the PBX reports', async () => {
    const pbx = await console('12-park-pickup', {
      listedAs: { trace: '12-park-pickup', actionIds: { CoreShowChannels: 'rec-7', ParkedCalls: 'rec-5' } },
    });
    const [parked] = pbx.store.values('parked');
    expect(parked).toMatchObject({ slot: '701', parkee: { number: '102' }, parkedBy: { number: '101' } });
    expect((parked?.timeoutAt ?? 0) - Date.now()).toBeGreaterThan(40_000);
    expect((parked?.timeoutAt ?? 0) - Date.now()).toBeLessThanOrEqual(43_000);
    expect(pbx.tilesOf(pbx.calls().find((call) => call.id === parked?.callId))).toEqual([tile('102')]);
  });

  it('13: the parked call times out and comes back to 100', async () => {
    const pbx = await console('13-park-timeout');
    await pbx.playUntil(11_000);
    expect(pbx.store.values('parked')).toHaveLength(1);
    await pbx.playUntil(11_400);
    expect(pbx.store.values('parked')).toEqual([]);
    await pbx.playUntil(12_500);
    expect(pbx.callPairs()).toEqual([`${tile('113')} + ${tile('100')}`]);
  });

  it('14: badges 102 from MixMonitor events: recording, paused, resumed, stopped', async () => {
    const pbx = await console('14-mixmonitor');
    const badges: string[] = [];
    for (const until of [3342, 3400, 4400, 5400, 6400]) {
      await pbx.playUntil(until);
      badges.push(pbx.calls()[0]?.parties.find((party) => party.extensionId === tile('102'))?.recording ?? 'no call');
    }
    expect(badges).toEqual(['none', 'recording', 'paused', 'recording', 'none']);
  });

  it('15: badges 102 from Monitor events', async () => {
    const pbx = await console('15-monitor');
    await pbx.playUntil(2500);
    expect(pbx.callPairs()).toEqual([`${tile('101')} + ${tile('102')}`]);
    const recorded = () => pbx.calls()[0]?.parties.some((party) => party.recording === 'recording');
    await pbx.playUntil(3500);
    expect(recorded()).toBe(true);
  });

  it('16: a queue caller 101 waits alone, then talks to the member 118 who answered', async () => {
    const pbx = await console('16-queue');
    await pbx.playUntil(2000);
    expect(pbx.callPairs()).toEqual([tile('101')]);
    await pbx.playUntil(6000);
    expect(pbx.calls()[0]?.parties.map((party) => [party.extensionId, party.state])).toEqual([
      [tile('101'), 'up'],
      [tile('118'), 'ringing'],
    ]);
    await pbx.playUntil(7000);
    expect(pbx.callPairs()).toEqual([`${tile('101')} + ${tile('118')}`]);
  });
});

describe('the receptionist traces, with a default profile', () => {
  it('21: the call being listened in on stays 103 with 104; the listener 100 is a call of its own', async () => {
    const pbx = await console('receptionist/21-chanspy');
    await pbx.playUntil(4500);
    expect(pbx.callPairs()).toEqual([tile('100'), `${tile('103')} + ${tile('104')}`]);
    await pbx.playUntil(6500);
    expect(pbx.callPairs()).toEqual([`${tile('103')} + ${tile('104')}`]);
  });

  it('22: setting presence and DND makes no call', async () => {
    const pbx = await console('receptionist/22-presence-dnd-set');
    await pbx.playUntil();
    expect(pbx.calls()).toEqual([]);
  });

  it('23: two queue callers wait apart; the one pulled out by a redirect talks to 107', async () => {
    const pbx = await console('receptionist/23-queue-operations');
    await pbx.playUntil(5000);
    expect(pbx.callPairs()).toEqual([tile('101'), tile('102')]);
    await pbx.playUntil(8000);
    expect(pbx.callPairs()).toEqual([tile('101')]);
    await pbx.playUntil(12_500);
    expect(pbx.callPairs()).toEqual([`${tile('101')} + ${tile('107')}`]);
  });

  it('24: a ring group rings 105 and 106 for 103; the leg not answered goes; a pickup joins 100 to 103', async () => {
    const pbx = await console('receptionist/24-ringgroup-and-pickup');
    await pbx.playUntil(1500);
    expect(pbx.calls()[0]?.parties.map((party) => [party.extensionId, party.state])).toEqual([
      [tile('103'), 'up'],
      [tile('105'), 'ringing'],
      [tile('106'), 'ringing'],
    ]);
    await pbx.playUntil(4000);
    expect(pbx.callPairs()).toEqual([`${tile('103')} + ${tile('100')}`]);
    await pbx.playUntil(9000);
    expect(pbx.callPairs()).toEqual([`${tile('103')} + ${tile('106')}`]);
    await pbx.playUntil(17_000);
    expect(pbx.callPairs()).toEqual([`${tile('103')} + ${tile('100')}`]);
    await pbx.playUntil();
    expect(pbx.callPairs()).toEqual([`${tile('103')} + ${tile('100')}`]);
  });

  it('25: a call 101 → 102 is on both tiles', async () => {
    const pbx = await console('receptionist/25-names-and-directory');
    await pbx.playUntil(2500);
    expect(pbx.callPairs()).toEqual([`${tile('101')} + ${tile('102')}`]);
  });
});

describe('presence on the lamps of the lab PBX (hints Custom:11N,CustomPresence:11N)', () => {
  const presenceOf = (pbx: Awaited<ReturnType<typeof console>>, exten: string) =>
    pbx.store.get('extensions', tile(exten))?.presence;

  it('22: 110 set away with a message shows away and the message, then dnd, available, and nothing', async () => {
    const pbx = await console('receptionist/22-presence-dnd-set');
    expect(presenceOf(pbx, '110')).toBeUndefined();
    await pbx.playUntil(400);
    expect(presenceOf(pbx, '110')).toEqual({ state: 'away', subtype: '', message: 'Back at two' });
    expect(pbx.store.get('extensions', tile('110'))?.lamp).toBe('idle');
    await pbx.playUntil(900);
    expect(presenceOf(pbx, '110')).toEqual({ state: 'dnd', subtype: '', message: '' });
    await pbx.playUntil(1400);
    expect(presenceOf(pbx, '110')).toEqual({ state: 'available', subtype: '', message: '' });
    await pbx.playUntil(1900);
    expect(presenceOf(pbx, '110')).toBeUndefined();
  });

  it('22: a DND-style busy device state lights 105 busy, and only as its lamp', async () => {
    const pbx = await console('receptionist/22-presence-dnd-set');
    await pbx.playUntil(4000);
    expect(pbx.store.get('extensions', tile('105'))).toMatchObject({ lamp: 'busy', dnd: false, presence: undefined });
    await pbx.playUntil();
    expect(pbx.store.get('extensions', tile('105'))?.lamp).toBe('idle');
  });

  it('19: 110 dnd and 111 away at lunch, from the events and from PresenceStateList after a reconnect', async () => {
    const live = await console('19-presence');
    await live.playUntil(1000);
    expect(presenceOf(live, '110')).toEqual({ state: 'dnd', subtype: '', message: '' });
    expect(presenceOf(live, '111')).toEqual({ state: 'away', subtype: 'lunch', message: 'back at two' });
    await live.playUntil(2000);
    expect(presenceOf(live, '110')?.state).toBe('available');
    expect(live.store.get('extensions', tile('110'))?.lamp).toBe('inUse');
    await live.playUntil();
    expect([presenceOf(live, '110'), presenceOf(live, '111')]).toEqual([undefined, undefined]);

    const listed = await console('19-presence', {
      listedAs: { trace: '19-presence', actionIds: { PresenceStateList: 'rec-2' } },
    });
    expect(presenceOf(listed, '110')).toEqual({ state: 'dnd', subtype: '', message: '' });
    expect(presenceOf(listed, '111')).toEqual({ state: 'away', subtype: 'lunch', message: 'back at two' });
    expect(presenceOf(listed, '112')).toBeUndefined();
  });
});

describe('my device on the lab PBX', () => {
  it.each([
    ['Local/101@phones', 'Local/101@phones'],
    ['101', 'Local/101@internal'],
  ])('"%s" is tile 101, which the console calls as %s', async (myDevice, called) => {
    const pbx = await console('07-originate-bridge', { settings: { myDevice, dialContext: 'internal' } });
    expect(pbx.session.desk.identity()).toEqual({ myDevice, myExtensionId: tile('101') });
    await pbx.session.desk.dial('102');
    const originate = pbx.received('Originate')[0];
    expect([originate?.get('Channel'), originate?.get('Exten'), originate?.get('CallerID')]).toEqual([
      called,
      '102',
      '"Extension 101" <101>',
    ]);
  });
});

describe('names from the PBX before any call', () => {
  it("25: every tile is named from the PBX's voicemail boxes, the device string nowhere", async () => {
    const pbx = await console('receptionist/25-names-and-directory');
    const tiles = pbx.store.values('extensions');
    expect(tiles).toHaveLength(20);
    for (const shown of tiles) expect(shown.name).toBe(`Extension ${shown.exten}`);
    expect(pbx.received('VoicemailUsersList')).toHaveLength(1);
  });

  it('25: the callee keeps its own name, not the caller ID name its channel carries', async () => {
    const pbx = await console('receptionist/25-names-and-directory');
    await pbx.playUntil(2500);
    expect(pbx.calls()[0]?.parties.map((party) => party.name)).toEqual(['Extension 101', 'Extension 102']);
    expect(pbx.store.get('extensions', tile('102'))?.name).toBe('Extension 102');
  });
});
