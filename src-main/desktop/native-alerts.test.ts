import { EventEmitter } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CallAlert, ConsoleAlert, QueueWaitAlert } from '../../src-shared/notification-rules';
import { ProfileDraftSchema, type ProfileDraftInput } from '../../src-shared/profile';
import type { ConsoleAlertsChange } from '../alerts/console-alerts';
import type { Sender } from '../ipc/gatekeeper';
import { MapVault } from '../profiles/testing/vaults';
import { createMainServices } from '../services';
import { startSimulatedPbx } from '../sim';
import { DESKTOP_WORDS } from './desktop-words';
import {
  notificationFor,
  showAlertsNatively,
  type AlertFeed,
  type AlertFocus,
  type NotificationPort,
} from './native-alerts';

/** The rules' feed as ConsoleAlerts offers it: each change with what alerts now and what is new. */
function alertFeed() {
  const events = new EventEmitter();
  let current: ConsoleAlert[] = [];
  const feed: AlertFeed = {
    onChange: (listener) => {
      events.on('change', listener);
      return () => events.off('change', listener);
    },
  };
  const change = (next: ConsoleAlert[], added: ConsoleAlert[]) => {
    current = next;
    events.emit('change', { current, added } satisfies ConsoleAlertsChange);
  };
  return {
    feed,
    raise: (alert: ConsoleAlert) => change([...current.filter((a) => a.key !== alert.key), alert], [alert]),
    end: (key: string) =>
      change(
        current.filter((a) => a.key !== key),
        [],
      ),
    listeners: () => events.listenerCount('change'),
  };
}

/** The OS's notification centre as the test sees it: what is on screen, and a way to click. */
function notificationCentre(supported = true) {
  const onScreen = new Map<number, { title: string; body: string; click: () => void }>();
  let next = 0;
  const port: NotificationPort = {
    supported,
    show: (content, onClick) => {
      const key = next++;
      onScreen.set(key, { ...content, click: onClick });
      return { close: () => onScreen.delete(key) };
    },
  };
  return {
    port,
    onScreen: () => [...onScreen.values()].map(({ title, body }) => ({ title, body })),
    click: (body: string) => [...onScreen.values()].find((n) => n.body === body)!.click(),
  };
}

const ringing = (id: string, callerName: string, callerNumber: string): CallAlert => ({
  kind: 'ringingForMe',
  key: `ring:${id}`,
  callId: `call-${id}`,
  callerName,
  callerNumber,
});
const waiting = (id: string, queueName: string, callerName: string, callerNumber: string): QueueWaitAlert => ({
  kind: 'queueWait',
  key: `queue:${id}`,
  callerId: `caller-${id}`,
  queueName,
  callerName,
  callerNumber,
  joinedAt: 0,
});
const inEnglish = (alert: ConsoleAlert) => notificationFor(alert, DESKTOP_WORDS.en);
/** What a click brought into focus: `call:<id>` or `caller:<id>`. */
function focusTrail() {
  const focused: string[] = [];
  const focus: AlertFocus = {
    call: (callId) => focused.push(`call:${callId}`),
    queueCaller: (callerId) => focused.push(`caller:${callerId}`),
  };
  return { focus, focused };
}
const NO_FOCUS: AlertFocus = { call: () => undefined, queueCaller: () => undefined };

