import type { LiveCall, RecordingState } from '../../src-preload/state';

/** The call's recording state as one badge: recording wins over paused. */
export function recordingOf(call: LiveCall): RecordingState {
  const states = call.parties.map((party) => party.recording);
  if (states.includes('recording')) return 'recording';
  return states.includes('paused') ? 'paused' : 'none';
}

/** "105 Emma Fischer, 100 Reception": who is on a call, for dialogs and labels. */
export function whoIsOn(call: LiveCall): string {
  return call.parties.map((party) => [party.number, party.name].filter(Boolean).join(' ')).join(', ');
}
