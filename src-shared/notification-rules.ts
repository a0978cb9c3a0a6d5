/**
 * When the console alerts the operator, and what the alert says: one rule for the page's in-page
 * banner and for a native notification driven from main. Plain data in, plain data out; it knows
 * the picture only by the few fields it reads.
 */

/** What the rule reads of a call's person (the picture's CallParty has these). */
export interface AlertParty {
  readonly extensionId: string | undefined;
  readonly number: string;
  readonly name: string;
  readonly state: string;
}

/** What the rule reads of a call (the picture's LiveCall has these). */
export interface AlertCall {
  readonly id: string;
  readonly parties: readonly AlertParty[];
}

/** My phone rings: who is calling, in full. */
export interface IncomingCallAlert {
  readonly kind: 'ringingForMe';
  /** Stable while the call rings: a notification is shown once per key. */
  readonly key: string;
  /** The call to focus when the alert is clicked. */
  readonly callId: string;
  readonly callerName: string;
  readonly callerNumber: string;
}

export type CallAlert = IncomingCallAlert;

/**
 * Every call ringing at my phone, oldest first as the calls come: the caller is the first other
 * person on the call (a ring group's other legs ring too; they are not the caller).
 */
export function incomingCallAlerts(calls: readonly AlertCall[], myExtensionId: string | undefined): CallAlert[] {
  if (!myExtensionId) return [];
  return calls.flatMap((call) => {
    const me = call.parties.find((party) => party.extensionId === myExtensionId);
    if (!me || me.state !== 'ringing') return [];
    const caller = call.parties.find((party) => party !== me && party.state !== 'ringing') ??
      call.parties.find((party) => party !== me) ?? { number: '', name: '' };
    const name = caller.name.trim() === caller.number.trim() ? '' : caller.name.trim();
    return [
      { kind: 'ringingForMe', key: `ring:${call.id}`, callId: call.id, callerName: name, callerNumber: caller.number },
    ];
  });
}

/** The window's title with the count of what waits for me: `(2) Switchboard`. */
export function titleWithCount(title: string, alerts: readonly CallAlert[]): string {
  return alerts.length > 0 ? `(${alerts.length}) ${title}` : title;
}

/** Alerts that are new since the last look: each is notified once. */
export function newAlerts(before: readonly CallAlert[], now: readonly CallAlert[]): CallAlert[] {
  const seen = new Set(before.map((alert) => alert.key));
  return now.filter((alert) => !seen.has(alert.key));
}
