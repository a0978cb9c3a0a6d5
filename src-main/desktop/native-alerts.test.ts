import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { showAlertsNatively, type AlertSource, type IncomingCallAlert, type NotificationPort } from './native-alerts';

/** An alert source as the notification rules offer one: events on an emitter. */
function alertSource() {
  const events = new EventEmitter();
  const source: AlertSource = {
    onAlert: (listener) => {
      events.on('alert', listener);
      return () => events.off('alert', listener);
    },
    onAlertEnded: (listener) => {
      events.on('ended', listener);
      return () => events.off('ended', listener);
    },
  };
  return {
    source,
    raise: (alert: IncomingCallAlert) => events.emit('alert', alert),
    end: (id: string) => events.emit('ended', id),
    listeners: () => events.listenerCount('alert') + events.listenerCount('ended'),
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

const alert = (id: string, body: string): IncomingCallAlert => ({
  id,
  callId: `call-${id}`,
  title: 'Call for you',
  body,
});

describe('native incoming-call alerts', () => {
  it('shows each alert, and a click takes it down and focuses its call', () => {
    const rules = alertSource();
    const os = notificationCentre();
    const focused: string[] = [];
    showAlertsNatively(rules.source, os.port, (callId) => focused.push(callId));
    rules.raise(alert('a', 'Acme Ltd 0612345678'));
    rules.raise(alert('b', '0698765432'));
    expect(os.onScreen()).toEqual([
      { title: 'Call for you', body: 'Acme Ltd 0612345678' },
      { title: 'Call for you', body: '0698765432' },
    ]);
    os.click('0698765432');
    expect(focused).toEqual(['call-b']);
    expect(os.onScreen()).toEqual([{ title: 'Call for you', body: 'Acme Ltd 0612345678' }]);
  });

  it('takes an alert down when the call stops waiting, and replaces one raised again', () => {
    const rules = alertSource();
    const os = notificationCentre();
    showAlertsNatively(rules.source, os.port, () => undefined);
    rules.raise(alert('a', 'Acme Ltd'));
    rules.raise(alert('a', 'Acme Ltd (2nd ring)'));
    expect(os.onScreen()).toEqual([{ title: 'Call for you', body: 'Acme Ltd (2nd ring)' }]);
    rules.end('a');
    rules.end('never-shown');
    expect(os.onScreen()).toEqual([]);
  });

  it('shows nothing where the OS has no notifications, and stops cleanly', () => {
    const rules = alertSource();
    const none = notificationCentre(false);
    showAlertsNatively(rules.source, none.port, () => undefined)();
    rules.raise(alert('a', 'Acme Ltd'));
    expect(none.onScreen()).toEqual([]);

    const os = notificationCentre();
    const stop = showAlertsNatively(rules.source, os.port, () => undefined);
    rules.raise(alert('b', 'Beta'));
    stop();
    expect(os.onScreen()).toEqual([]);
    expect(rules.listeners()).toBe(0);
  });
});
