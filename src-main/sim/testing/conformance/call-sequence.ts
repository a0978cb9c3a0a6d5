/**
 * Turns an AMI event stream (a lab trace or the simulator's) into what an operator console
 * consumes, with the lab's wiring taken out and values replaced by role names, so the two compare.
 *
 * Who the call's parties are. The lab has no phones: handset N is the Local pair `Local/N@phones`,
 * whose `;2` half is the phone itself (rings, answers, waits) and whose `;1` half is what a real
 * PBX shows as `PJSIP/N-…`: that `;1` is party "N". An Originate or an Atxfer to N creates an outer
 * pair `Local/N@internal`: its `;1` is the channel Asterisk reports (OriginateResponse, Dial caller,
 * transfer target) and stands for party N; its `;2` only dials the handset and bridges to it, and
 * that handset channel stays hidden behind the pair. Without `/n` the outer pair optimises away
 * (LocalOptimizationBegin/End): from then on the handset channel *is* party N, the outer channels'
 * remaining events (leaving, hanging up, the queue's AgentComplete for the vanished channel) are
 * wiring, and of the two bridges the call had (the handset's and the call's) the one that survives
 * continues the call's bridge. The simulator's `PJSIP/N-…` channels are party N directly.
 *
 * Asterisk orders events per channel and per bridge (each has its own topic); between topics, and
 * for device-state (ExtensionStatus, QueueMemberStatus) and originate results, the order depends on
 * threads, and the lab's recordings of the same flow differ there (07, 09, 10, 11 place
 * OriginateResponse and ExtensionStatus differently). So the normalised form is a set of streams,
 * each an exact sequence: one per party, per bridge, per hint, per queue member, and the originate
 * results.
 */
import type { AmiMessage } from '../../../ami/message';

/** The events a console consumes (the list); everything else is dialplan noise. */
const CONSUMED =
  /^(Newchannel|Newstate|DialBegin|DialEnd|Bridge(Create|Enter|Leave|Destroy|Merge)|Hold|Unhold|Hangup|ExtensionStatus|OriginateResponse|ParkedCall(TimeOut|GiveUp|Swap)?|UnParkedCall|BlindTransfer|AttendedTransfer|MixMonitor(Start|Stop|Mute)|Monitor(Start|Stop)|Queue(CallerJoin|CallerLeave|CallerAbandon|MemberStatus|MemberPause|MemberAdded|MemberRemoved)|Agent(Called|Connect|Complete|Ringnoanswer))$/;

/** Header values worth comparing after normalisation (the rest are compared by name only). */
const COMPARED_VALUES = new Set([
  'ChannelStateDesc',
  'DialStatus',
  'StatusText',
  'Response',
  'Result',
  'Reason',
  'Paused',
  'Membership',
]);

const CHANNEL_HEADER = /Channel$/;
const BRIDGE_HEADER = /BridgeUniqueid$/;

type ChannelKind = 'party' | 'handset' | 'pairFront' | 'wiring';

/** `Local/101@phones-0000002d;1` → handset, `Local/101@internal-…;1` → pairFront, `PJSIP/101-…` → party. */
function classify(name: string): { kind: ChannelKind; exten: string } | undefined {
  const local = /^Local\/(\d+)@(phones|internal)-[0-9a-f]+;([12])$/.exec(name);
  if (local) {
    const [, exten, context, half] = local;
    if (half === '2') return { kind: 'wiring', exten: exten! };
    return { kind: context === 'phones' ? 'handset' : 'pairFront', exten: exten! };
  }
  const device = /^(?:PJSIP|SIP)\/(\d+)-[0-9a-f]+$/.exec(name);
  return device ? { kind: 'party', exten: device[1]! } : undefined;
}

const pairOf = (channel: string) => channel.replace(/;[12]$/, '');

interface Party {
  readonly exten: string;
}

/** A kept event before roles are named: which parties and bridges it mentions. */
interface KeptEvent {
  readonly message: AmiMessage;
  readonly parties: Map<string, Party>;
  readonly bridges: Map<string, string>;
}

/** The normalised streams: stream name → events, each rendered `Name role/value list | header names`. */
export type CallSequence = Map<string, string[]>;

