import type { CallParty, CallState, LiveCall, RecordingState } from '../../src-preload/state';
import { i18n } from '../i18n';

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

/** "105 Emma Fischer and 100 Reception", in the language spoken: people named in a sentence. */
export function joinPeople(labels: readonly string[]): string {
  return new Intl.ListFormat(i18n.global.locale.value, { type: 'conjunction' }).format(labels);
}

/** Everyone on a call, for dialogs and labels. */
export function whoIsOn(call: LiveCall): string {
  return joinPeople(call.parties.map(personLabel));
}

export const isMyCall = (call: LiveCall, myExtensionId: string | undefined) =>
  myExtensionId !== undefined && call.parties.some((party) => party.extensionId === myExtensionId);

/** The people on a call other than me: the ones a prompt or a notice should name. */
export function othersOn(call: LiveCall, myExtensionId: string | undefined): string {
  const others = call.parties.filter((party) => myExtensionId === undefined || party.extensionId !== myExtensionId);
  return joinPeople((others.length > 0 ? others : call.parties).map(personLabel));
}

/** The person a park or transfer moves: the one named, else the one who is not me (when there is one). */
export function movedParty(call: LiveCall, partyId: string | undefined, myExtensionId: string | undefined) {
  if (partyId) return call.parties.find((party) => party.partyId === partyId);
  const others = call.parties.filter((party) => myExtensionId === undefined || party.extensionId !== myExtensionId);
  return others.length === 1 ? others[0] : undefined;
}

/** What a call's or a person's state is called: an outside caller not yet answered is waiting, not dialling. */
export type StateWord = CallState | 'waiting';

export function callStateWord(call: LiveCall): StateWord {
  return call.state === 'dialing' && call.direction === 'inbound' ? 'waiting' : call.state;
}

export function partyStateWord(party: CallParty): StateWord {
  return party.state === 'dialing' && party.extensionId === undefined ? 'waiting' : party.state;
}
