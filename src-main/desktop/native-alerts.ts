import type { ConsoleAlert } from '../../src-shared/notification-rules';
import type { ConsoleAlertsChange } from '../alerts/console-alerts';
import type { DesktopWords } from './desktop-words';

/**
 * Incoming-call and queue-wait alerts as the OS's own notifications, shown by main: the page never
 * asks for the Notification permission (every permission is refused). The notification rules
 * (src-shared) decide when to alert, for this and for the page's banner alike; this shows each new
 * alert, takes it down when it stops applying, and brings the call or the waiting caller to the
 * front on a click.
 */

/** What the rules say as they follow the picture (ConsoleAlerts in main). */
export interface AlertFeed {
  onChange(listener: (change: ConsoleAlertsChange) => void): () => void;
}

/** What a click on a notification brings into focus on the page. */
export interface AlertFocus {
  call(callId: string): void;
  queueCaller(callerId: string): void;
}

export interface NotificationContent {
  readonly title: string;
  readonly body: string;
}

/** One shown notification. */
export interface ShownNotification {
  close(): void;
}

/** The OS's notifications (Electron's Notification in the app). */
export interface NotificationPort {
  readonly supported: boolean;
  show(content: NotificationContent, onClick: () => void): ShownNotification;
}

/** An alert in the operator's words: who is calling (and in which queue), by name and number as the PBX tells them. */
export function notificationFor(alert: ConsoleAlert, words: DesktopWords): NotificationContent {
  const caller = [alert.callerName, alert.callerNumber].filter((part) => part !== '').join(' ') || words.unknownCaller;
  switch (alert.kind) {
    case 'ringingForMe':
      return { title: words.callForYou, body: caller };
    case 'queueWait':
      return { title: words.waitingInQueue(alert.queueName), body: caller };
  }
}

/** Shows every new alert of `feed` through `port` until the returned function is called. */
export function showAlertsNatively(
  feed: AlertFeed,
  port: NotificationPort,
  contentOf: (alert: ConsoleAlert) => NotificationContent,
  focus: AlertFocus,
): () => void {
  const shown = new Map<string, ShownNotification>();
  const takeDown = (key: string) => {
    shown.get(key)?.close();
    shown.delete(key);
  };
  const stopFeed = feed.onChange(({ current, added }) => {
    const applying = new Set(current.map((alert) => alert.key));
    for (const key of [...shown.keys()]) if (!applying.has(key)) takeDown(key);
    if (!port.supported) return;
    for (const alert of added) {
      takeDown(alert.key);
      const notification = port.show(contentOf(alert), () => {
        takeDown(alert.key);
        if (alert.kind === 'ringingForMe') focus.call(alert.callId);
        else focus.queueCaller(alert.callerId);
      });
      shown.set(alert.key, notification);
    }
  });
  return () => {
    stopFeed();
    for (const key of [...shown.keys()]) takeDown(key);
  };
}