export function consumedCallSequence(messages: readonly AmiMessage[]): CallSequence {
  const lab = new LabWiring(messages);
  const kept: KeptEvent[] = [];
  for (const message of messages) {
    const event = message.event;
    if (event === undefined) continue;
    if (/^(LocalOptimization(Begin|End)|Bridge(Enter|Leave))$/.test(event)) lab.observe(message);
    if (!CONSUMED.test(event) || (message.actionId !== undefined && event !== 'OriginateResponse')) continue;
    const call = lab.keep(message);
    if (call) kept.push(call);
  }
  return render(
    kept.filter(
      (e) =>
        e.parties.size > 0 || [...e.bridges.values()].some((b) => lab.visibleBridges.has(b)) || !aboutCalls(e.message),
    ),
  );
}

/** Device-state and originate results belong to no channel or bridge. */
const aboutCalls = (m: AmiMessage) =>
  !/^(ExtensionStatus|QueueMember(Status|Pause|Added|Removed)|OriginateResponse)$/.test(m.event!);

/** Follows the lab's Local pairs through an event stream and decides which events are the call's. */
class LabWiring {
  /** Party identity of each channel name standing for a party. */
  private readonly parties = new Map<string, Party>();
  /** Handset channels hidden behind an outer pair until it optimises away, by the pair's name. */
  private readonly hiddenHandsets = new Map<string, string>();
  /** Channels of optimising or optimised-away pairs, and the channel moving while a pair optimises. */
  private readonly wiring = new Set<string>();
  private readonly bridgeOf = new Map<string, string>();
  /** Bridge id → the bridge whose role it continues (the surviving bridge of an optimised call). */
  private readonly bridgeAlias = new Map<string, string>();
  private readonly replacedBridges = new Set<string>();
  private optimising: { pair: string; source: string; callBridge: string | undefined } | undefined;
  readonly visibleBridges = new Set<string>();

  /** A handset's Newchannel comes before the DialBegin that shows an outer pair dialled it: look ahead. */
  constructor(messages: readonly AmiMessage[]) {
    for (const m of messages) {
      if (m.event !== 'DialBegin') continue;
      const caller = m.get('Channel') ?? '';
      const dest = m.get('DestChannel') ?? '';
      if (classify(caller)?.kind === 'wiring' && classify(dest)?.kind === 'handset')
        this.hiddenHandsets.set(pairOf(caller), dest);
    }
    this.reachingHandsets = new Set(this.hiddenHandsets.keys());
  }

  /** Outer pairs that reach a handset; one that does not (`Local/999@internal`) is a dial string going nowhere. */
  private readonly reachingHandsets: ReadonlySet<string>;

  observe(m: AmiMessage): void {
    const channel = m.get('Channel') ?? '';
    if (m.event === 'BridgeEnter') this.bridgeOf.set(channel, m.get('BridgeUniqueid')!);
    else if (m.event === 'BridgeLeave') this.bridgeOf.delete(channel);
    else if (m.event === 'LocalOptimizationBegin') {
      const pair = pairOf(m.get('LocalOneChannel')!);
      const source = m.get('SourceChannel')!;
      this.optimising = { pair, source, callBridge: this.bridgeOf.get(`${pair};1`) };
      this.wiring.add(`${pair};1`).add(`${pair};2`).add(source);
    } else if (m.event === 'LocalOptimizationEnd' && this.optimising) {
      const { pair, source, callBridge } = this.optimising;
      this.optimising = undefined;
      this.wiring.delete(source);
      const handset = this.hiddenHandsets.get(pair);
      const front = this.parties.get(`${pair};1`);
      if (handset && front) this.parties.set(handset, front);
      this.hiddenHandsets.delete(pair);
      const survivor = this.bridgeOf.get(source);
      if (survivor && callBridge && survivor !== callBridge) {
        this.bridgeAlias.set(survivor, this.bridgeAlias.get(callBridge) ?? callBridge);
        this.replacedBridges.add(callBridge);
      }
    }
  }

  /** The event with the parties and bridges it mentions, or undefined when it is about the lab's wiring. */
  keep(m: AmiMessage): KeptEvent | undefined {
    const parties = new Map<string, Party>();
    for (const [name, value] of m.headers) {
      if (!CHANNEL_HEADER.test(name) || value === '') continue;
      if (this.wiring.has(value)) return undefined;
      const party = this.partyFor(value);
      if (party === 'hidden') return undefined;
      if (party) parties.set(name, party);
    }
    if (m.event === 'BridgeDestroy' && this.replacedBridges.has(m.get('BridgeUniqueid')!)) return undefined;
    const bridges = new Map<string, string>();
    for (const [name, value] of m.headers) {
      if (BRIDGE_HEADER.test(name) && value !== '') bridges.set(name, this.bridgeAlias.get(value) ?? value);
    }
    if (m.event === 'BridgeEnter' && parties.size > 0) this.visibleBridges.add(bridges.get('BridgeUniqueid')!);
    return { message: m, parties, bridges };
  }

