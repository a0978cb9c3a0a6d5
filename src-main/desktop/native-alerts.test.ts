import { EventEmitter } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CallAlert } from '../../src-shared/notification-rules';
import { ProfileDraftSchema } from '../../src-shared/profile';
import type { CallAlertsChange } from '../alerts/call-alerts';
import type { Sender } from '../ipc/gatekeeper';
import { MapVault } from '../profiles/testing/vaults';
import { createMainServices } from '../services';
import { startSimulatedPbx } from '../sim';
import { DESKTOP_WORDS } from './desktop-words';
import { notificationFor, showAlertsNatively, type AlertFeed, type NotificationPort } from './native-alerts';

/** The rules' feed as CallAlerts offers it: each change with what alerts now and what is new. */
function alertFeed() {
  const events = new EventEmitter();
  let current: CallAlert[] = [];
  const feed: AlertFeed = {
    onChange: (listener) => {
      events.on('change', listener);
      return () => events.off('change', listener);
    },
  };
  const change = (next: CallAlert[], added: CallAlert[]) => {
    current = next;
    events.emit('change', { current, added } satisfies CallAlertsChange);
  };
  return {
    feed,
    raise: (alert: CallAlert) => change([...current.filter((a) => a.key !== alert.key), alert], [alert]),
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
const inEnglish = (alert: CallAlert) => notificationFor(alert, DESKTOP_WORDS.en);

describe('native incoming-call alerts', () => {
  it('shows each alert, and a click takes it down and focuses its call', () => {
    const rules = alertFeed();
    const os = notificationCentre();
    const focused: string[] = [];
    showAlertsNatively(rules.feed, os.port, inEnglish, (callId) => focused.push(callId));
    rules.raise(ringing('a', 'Acme Ltd', '0612345678'));
    rules.raise(ringing('b', '', '0698765432'));
    expect(os.onScreen()).toEqual([
      { title: 'Call for you', body: 'Acme Ltd 0612345678' },
      { title: 'Call for you', body: '0698765432' },
    ]);
    os.click('0698765432');
    expect(focused).toEqual(['call-b']);
    expect(os.onScreen()).toEqual([{ title: 'Call for you', body: 'Acme Ltd 0612345678' }]);
  });

  it('takes an alert down when the call stops waiting, and replaces one raised again', () => {
    const rules = alertFeed();
    const os = notificationCentre();
    showAlertsNatively(rules.feed, os.port, inEnglish, () => undefined);
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
    showAlertsNatively(rules.feed, none.port, inEnglish, () => undefined)();
    rules.raise(ringing('a', 'Acme Ltd', ''));
    expect(none.onScreen()).toEqual([]);

    const os = notificationCentre();
    const stop = showAlertsNatively(rules.feed, os.port, inEnglish, () => undefined);
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
  });
});

const window: Sender = { id: 'w', send: () => {}, onClosed: () => {} };
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('a native alert when my phone rings, by the rule the page’s banner uses', () => {
  it('shows the caller while my phone rings, focuses the call on a click, and goes when the caller hangs up', async () => {
    const userDataDir = await mkdtemp(join(tmpdir(), 'switchboard-alerts-'));
    cleanups.push(() => rm(userDataDir, { recursive: true, force: true }));
    const services = createMainServices({
      broadcast: () => undefined,
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
    });
    const { id: profileId } = await services.handlers['profiles:create'](draft, window);

    const onScreen = new Map<string, () => void>();
    const port: NotificationPort = {
      supported: true,
      show: ({ title, body }, onClick) => {
        const key = `${title}: ${body}`;
        onScreen.set(key, onClick);
        return { close: () => onScreen.delete(key) };
      },
    };
    const focused: string[] = [];
    const words = (alert: CallAlert) => notificationFor(alert, DESKTOP_WORDS[services.desktop.language()]);
    const stop = showAlertsNatively(services.alerts, port, words, (callId) => focused.push(callId));
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
    expect(focused).toEqual([ringingCall!.id]);
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
