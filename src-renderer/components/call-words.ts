import type { LiveCall, RecordingState } from '../../src-preload/state';

/** The call's recording state as one badge: recording wins over paused. */
export function recordingOf(call: LiveCall): RecordingState {
  const states = call.parties.map((party) => party.recording);
  if (states.includes('recording')) return 'recording';
  return states.includes('paused') ? 'paused' : 'none';
}

/** "105 Emma Fischer": a name only where it says more than the number. */
export function personLabel(person: { readonly number: string; readonly name: string }): string {
  return person.name && person.name !== person.number ? `${person.number} ${person.name}`.trim() : person.number;
}

/** "105 Emma Fischer, 100 Reception": who is on a call, for dialogs and labels. */
export function whoIsOn(call: LiveCall): string {
  return call.parties.map(personLabel).join(', ');
}
