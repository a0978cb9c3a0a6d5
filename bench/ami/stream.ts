import { seededRandom } from '../../src-main/sim/random';

/** The benchmark's event stream: realistic Asterisk-18-style events, the same bytes for every seed. */

const EVENT_TYPES = [
  'Newchannel',
  'Newstate',
  'NewCallerid',
  'VarSet',
  'Newexten',
  'DialBegin',
  'DialEnd',
  'BridgeEnter',
  'BridgeLeave',
  'Hangup',
  'HangupRequest',
  'SoftHangupRequest',
  'DeviceStateChange',
  'ExtensionStatus',
  'QueueMemberStatus',
  'MusicOnHoldStart',
];
const ASCII_NAMES = [
  'John Smith',
  'Mary Johnson',
  'Reception',
  'Sales Desk',
  'Peter Brown',
  'Linda Davis',
  'Front Door',
  'Support Line',
  'Robert Miller',
  'Susan Wilson',
];
const NON_ASCII_NAMES = [
  'Jürgen Müller',
  'Zoë Łukasiewicz',
  'Øyvind Sæther',
  'José Núñez',
  'François Lefèvre',
  '王伟',
  '김민준',
  'Алексей Смирнов',
  'Ζωή Παπαδοπούλου',
  'Ahmet Yılmaz',
  'Søren Kierkegård',
  '田中 太郎',
];
const STATES = [
  ['0', 'Down'],
  ['4', 'Ring'],
  ['5', 'Ringing'],
  ['6', 'Up'],
] as const;

export interface BenchStream {
  bytes: Buffer;
  events: number;
  checksum: number;
}

export const BANNER = 'Asterisk Call Manager/7.0.0\r\n';

/** FNV-1a over Event, Uniqueid and CallerIDName: a mojibake name or a lost header changes it. */
export function eventDigest(
  event: string | undefined,
  uniqueid: string | undefined,
  callerIdName: string | undefined,
): number {
  return fnv1a(fnv1a(fnv1a(0x811c9dc5, event ?? ''), uniqueid ?? ''), callerIdName ?? '');
}

function fnv1a(seed: number, text: string): number {
  let hash = seed;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  // A separator, so that ("ab", "c") and ("a", "bc") differ.
  return Math.imul(hash ^ 0x7c, 0x01000193);
}

export function combine(checksum: number, digest: number): number {
  return (checksum + digest) >>> 0;
}

export function generateStream(count: number, seed: number): BenchStream {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const parts: string[] = [];
  let checksum = 0;
  let time = 1_700_000_000;
  for (let i = 0; i < count; i++) {
    const event = pick(EVENT_TYPES);
    const callerIdName = random() < 1 / 3 ? pick(NON_ASCII_NAMES) : pick(ASCII_NAMES);
    const exten = String(100 + Math.floor(random() * 100));
    const uniqueid = `${time}.${i}`;
    const [state, stateDesc] = pick(STATES);
    time += random() < 0.1 ? 1 : 0;
    const headers: [string, string][] = [
      ['Event', event],
      ['Privilege', 'call,all'],
      ['Channel', `PJSIP/${exten}-${(0x1000 + (i % 0xefff)).toString(16).padStart(8, '0')}`],
      ['ChannelState', state],
      ['ChannelStateDesc', stateDesc],
      ['CallerIDNum', exten],
      ['CallerIDName', callerIdName],
      ['ConnectedLineNum', '<unknown>'],
      ['ConnectedLineName', '<unknown>'],
      ['Language', 'en'],
      ['AccountCode', ''],
      ['Context', 'from-internal'],
      ['Exten', exten],
      ['Priority', String(1 + Math.floor(random() * 5))],
      ['Uniqueid', uniqueid],
      ['Linkedid', `${time}.${i - (i % 4)}`],
    ];
    const extras = Math.floor(random() * 10) - 4; // 12 to 25 headers in all
    if (extras < 0) headers.splice(headers.length + extras - 2, -extras);
    const extraPool: [string, string][] = [
      ['Variable', `BRIDGEPEER=PJSIP/${exten}`],
      ['Value', `${random().toString(36).slice(2, 10)}`],
      ['DestChannel', `PJSIP/${exten}-00000abc`],
      ['DestCallerIDName', pick(NON_ASCII_NAMES)],
      ['BridgeUniqueid', `b${i}-4f1c-9a2e-000${i % 10}`],
      ['BridgeType', 'basic'],
      ['Cause', '16'],
      ['Cause-txt', 'Normal Clearing'],
      ['Application', 'Dial'],
    ];
    for (let e = 0; e < extras; e++) headers.push(extraPool[e]!);
    headers.push(['Timestamp', `${time}.${String(i % 1_000_000).padStart(6, '0')}`]);
    let text = '';
    for (const [name, value] of headers) text += `${name}: ${value}\r\n`;
    parts.push(text + '\r\n');
    checksum = combine(checksum, eventDigest(event, uniqueid, callerIdName));
  }
  return { bytes: Buffer.from(parts.join(''), 'utf8'), events: count, checksum };
}
