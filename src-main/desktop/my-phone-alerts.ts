import type { LiveCall } from '../../src-preload/state';
import type { PictureStore } from '../pbx/picture-store';
import type { DesktopSession } from '../services';
import type { AlertSource, IncomingCallAlert } from './native-alerts';

/**
 * One alert rule: my phone rings. A call alerts while my tile's party on it rings, and the alert
 * ends when it stops ringing (answered, taken elsewhere, hung up).
 */
export function alertsWhenMyPhoneRings(session: DesktopSession, store: PictureStore): AlertSource {
  const alertListeners = new Set<(alert: IncomingCallAlert) => void>();
  const endListeners = new Set<(alertId: string) => void>();
  const alerting = new Set<string>();

  const ringingForMe = (call: LiveCall, me: string) =>
    call.parties.some((party) => party.extensionId === me && party.state === 'ringing');

  const check = () => {
    const me = session.myExtensionId();
    const now = new Map<string, LiveCall>();
    if (me !== undefined) for (const call of store.values('calls')) if (ringingForMe(call, me)) now.set(call.id, call);
    for (const id of [...alerting]) {
      if (now.has(id)) continue;
      alerting.delete(id);
      for (const listener of endListeners) listener(id);
    }
    for (const [id, call] of now) {
      if (alerting.has(id)) continue;
      alerting.add(id);
      const alert = { id, callId: id, title: 'Call for you', body: callerWords(call, me!) };
      for (const listener of alertListeners) listener(alert);
    }
  };
  store.onPatch((patch) => {
    if (patch.collection === 'calls') check();
  });

  return {
    onAlert: (listener) => {
      alertListeners.add(listener);
      return () => alertListeners.delete(listener);
    },
    onAlertEnded: (listener) => {
      endListeners.add(listener);
      return () => endListeners.delete(listener);
    },
  };
}

/** Who is calling, by name and number as the PBX tells them. */
function callerWords(call: LiveCall, me: string): string {
  const callers = call.parties
    .filter((party) => party.extensionId !== me)
    .map((party) => [party.name, party.number].filter(Boolean).join(' '))
    .filter(Boolean);
  return callers.length > 0 ? callers.join(', ') : 'Unknown caller';
}
