import type { CallAlert } from '../../src-shared/notification-rules';
import type { CallAlertsChange } from '../alerts/call-alerts';
import type { DesktopWords } from './desktop-words';

/**
 * Incoming-call alerts as the OS's own notifications, shown by main: the page never asks for the
 * Notification permission (every permission is refused). The notification rules (src-shared) decide
 * when to alert, for this and for the page's banner alike; this shows each new alert, takes it down
 * when it stops applying, and brings the call to the front on a click.
 */

/** What the rules say as they follow the picture (CallAlerts in main). */
export interface AlertFeed {
  onChange(listener: (change: CallAlertsChange) => void): () => void;
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

/** An alert in the operator's words: who is calling, by name and number as the PBX tells them. */
export function notificationFor(alert: CallAlert, words: DesktopWords): NotificationContent {
  switch (alert.kind) {
    case 'ringingForMe': {
      const caller = [alert.callerName, alert.callerNumber].filter((part) => part !== '').join(' ');
      return { title: words.callForYou, body: caller || words.unknownCaller };
    }
  }
}

/** Shows every new alert of `feed` through `port` until the returned function is called. */
export function showAlertsNatively(
  feed: AlertFeed,
  port: NotificationPort,
  contentOf: (alert: CallAlert) => NotificationContent,
  focusCall: (callId: string) => void,
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
        focusCall(alert.callId);
      });
      shown.set(alert.key, notification);
    }
  });
  return () => {
    stopFeed();
    for (const key of [...shown.keys()]) takeDown(key);
  };
}
