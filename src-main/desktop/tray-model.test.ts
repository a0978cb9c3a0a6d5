import { describe, expect, it } from 'vitest';
import type { SessionStatus } from '../../src-preload/contract';
import type { ExtensionTile, LiveCall, ParkedCall } from '../../src-preload/state';
import { callsWaiting, chooseTrayItem, myDndOf, trayView, type TrayInput, type TrayIntents } from './tray-model';

const connected: SessionStatus = {
  kind: 'connected',
  target: 'pbx.example.com:5038',
  profileId: 'demo',
  username: 'operator',
  amiVersion: '10.0.0',
  asteriskVersion: '20.20.1',
};

const party = (state: LiveCall['state'], number: string) => ({
  partyId: `p-${number}`,
  extensionId: undefined,
  number,
  name: '',
  state,
  recording: 'none' as const,
});
const call = (id: string, answeredAt: number | undefined, ...parties: ReturnType<typeof party>[]): LiveCall => ({
  id,
  state: parties[0]!.state,
  direction: 'inbound',
  startedAt: 0,
  answeredAt,
  parties,
});
const parked = { slot: '701' } as ParkedCall;

describe('calls waiting', () => {
  it('counts unanswered ringing calls and parked calls, not calls in progress', () => {
    const calls = {
      a: call('a', undefined, party('dialing', '0612'), party('ringing', '100')),
      b: call('b', 5, party('up', '0613'), party('up', '101')),
      c: call('c', undefined, party('dialing', '102')),
      d: call('d', undefined, party('ringing', '0614'), party('ringing', '103')),
    };
    expect(callsWaiting({ calls, parked: { 701: parked } })).toBe(3);
    expect(callsWaiting({ calls: {}, parked: {} })).toBe(0);
  });
});

describe('my DND in the tray', () => {
  const tile = (over: Partial<ExtensionTile>) =>
    ({ hint: 'PJSIP/100', dnd: false, presence: undefined, ...over }) as ExtensionTile;
  it('follows the FreePBX DND device or a dnd presence, and is unknown without either', () => {
    expect(myDndOf(tile({ hint: 'PJSIP/100&Custom:DND100', dnd: true }))).toBe('on');
    expect(myDndOf(tile({ hint: 'PJSIP/100&Custom:DND100' }))).toBe('off');
    expect(myDndOf(tile({ presence: { state: 'dnd', subtype: '', message: '' } }))).toBe('on');
    expect(myDndOf(tile({ presence: { state: 'away', subtype: '', message: '' } }))).toBe('off');
    expect(myDndOf(tile({}))).toBe('unknown');
    expect(myDndOf(undefined)).toBe('unknown');
  });
});

