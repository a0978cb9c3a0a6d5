/**
 * Which extensions exist in the simulated PBX. Devices are named by technology at run time
 * (`PJSIP/100`, or `SIP/100` in the asterisk-11 dialect), so a directory is dialect-free.
 */
export interface OfficeExtension {
  readonly exten: string;
  readonly context: string;
  readonly name: string;
  /** Hint carries a `CustomPresence:<exten>` provider as well as the device. */
  readonly presence?: boolean;
  /** Hint carries a FreePBX-style `Custom:DND<exten>` device beside the phone. */
  readonly dnd?: boolean;
  /** Has a voicemail box `<exten>@default`. Defaults to true. */
  readonly mailbox?: boolean;
  /** The caller ID name set on the phone's SIP peer or PJSIP endpoint; none when absent. */
  readonly phoneName?: string;
}

export interface OfficeQueue {
  readonly name: string;
  /** Extension that callers dial to join. */
  readonly exten: string;
  readonly strategy: string;
  /** Member extensions (their devices ring). */
  readonly members: readonly string[];
}

export interface OfficeDirectory {
  readonly extensions: readonly OfficeExtension[];
  /** The operator's own extension (reception); external calls to the hunt group ring it. */
  readonly receptionExten: string;
  /** Extension an external caller reaches for the reception hunt group. */
  readonly huntGroupExten: string;
  readonly queue: OfficeQueue;
  readonly parking: {
    readonly lot: string;
    readonly parkExten: string;
    readonly firstSpace: number;
    readonly lastSpace: number;
  };
  /**
   * Handsets are Local channels into this context (the traces' lab PBX: `Local/105@phones`, hint
   * `Custom:105`): a call to 105 is the pair `Local/105@phones-…;1` (bridged) and `;2` (the phone, in Wait).
   */
  readonly localHandsets?: string;
  /** Queue members are dialled through Local channels into this context (FreePBX: `Local/118@from-queue/n`). */
  readonly queueMemberContext?: string;
  /** Ring groups: dialling `exten` rings every member at once through a Local channel into `context`. */
  readonly ringGroups?: readonly OfficeRingGroup[];
}

export interface OfficeRingGroup {
  readonly exten: string;
  readonly members: readonly string[];
  /** The Local channel context each member is dialled through (`phones`, FreePBX's `from-internal`). */
  readonly context: string;
  /** Members are dialled without `/n`, so each answered leg's Local pair optimises away. */
  readonly optimize?: boolean;
  /** How long the members' phones ring before one answers, when not the PBX's usual answer delay. */
  readonly ringMs?: number;
}

const FIRST_NAMES = [
  'Reception',
  'Anna Berg',
  'Ben Carter',
  'Chloe Dubois',
  'David Eklund',
  'Emma Fischer',
  'Felix Garcia',
  'Grace Hall',
  'Hugo Ito',
  'Iris Jansen',
  'Jonas Keller',
  'Kara Lindqvist',
  'Liam Moreau',
  'Mia Novak',
  'Noah Olsen',
  'Olivia Park',
  'Paul Quinn',
  'Rosa Santos',
  'Queue Agent One',
  'Queue Agent Two',
  'Sam Tanaka',
  'Tara Ulrich',
  'Umar Vogel',
  'Vera Weiss',
  'Will Xu',
  'Yara Young',
  'Zoe Zimmer',
  'Adam Abbott',
  'Bea Brandt',
  'Carl Cohen',
  'Dana Dahl',
  'Eli Engel',
  'Fay Frost',
  'Gil Gomez',
  'Hana Horak',
  'Ivan Ilic',
  'Jill Jones',
  'Kurt Klein',
  'Lena Lopez',
  'Max Meyer',
];

/** Phones whose peer/endpoint caller ID names someone other than the voicemail box does. */
const PHONE_NAMES: Readonly<Record<string, string>> = { '104': 'Dave Eklund (desk)', '108': 'Hugo Ito-Berg' };

/** The built-in demo office: 100-139 in 'internal' (100 = reception), 200-203 in 'sales'. */
export function demoOffice(): OfficeDirectory {
  const extensions: OfficeExtension[] = [];
  for (let i = 0; i < 40; i++) {
    const exten = String(100 + i);
    extensions.push({
      exten,
      context: 'internal',
      name: FIRST_NAMES[i] ?? `Extension ${exten}`,
      presence: exten === '110' || exten === '111',
      phoneName: PHONE_NAMES[exten],
    });
  }
  ['Sales Desk', 'Sales Lead', 'Sales East', 'Sales West'].forEach((name, i) => {
    extensions.push({ exten: String(200 + i), context: 'sales', name });
  });
  return {
    extensions,
    receptionExten: '100',
    huntGroupExten: '500',
    queue: { name: 'operator', exten: '800', strategy: 'ringall', members: ['118', '119'] },
    parking: { lot: 'default', parkExten: '700', firstSpace: 701, lastSpace: 720 },
  };
}

/**
 * The demo office as FreePBX builds it: every hint `PJSIP/1NN&Custom:DND1NN,CustomPresence:1NN`
 * (DND is the custom device BUSY), the rest as in the demo office.
 */
export function freepbxOffice(): OfficeDirectory {
  const office = demoOffice();
  return {
    ...office,
    extensions: office.extensions.map((extension) => ({ ...extension, presence: true, dnd: true })),
    queueMemberContext: 'from-queue',
    ringGroups: [{ exten: '650', members: ['105', '106'], context: 'from-internal' }],
  };
}

/**
 * The traces' lab PBX: no phones, every handset `Local/1NN@phones` hinted `Custom:1NN` (110 and 111
 * with `CustomPresence`), 100-119 only, names only from voicemail, ring group 650 = 105 and 106,
 * queue members `Local/118@phones` and `Local/119@phones`.
 */
export function localHandsetsOffice(): OfficeDirectory {
  const office = demoOffice();
  return {
    ...office,
    extensions: office.extensions.filter((extension) => extension.context === 'internal' && extension.exten < '120'),
    localHandsets: 'phones',
    ringGroups: [{ exten: '650', members: ['105', '106'], context: 'phones' }],
  };
}

/**
 * FreePBX with a hand-written ring group 650 that dials `Local/105@from-internal` without `/n`
 * (FreePBX's own ring groups use `/n`): the answered leg's Local pair optimises away, and the phone
 * takes its place in the caller's bridge.
 */
export function localOptimisationOffice(): OfficeDirectory {
  const office = freepbxOffice();
  return { ...office, ringGroups: office.ringGroups?.map((group) => ({ ...group, optimize: true })) };
}

/** Offices the simulator can play, by flavour (`npm run sim -- --flavour freepbx`). */
export const FLAVOURS = {
  demo: demoOffice,
  freepbx: freepbxOffice,
  'local-handsets': localHandsetsOffice,
  'local-optimisation': localOptimisationOffice,
} as const;
export type SimFlavour = keyof typeof FLAVOURS;

/** A generated office of `size` extensions from 1000 up (busy-office load tests). */
export function generatedOffice(size: number): OfficeDirectory {
  const extensions: OfficeExtension[] = [];
  for (let i = 0; i < size; i++) {
    const exten = String(1000 + i);
    extensions.push({ exten, context: 'internal', name: `User ${exten}` });
  }
  return {
    extensions,
    receptionExten: '1000',
    huntGroupExten: '500',
    queue: {
      name: 'operator',
      exten: '800',
      strategy: 'ringall',
      members: [String(1000 + size - 2), String(1000 + size - 1)],
    },
    parking: { lot: 'default', parkExten: '700', firstSpace: 701, lastSpace: 720 },
  };
}
