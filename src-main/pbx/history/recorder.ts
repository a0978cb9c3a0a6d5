import type { CallParty, LiveCall, ParkedCall } from '../../../src-preload/state';
import type {
  CallRecord,
  HistoryDirection,
  HistoryOutcome,
  HistoryPerson,
  HistoryScope,
} from '../../../src-shared/call-history';
import type { CallService } from '../calls/events';
import type { PbxModel } from '../calls/model';

/** What the picture does not show about a call: its recording and the services it reached. */
export interface CallFacts {
  readonly recordingFile: string | undefined;
  readonly service: CallService | undefined;
}

/** The board's calls at one moment, as the call desk publishes them. */
export interface CallPictureMoment {
  readonly now: number;
  readonly calls: readonly LiveCall[];
  readonly parked: readonly ParkedCall[];
  /** My tile, when my device has one. */
  readonly myExtensionId: string | undefined;
  /** By call id; calls without any fact are absent. */
  readonly facts: ReadonlyMap<string, CallFacts>;
}

/** Recording files and services by call id, from the channels of the model. */
export function callFactsOf(model: PbxModel): Map<string, CallFacts> {
  const facts = new Map<string, CallFacts>();
  for (const channel of model.channels.values()) {
    if (channel.recordingFile === undefined && channel.service === undefined) continue;
    const known = facts.get(channel.callId);
    facts.set(channel.callId, {
      recordingFile: known?.recordingFile ?? channel.recordingFile,
      service: channel.service ?? known?.service,
    });
  }
  return facts;
}

interface SeenParty {
  readonly person: HistoryPerson;
  /** The moment it first appeared (moments are numbered as they are observed). */
  readonly firstMoment: number;
  talked: boolean;
}

/** One conversation: the board's calls that shared a person, merged (a transfer or a pickup makes a new call id). */
interface Conversation {
  startedAt: number;
  readonly callIds: Set<string>;
  /** By person (one person may come and go on several channels); insertion order is the order they appeared. */
  readonly parties: Map<string, SeenParty>;
  /** A second person answered: when, in which moment, and who. */
  answer: { readonly at: number; readonly moment: number; readonly by: string | undefined } | undefined;
  /** A lone party answered: a PBX service (queue, mailbox, echo) took the call. */
  serviceAnswered: boolean;
  /** Someone of the answering pair left while the call went on. */
  handedOver: boolean;
  parked: { readonly slot: string; readonly moment: number } | undefined;
  recordingFile: string | undefined;
  queue: string | undefined;
  mailbox: string | undefined;
  everMine: boolean;
  /** My tile as last known while the call lived. */
  me: string | undefined;
  lastMoment: number;
}

export interface CallHistoryRecorderOptions {
  readonly scope: HistoryScope;
  /** Each finished call in scope, once. */
  readonly onRecord: (record: CallRecord) => void;
}

/**
 * Follows every call on the board from the picture the call desk publishes and, when a conversation
 * leaves the picture, hands on what happened to it. Calls that share a person are one conversation:
 * a transfer, a park or a pickup gives the board a new call id, not the history a new call.
 * Pure: no clock, no I/O; time comes with each moment.
 */
export class CallHistoryRecorder {
  private readonly conversations = new Set<Conversation>();
  private readonly byCallId = new Map<string, Conversation>();
  private readonly byPartyId = new Map<string, Conversation>();
  private moment = 0;

  constructor(private readonly options: CallHistoryRecorderOptions) {}

  observe(moment: CallPictureMoment): void {
    const seq = ++this.moment;
    const parkedSlots = new Map<string, string>();
    for (const parked of moment.parked) if (parked.callId) parkedSlots.set(parked.callId, parked.slot);
    const present = new Map<Conversation, Set<string>>();
    for (const call of moment.calls) {
      const conversation = this.conversationOf(call);
      conversation.lastMoment = seq;
      this.follow(conversation, call, moment, seq, parkedSlots.get(call.id));
      const people = present.get(conversation) ?? new Set<string>();
      for (const party of call.parties) people.add(personKey(party));
      present.set(conversation, people);
    }
    for (const [conversation, people] of present) {
      const { answer } = conversation;
      if (answer?.by === undefined) continue;
      if (!people.has(firstPartyId(conversation) ?? '') || !people.has(answer.by)) conversation.handedOver = true;
    }
    for (const conversation of [...this.conversations]) {
      if (conversation.lastMoment < seq) this.finish(conversation, moment.now);
    }
  }