describe('the tray', () => {
  const input = (over: Partial<TrayInput> = {}): TrayInput => ({
    status: connected,
    callsWaiting: 0,
    myDnd: 'off',
    language: 'en',
    ...over,
  });

  it('shows the connection and the calls waiting in the tooltip, the icon and the menu', () => {
    const view = trayView(input({ callsWaiting: 2 }));
    expect(view.icon).toBe('attention');
    expect(view.tooltip).toBe('Switchboard: Connected to pbx.example.com:5038. 2 calls waiting');
    expect(view.title).toBe('2');
    expect(view.menu.slice(0, 2)).toEqual([
      { kind: 'label', label: 'Connected to pbx.example.com:5038' },
      { kind: 'label', label: '2 calls waiting' },
    ]);
    expect(trayView(input({ callsWaiting: 1 })).tooltip).toContain('1 call waiting');
    expect(trayView(input()).icon).toBe('connected');
    expect(trayView(input()).title).toBe('');
  });

  it('offers show the console, DND, log out and quit, in that order', () => {
    const items = trayView(input({ myDnd: 'on' })).menu.filter(
      (item) => item.kind === 'action' || item.kind === 'check',
    );
    expect(items.map((item) => [item.id, item.label, item.enabled])).toEqual([
      ['showConsole', 'Show the console', true],
      ['dnd', 'Do not disturb', true],
      ['logOut', 'Log out', true],
      ['quit', 'Quit Switchboard', true],
    ]);
    expect(items[1]).toMatchObject({ kind: 'check', checked: true });
  });

  it('greys out DND and log out when they cannot apply, and shows no calls while offline', () => {
    const offline = trayView(input({ status: { kind: 'disconnected' }, callsWaiting: 4 }));
    expect(offline.icon).toBe('offline');
    expect(offline.tooltip).toBe('Switchboard: Not connected');
    expect(offline.title).toBe('');
    expect(offline.menu).toContainEqual(expect.objectContaining({ id: 'dnd', enabled: false, checked: false }));
    expect(offline.menu).toContainEqual(expect.objectContaining({ id: 'logOut', enabled: false }));
    const reconnecting = trayView(
      input({
        status: {
          kind: 'reconnecting',
          target: 'pbx.example.com:5038',
          profileId: 'demo',
          attempt: 2,
          retryAt: 0,
          reason: { code: 'closedByPeer', message: 'The PBX closed the connection.' },
        },
      }),
    );
    expect(reconnecting.tooltip).toBe('Switchboard: Connection to pbx.example.com:5038 lost; trying again');
    expect(reconnecting.menu).toContainEqual(expect.objectContaining({ id: 'logOut', enabled: true }));
    expect(trayView(input({ myDnd: 'unknown' })).menu).toContainEqual(
      expect.objectContaining({ id: 'dnd', enabled: false }),
    );
  });

  it('turns the menu choice into the intent: DND asks for the opposite of what the PBX shows', async () => {
    const done: string[] = [];
    const intents: TrayIntents = {
      showConsole: () => done.push('show'),
      setMyDnd: async (on) => void done.push(`dnd ${on ? 'on' : 'off'}`),
      logOut: async () => void done.push('logOut'),
      quit: () => done.push('quit'),
    };
    await chooseTrayItem('showConsole', input(), intents);
    await chooseTrayItem('dnd', input({ myDnd: 'off' }), intents);
    await chooseTrayItem('dnd', input({ myDnd: 'on' }), intents);
    await chooseTrayItem('dnd', input({ myDnd: 'unknown' }), intents);
    await chooseTrayItem('dnd', input({ status: { kind: 'disconnected' } }), intents);
    await chooseTrayItem('logOut', input(), intents);
    await chooseTrayItem('quit', input(), intents);
    expect(done).toEqual(['show', 'dnd on', 'dnd off', 'logOut', 'quit']);
  });

  it.each([
    [
      'zh-CN',
      'Switchboard：已连接到 pbx.example.com:5038；1,234 个来电等待接听',
      ['显示控制台', '请勿打扰', '退出登录', '退出 Switchboard'],
      'Switchboard：无法连接到 pbx.example.com:5038',
    ],
    [
      'ko',
      'Switchboard: pbx.example.com:5038에 연결됨. 대기 중인 전화 1,234통',
      ['콘솔 보기', '방해 금지', '로그아웃', 'Switchboard 종료'],
      'Switchboard: pbx.example.com:5038에 연결할 수 없습니다',
    ],
    [
      'en',
      'Switchboard: Connected to pbx.example.com:5038. 1,234 calls waiting',
      ['Show the console', 'Do not disturb', 'Log out', 'Quit Switchboard'],
      'Switchboard: Could not connect to pbx.example.com:5038',
    ],
  ] as const)(
    'speaks %s: the tooltip, counts written as the language writes numbers, and the menu',
    (language, tooltip, items, failed) => {
      const view = trayView(input({ language, callsWaiting: 1234 }));
      expect(view.tooltip).toBe(tooltip);
      expect(
        view.menu.flatMap((item) => (item.kind === 'action' || item.kind === 'check' ? [item.label] : [])),
      ).toEqual(items);
      const failure = {
        kind: 'failed',
        target: 'pbx.example.com:5038',
        profileId: 'demo',
        reason: { code: 'authFailed', message: 'The PBX refused the user name or password.' },
      } as const;
      expect(trayView(input({ language, status: failure })).tooltip).toBe(failed);
    },
  );

  it('has no calls waiting in every language, and one call in English is singular', () => {
    expect(trayView(input({ language: 'zh-CN' })).menu[1]).toEqual({ kind: 'label', label: '没有等待接听的来电' });
    expect(trayView(input({ language: 'ko' })).menu[1]).toEqual({ kind: 'label', label: '대기 중인 전화 없음' });
    expect(trayView(input({ language: 'en', callsWaiting: 1 })).menu[1]).toEqual({
      kind: 'label',
      label: '1 call waiting',
    });
  });
});