  private partyFor(channel: string): Party | 'hidden' | undefined {
    const known = this.parties.get(channel);
    if (known) return known;
    const kind = classify(channel);
    if (!kind) return undefined;
    if (kind.kind === 'wiring' || [...this.hiddenHandsets.values()].includes(channel)) return 'hidden';
    if (kind.kind === 'pairFront' && !this.reachingHandsets.has(pairOf(channel))) return 'hidden';
    const party: Party = { exten: kind.exten };
    this.parties.set(channel, party);
    return party;
  }
}

/**
 * Pairs of one party's events that the lab's recordings of the same flow show in either order, put in
 * one order: a handset's Ringing races the dialler's DialBegin (its `;2` runs Ringing() at once; 09
 * vs 10, 13), and a parkee's ParkedCall races its BridgeLeave (12 vs 13).
 */
const EITHER_ORDER: readonly { first: RegExp; then: RegExp }[] = [
  { first: /^DialBegin /, then: /^Newstate .*ChannelStateDesc=Ringing/ },
  { first: /^BridgeLeave /, then: /^ParkedCall / },
];

function inOneOrder(events: string[]): string[] {
  const out = [...events];
  for (let i = 0; i + 1 < out.length; i++) {
    if (EITHER_ORDER.some((p) => p.then.test(out[i]!) && p.first.test(out[i + 1]!)))
      [out[i], out[i + 1]] = [out[i + 1]!, out[i]!];
  }
  return out;
}

/** Device state and originate results have streams of their own; everything else is its parties' and bridges'. */
function streamsOf(m: AmiMessage, partiesAndBridges: string[]): string[] {
  if (m.event === 'ExtensionStatus') return [`hint ${m.get('Exten')}`];
  if (m.event === 'OriginateResponse') return ['originate'];
  if (m.event!.startsWith('QueueMember')) return [`member ${/\d+/.exec(m.get('Interface') ?? '')?.[0]}`];
  return [...new Set(partiesAndBridges)];
}

function render(kept: KeptEvent[]): CallSequence {
  const partyNames = new Map<Party, string>();
  const perExten = new Map<string, number>();
  const partyName = (p: Party) => {
    let name = partyNames.get(p);
    if (!name) {
      const n = (perExten.get(p.exten) ?? 0) + 1;
      perExten.set(p.exten, n);
      name = `${p.exten}#${n}`;
      partyNames.set(p, name);
    }
    return name;
  };
  // A bridge is named by the parties that were in it: the order bridges appear in is not stable.
  const members = new Map<string, Set<string>>();
  for (const { message, parties, bridges } of kept) {
    const bridge = bridges.get('BridgeUniqueid');
    const party = parties.get('Channel');
    if (message.event === 'BridgeEnter' && bridge && party)
      members.set(bridge, (members.get(bridge) ?? new Set()).add(partyName(party)));
  }
  const bridgeName = (id: string) => `bridge[${[...(members.get(id) ?? [])].sort().join('+')}]`;
  const streams: CallSequence = new Map();
  const add = (stream: string, line: string) => streams.set(stream, [...(streams.get(stream) ?? []), line]);
  for (const { message, parties, bridges } of kept) {
    const event = message.event!;
    const refs: string[] = [];
    for (const [header, party] of parties) refs.push(`${header}=${partyName(party)}`);
    for (const [header, id] of bridges) refs.push(`${header}=${bridgeName(id)}`);
    for (const [name, value] of message.headers) if (COMPARED_VALUES.has(name)) refs.push(`${name}=${value}`);
    const headerNames = [...new Set(message.headers.map(([n]) => n))].sort();
    const line = `${event} ${refs.join(' ')} | ${headerNames.join(',')}`;
    const own = [
      ...[...parties.values()].map((p) => `party ${partyName(p)}`),
      ...[...bridges.values()].map(bridgeName),
    ];
    for (const stream of streamsOf(message, own)) add(stream, line);
  }
  for (const [name, events] of streams) streams.set(name, inOneOrder(events));
  return streams;
}
