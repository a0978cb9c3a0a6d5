import type { HistoryEntry, HistoryOutcome, HistoryPerson } from '../../src-shared/call-history';

const HEADER = [
  'Started',
  'Ended',
  'Direction',
  'From number',
  'From name',
  'To number',
  'To name',
  'Wait (s)',
  'Talk (s)',
  'Outcome',
  'Recording',
];

/** A phone number, however written: a spreadsheet reads it as a number, never as a formula. */
const PHONE_NUMBER = /^\+?[\d\s().-]+$/;
/** What makes a spreadsheet read a cell as a formula (OWASP's list). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * The history as CSV (RFC 4180: every field quoted, CRLF between rows) that a spreadsheet opens
 * safely: a caller ID such as `=HYPERLINK(…)` is written with a leading apostrophe, as text.
 */
export function historyCsv(entries: readonly HistoryEntry[]): string {
  const rows = entries.map((entry) => [
    localTime(entry.startedAt),
    localTime(entry.endedAt),
    entry.direction,
    entry.from.number,
    entry.from.name,
    entry.to?.number ?? '',
    entry.to?.name ?? '',
    seconds(entry.waitMs),
    seconds(entry.talkMs),
    outcomeWords(entry.outcome),
    entry.recordingFile ?? '',
  ]);
  return [HEADER, ...rows].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}

function cell(value: string): string {
  const safe = FORMULA_START.test(value) && !PHONE_NUMBER.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

function seconds(ms: number): string {
  return String(Math.round(ms / 1000));
}

const pad = (value: number) => String(value).padStart(2, '0');

/** `2026-12-01 14:05:09` in this computer's time zone, as a spreadsheet reads a date. */
function localTime(ms: number): string {
  const at = new Date(ms);
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())} ${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}`;
}

const who = (person: HistoryPerson | undefined) =>
  person ? [person.number, person.name].filter((part) => part !== '').join(' ') : 'nobody';

function outcomeWords(outcome: HistoryOutcome): string {
  switch (outcome.kind) {
    case 'answered':
      return 'answered';
    case 'missed':
      return 'missed';
    case 'unanswered':
      return 'not answered';
    case 'abandoned':
      return `abandoned in queue ${outcome.queue}`;
    case 'transferred':
      return `transferred to ${who(outcome.to)}`;
    case 'parked':
      return outcome.pickedUpBy
        ? `parked in ${outcome.slot}, picked up by ${who(outcome.pickedUpBy)}`
        : `parked in ${outcome.slot}`;
    case 'voicemail':
      return `sent to voicemail ${outcome.mailbox}`;
  }
}