describe('native incoming-call alerts', () => {
  it('shows each alert, and a click takes it down and focuses its call', () => {
    const rules = alertFeed();
    const os = notificationCentre();
    const { focus, focused } = focusTrail();
    showAlertsNatively(rules.feed, os.port, inEnglish, focus);
    rules.raise(ringing('a', 'Acme Ltd', '0612345678'));
    rules.raise(ringing('b', '', '0698765432'));
    expect(os.onScreen()).toEqual([
      { title: 'Call for you', body: 'Acme Ltd 0612345678' },
      { title: 'Call for you', body: '0698765432' },
    ]);
    os.click('0698765432');
    expect(focused).toEqual(['call:call-b']);
    expect(os.onScreen()).toEqual([{ title: 'Call for you', body: 'Acme Ltd 0612345678' }]);
  });

  it('shows a caller waiting too long with the queue, and a click focuses that waiting caller', () => {
    const rules = alertFeed();
    const os = notificationCentre();
    const { focus, focused } = focusTrail();
    showAlertsNatively(rules.feed, os.port, inEnglish, focus);
    rules.raise(waiting('a', 'operator', 'Acme Ltd', '0612345678'));
    expect(os.onScreen()).toEqual([
      { title: 'Caller waiting too long in queue operator', body: 'Acme Ltd 0612345678' },
    ]);
    os.click('Acme Ltd 0612345678');
    expect(focused).toEqual(['caller:caller-a']);
    expect(os.onScreen()).toEqual([]);
  });

  it('takes an alert down when the call stops waiting, and replaces one raised again', () => {
    const rules = alertFeed();
    const os = notificationCentre();
    showAlertsNatively(rules.feed, os.port, inEnglish, NO_FOCUS);
    rules.raise(ringing('a', 'Acme Ltd', ''));
    rules.raise(ringing('a', 'Acme Ltd', '0612'));
    expect(os.onScreen()).toEqual([{ title: 'Call for you', body: 'Acme Ltd 0612' }]);
    rules.end('ring:a');
    rules.end('ring:never-shown');
    expect(os.onScreen()).toEqual([]);
  });

  it('shows nothing where the OS has no notifications, and stops cleanly', () => {
    const rules = alertFeed();
    const none = notificationCentre(false);
    showAlertsNatively(rules.feed, none.port, inEnglish, NO_FOCUS)();
    rules.raise(ringing('a', 'Acme Ltd', ''));
    expect(none.onScreen()).toEqual([]);

    const os = notificationCentre();
    const stop = showAlertsNatively(rules.feed, os.port, inEnglish, NO_FOCUS);
    rules.raise(ringing('b', 'Beta', ''));
    stop();
    expect(os.onScreen()).toEqual([]);
    expect(rules.listeners()).toBe(0);
  });

  it('words an alert in the operator’s language, the caller as the PBX tells them', () => {
    const alert = ringing('a', 'Acme Ltd', '+4930123456');
    expect(notificationFor(alert, DESKTOP_WORDS['zh-CN'])).toEqual({ title: '您有来电', body: 'Acme Ltd +4930123456' });
    expect(notificationFor(alert, DESKTOP_WORDS.ko)).toEqual({
      title: '전화가 왔습니다',
      body: 'Acme Ltd +4930123456',
    });
    expect(notificationFor(ringing('b', '', ''), DESKTOP_WORDS.ko).body).toBe('알 수 없는 발신자');
    expect(notificationFor(ringing('b', '', ''), DESKTOP_WORDS.en).body).toBe('Unknown caller');
    const longWait = waiting('c', 'sales', '', '0612');
    expect(notificationFor(longWait, DESKTOP_WORDS['zh-CN'])).toEqual({
      title: '队列 sales 中有来电者等待过久',
      body: '0612',
    });
    expect(notificationFor(longWait, DESKTOP_WORDS.ko)).toEqual({
      title: 'sales 대기열에서 발신자가 오래 기다리고 있습니다',
      body: '0612',
    });
  });
});

const window: Sender = { id: 'w', send: () => {}, onClosed: () => {} };
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/**
 * The desktop app's alerts as main wires them: the services the app creates, a profile saved
 * through the profiles handlers, connected to a fresh simulated PBX, and the OS's notification
 * centre as the one stand-in (Electron's Notification is absent here).
 */
async function desktopOnSim(settings: Partial<ProfileDraftInput> = {}) {
  const userDataDir = await mkdtemp(join(tmpdir(), 'switchboard-alerts-'));
  cleanups.push(() => rm(userDataDir, { recursive: true, force: true }));
  const broadcasts: Array<{ channel: string; payload: unknown }> = [];
  const services = createMainServices({
    broadcast: (channel, payload) => broadcasts.push({ channel, payload }),
    log: { warn: () => undefined, error: () => undefined },
    demoScenario: 'none',
    userDataDir,
    vault: new MapVault(),
    osLanguages: ['en-GB'],
  });
  cleanups.push(() => services.dispose());
  const pbx = await startSimulatedPbx({ port: 0 });
  cleanups.push(() => pbx.close());
  const draft = ProfileDraftSchema.parse({
    displayName: 'Front desk',
    host: '127.0.0.1',
    port: pbx.port,
    username: 'demo',
    myDevice: 'PJSIP/100',
    ...settings,
  });
  const { id: profileId } = await services.handlers['profiles:create'](draft, window);

  const onScreen = new Map<string, () => void>();
  let shownEver = 0;
  const port: NotificationPort = {
    supported: true,
    show: ({ title, body }, onClick) => {
      const key = `${title}: ${body}`;
      shownEver++;
      onScreen.set(key, onClick);
      return { close: () => onScreen.delete(key) };
    },
  };
  return { services, pbx, profileId, port, onScreen, shownEver: () => shownEver, broadcasts };
}

