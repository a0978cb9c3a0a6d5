/**
 * Incoming-call alerts as the OS's own notifications, shown by main: the page never asks for the
 * Notification permission (every permission is refused). The rules that decide when to alert (my
 * phone rings, a queue caller waits too long) raise alerts on an AlertSource; this shows them,
 * takes them down when the call stops waiting, and brings the call to the front on a click.
 */

export interface IncomingCallAlert {
  /** Stable while the same call is alerting; a new alert with the same id replaces the old. */
  readonly id: string;
  /** The main-issued id of the call to focus on a click. */
  readonly callId: string;
  /** e.g. `Call for you`. */
  readonly title: string;
  /** Who is calling: name and number, as the PBX tells them. */
  readonly body: string;
}

export interface AlertSource {
  onAlert(listener: (alert: IncomingCallAlert) => void): () => void;
  /** The alert no longer applies (answered, hung up, taken by someone). */
  onAlertEnded(listener: (alertId: string) => void): () => void;
}

/** One shown notification. */
export interface ShownNotification {
  close(): void;
}

/** The OS's notifications (Electron's Notification in the app). */
export interface NotificationPort {
  readonly supported: boolean;
  show(content: { readonly title: string; readonly body: string }, onClick: () => void): ShownNotification;
}

/** Shows every alert of `source` through `port` until the returned function is called. */
export function showAlertsNatively(
  source: AlertSource,
  port: NotificationPort,
  focusCall: (callId: string) => void,
): () => void {
  const shown = new Map<string, ShownNotification>();
  const takeDown = (alertId: string) => {
    shown.get(alertId)?.close();
    shown.delete(alertId);
  };
  const stopAlerts = source.onAlert((alert) => {
    if (!port.supported) return;
    takeDown(alert.id);
    const notification = port.show({ title: alert.title, body: alert.body }, () => {
      takeDown(alert.id);
      focusCall(alert.callId);
    });
    shown.set(alert.id, notification);
  });
  const stopEnded = source.onAlertEnded(takeDown);
  return () => {
    stopAlerts();
    stopEnded();
    for (const id of [...shown.keys()]) takeDown(id);
  };
}