  /** Ends every conversation being followed (the link dropped: the PBX's lists rebuild the picture anew). */
  finishAll(now: number): void {
    for (const conversation of [...this.conversations]) this.finish(conversation, now);
  }

  /** The conversation a live call belongs to: by its id or any of its people; several are merged into the oldest. */
  private conversationOf(call: LiveCall): Conversation {
    const owners = new Set<Conversation>();
    const byId = this.byCallId.get(call.id);
    if (byId) owners.add(byId);
    for (const party of call.parties) {
      const owner = this.byPartyId.get(party.partyId);
      if (owner) owners.add(owner);
    }
    const [oldest, ...others] = [...owners].sort((a, b) => a.startedAt - b.startedAt);
    const conversation = oldest ?? this.start(call);
    for (const other of others) this.merge(conversation, other);
    conversation.callIds.add(call.id);
    this.byCallId.set(call.id, conversation);
    return conversation;
  }

  private start(call: LiveCall): Conversation {
    const conversation: Conversation = {
      startedAt: call.startedAt,
      callIds: new Set(),
      parties: new Map(),
      answer: undefined,
      serviceAnswered: false,
      handedOver: false,
      parked: undefined,
      recordingFile: undefined,
      queue: undefined,
      mailbox: undefined,
      everMine: false,
      me: undefined,
      lastMoment: 0,
    };
    this.conversations.add(conversation);
    return conversation;
  }

  private merge(into: Conversation, from: Conversation): void {
    into.startedAt = Math.min(into.startedAt, from.startedAt);
    for (const [key, party] of from.parties) if (!into.parties.has(key)) into.parties.set(key, party);
    for (const [partyId, owner] of this.byPartyId) if (owner === from) this.byPartyId.set(partyId, into);
    for (const callId of from.callIds) {
      into.callIds.add(callId);
      this.byCallId.set(callId, into);
    }
    into.answer ??= from.answer;
    into.serviceAnswered ||= from.serviceAnswered;
    into.handedOver ||= from.handedOver;
    into.parked ??= from.parked;
    into.recordingFile ??= from.recordingFile;
    into.queue ??= from.queue;
    into.mailbox ??= from.mailbox;
    into.everMine ||= from.everMine;
    into.me ??= from.me;
    into.lastMoment = Math.max(into.lastMoment, from.lastMoment);
    this.conversations.delete(from);
  }

  private follow(
    conversation: Conversation,
    call: LiveCall,
    moment: CallPictureMoment,
    seq: number,
    parkedSlot: string | undefined,
  ): void {
    conversation.startedAt = Math.min(conversation.startedAt, call.startedAt);
    if (parkedSlot !== undefined) conversation.parked ??= { slot: parkedSlot, moment: seq };
    for (const party of call.parties) {
      this.byPartyId.set(party.partyId, conversation);
      const key = personKey(party);
      const known = conversation.parties.get(key);
      if (known) {
        known.talked ||= party.state === 'up';
        continue;
      }
      conversation.parties.set(key, {
        person: { number: party.number, name: party.name, extensionId: party.extensionId },
        firstMoment: seq,
        talked: party.state === 'up',
      });
    }
    if (call.answeredAt !== undefined) {
      // Answered means a second person answered; a lone caller in a queue or a mailbox is the PBX's.
      if (call.parties.length === 1) conversation.serviceAnswered = true;
      else if (!conversation.answer) {
        const first = firstPartyId(conversation);
        const by = call.parties.find((party) => personKey(party) !== first && party.state === 'up');
        conversation.answer = { at: call.answeredAt, moment: seq, by: by && personKey(by) };
      }
    }
    const mine = moment.myExtensionId;
    conversation.me = mine ?? conversation.me;
    if (mine !== undefined && call.parties.some((party) => party.extensionId === mine)) conversation.everMine = true;
    const facts = moment.facts.get(call.id);
    conversation.recordingFile ??= facts?.recordingFile;
    if (facts?.service?.kind === 'queue') conversation.queue = facts.service.queue;
    if (facts?.service?.kind === 'voicemail') conversation.mailbox = facts.service.mailbox;
  }