describe('a native alert when my phone rings, by the rule the page’s banner uses', () => {
  it('shows the caller while my phone rings, focuses the call on a click, and goes when the caller hangs up', async () => {
    const { services, pbx, profileId, port, onScreen } = await desktopOnSim();
    const { focus, focused } = focusTrail();
    const words = (alert: ConsoleAlert) => notificationFor(alert, DESKTOP_WORDS[services.desktop.language()]);
    const stop = showAlertsNatively(services.alerts, port, words, focus);
    cleanups.push(async () => stop());

    await services.handlers['session:connect']({ profileId, secret: 'demo' }, window);
    await pbx.placeCall('+4930123456', '101', { hangupAfterMs: 3_000 });
    await pbx.placeCall('+4930999999', '100', { hangupAfterMs: 1_500 });
    await expect
      .poll(() => [...onScreen.keys()], { timeout: 5_000 })
      .toEqual([expect.stringMatching(/^Call for you: .*\+4930999999/)]);
    const ringingCall = services.store
      .values('calls')
      .find((call) => call.parties.some((party) => party.number === '+4930999999'));
    [...onScreen.values()][0]!();
    expect(focused).toEqual([`call:${ringingCall!.id}`]);
    expect(onScreen.size).toBe(0);

    // The page said it speaks Korean (its profile's or the login screen's language).
    await services.handlers['desktop:speak']({ language: 'ko' }, window);
    await pbx.placeCall('+4930777777', '100', { hangupAfterMs: 1_000 });
    await expect
      .poll(() => [...onScreen.keys()], { timeout: 5_000 })
      .toEqual([expect.stringMatching(/^전화가 왔습니다: .*\+4930777777/)]);
    await expect.poll(() => onScreen.size, { timeout: 8_000 }).toBe(0);
    expect(focused).toHaveLength(1);
  });
});

describe('a native alert when a caller waits too long in a watched queue, by the rule the page’s banner uses', () => {
  it('none while the queue is not watched; once watched, one notification per caller past the threshold, a click focuses the caller, gone when they hang up', async () => {
    const { services, pbx, profileId, port, onScreen, shownEver, broadcasts } = await desktopOnSim({
      queueWaitThresholdSeconds: 5,
      watchedQueues: ['sales'],
    });
    const words = (alert: ConsoleAlert) => notificationFor(alert, DESKTOP_WORDS[services.desktop.language()]);
    const stop = showAlertsNatively(services.alerts, port, words, {
      call: (callId) => services.desktop.focusCall(callId),
      queueCaller: (callerId) => services.desktop.focusQueueCaller(callerId),
    });
    cleanups.push(async () => stop());
    await services.handlers['session:connect']({ profileId, secret: 'demo' }, window);
    const operator = () => services.store.values('queues').find((queue) => queue.name === 'operator');
    // Nobody answers the queue, so its callers keep waiting.
    pbx.setDeviceState('PJSIP/118', 'UNAVAILABLE');
    pbx.setDeviceState('PJSIP/119', 'UNAVAILABLE');
    await expect.poll(() => operator()?.members.map((member) => member.state)).toEqual(['unavailable', 'unavailable']);

    await pbx.placeCall('0301111111', '800');
    await expect.poll(() => operator()?.callers.map((caller) => caller.number)).toEqual(['0301111111']);
    const caller = operator()!.callers[0]!;
    // Past the 5 s threshold in a queue the profile does not watch: nothing.
    await expect.poll(() => Date.now() - caller.joinedAt, { timeout: 8_000, interval: 200 }).toBeGreaterThan(5_500);
    expect(services.alerts.alerts).toEqual([]);
    expect(shownEver()).toBe(0);

    // The operator watches `operator` now (the profile edited while logged in): the long wait alerts at once.
    const alertsBegan = pbx.actionsReceived.length;
    const actionsSince = (index: number) =>
      pbx.actionsReceived
        .slice(index)
        .map((entry) => entry.action.get('Action'))
        .filter((name) => name !== 'Ping');
    await services.handlers['profiles:update']({ id: profileId, changes: { watchedQueues: ['operator'] } }, window);
    await expect.poll(() => [...onScreen.keys()]).toEqual(['Caller waiting too long in queue operator: 0301111111']);

    // A second caller alerts when they cross the threshold, with no PBX event at that moment; the first is not shown again.
    await pbx.placeCall('0302222222', '800');
    await expect.poll(() => operator()?.callers).toHaveLength(2);
    const second = operator()!.callers.find((one) => one.number === '0302222222')!;
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(Date.now() - second.joinedAt).toBeLessThan(5_000);
    expect(shownEver()).toBe(1);
    await expect
      .poll(() => [...onScreen.keys()].sort(), { timeout: 5_000 })
      .toEqual([
        'Caller waiting too long in queue operator: 0301111111',
        'Caller waiting too long in queue operator: 0302222222',
      ]);
    expect(shownEver()).toBe(2);

    onScreen.get('Caller waiting too long in queue operator: 0301111111')!();
    expect(broadcasts.filter(({ channel }) => channel === 'queues:focusCaller')).toEqual([
      { channel: 'queues:focusCaller', payload: { callerId: caller.id } },
    ]);

    const secondChannel = pbx.model.queue.callers.find((entry) => entry.channel.callerIdNum === '0302222222')!.channel;
    pbx.telephony.hangup(secondChannel);
    await expect.poll(() => onScreen.size).toBe(0);
    expect(services.alerts.alerts.map((alert) => alert.key)).toEqual([`queue:${caller.id}`]);
    expect(shownEver()).toBe(2);
    // The alerts came from the PBX's events and main's clock alone: the console sent nothing for them.
    expect(actionsSince(alertsBegan)).toEqual([]);
  }, 30_000);
});
