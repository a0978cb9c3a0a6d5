import { PRESENCE_STATES, type Presence, type PresenceState } from '../../src-preload/state';
import type { AmiMessage } from '../ami/message';

/** The presence provider of a hint, the part after the comma: `Custom:110,CustomPresence:110` → `CustomPresence:110`. */
export function presenceProviderOf(hint: string): string | undefined {
  const provider = hint.split(',')[1]?.trim();
  return provider ? provider : undefined;
}

/**
 * Presence from a PresenceStateChange (by provider, `Presentity`) or PresenceStatus (by hint) event,
 * or a PresenceStateList item; `undefined` for `not_set`, `invalid` and anything unknown.
 */
export function presenceFrom(message: AmiMessage): Presence | undefined {
  const state = (message.get('Status') ?? message.get('State') ?? '').trim().toLowerCase();
  if (!(PRESENCE_STATES as readonly string[]).includes(state)) return undefined;
  return {
    state: state as PresenceState,
    subtype: (message.get('Subtype') ?? '').trim(),
    message: (message.get('Message') ?? '').trim(),
  };
}