  private finish(conversation: Conversation, endedAt: number): void {
    this.conversations.delete(conversation);
    for (const callId of conversation.callIds) {
      if (this.byCallId.get(callId) === conversation) this.byCallId.delete(callId);
    }
    for (const [partyId, owner] of this.byPartyId) if (owner === conversation) this.byPartyId.delete(partyId);
    if (this.options.scope === 'mine' && !conversation.everMine) return;
    const first = firstPartyId(conversation);
    const from = first === undefined ? undefined : conversation.parties.get(first);
    // A channel with no number, name or tile (a failed originate to nowhere) is no one to show or call back.
    if (!from || [...conversation.parties.values()].every((party) => isNobody(party.person))) return;
    const { answer } = conversation;
    const answerer = answer?.by === undefined ? undefined : conversation.parties.get(answer.by);
    const firstOther = [...conversation.parties.values()].find((party) => party !== from);
    const direction = directionOf(conversation, from.person);
    this.options.onRecord({
      callId: [...conversation.callIds][0] ?? '',
      startedAt: conversation.startedAt,
      endedAt,
      direction,
      mine: conversation.everMine,
      from: from.person,
      to: (answerer ?? firstOther)?.person,
      parties: [...conversation.parties.values()].map((party) => party.person),
      waitMs: Math.max(0, (answer?.at ?? endedAt) - conversation.startedAt),
      talkMs: answer ? Math.max(0, endedAt - answer.at) : 0,
      outcome: outcomeOf(conversation, direction),
      recordingFile: conversation.recordingFile,
    });
  }
}

function firstPartyId(conversation: Conversation): string | undefined {
  return conversation.parties.keys().next().value;
}

/** One person however many channels they come on: their tile, else their number, else the channel. */
function personKey(party: CallParty): string {
  if (party.extensionId !== undefined) return `tile:${party.extensionId}`;
  return party.number ? `number:${party.number}` : `party:${party.partyId}`;
}

function isNobody(person: HistoryPerson): boolean {
  return person.extensionId === undefined && person.number === '' && person.name === '';
}

function directionOf(conversation: Conversation, from: HistoryPerson): HistoryDirection {
  if (conversation.everMine)
    return from.extensionId !== undefined && from.extensionId === conversation.me ? 'out' : 'in';
  const people = [...conversation.parties.values()].map((party) => party.person);
  if (people.every((person) => person.extensionId !== undefined)) return 'internal';
  return from.extensionId !== undefined ? 'out' : 'in';
}

function outcomeOf(conversation: Conversation, direction: HistoryDirection): HistoryOutcome {
  const { answer, parked, mailbox, queue } = conversation;
  const parties = [...conversation.parties.values()];
  if (!answer) {
    if (mailbox !== undefined) return { kind: 'voicemail', mailbox };
    if (queue !== undefined) return { kind: 'abandoned', queue };
    if (conversation.serviceAnswered && parties.length === 1) return { kind: 'answered' };
    return direction === 'out' ? { kind: 'unanswered' } : { kind: 'missed' };
  }
  if (parked) {
    const pickedUpBy = parties.find((party) => party.firstMoment > parked.moment && party.talked)?.person;
    return { kind: 'parked', slot: parked.slot, pickedUpBy };
  }
  if (mailbox !== undefined) return { kind: 'voicemail', mailbox };
  const to = parties.filter((party) => party.firstMoment > answer.moment && party.talked).at(-1)?.person;
  if (conversation.handedOver && to) return { kind: 'transferred', to };
  return { kind: 'answered' };
}
