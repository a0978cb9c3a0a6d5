import { MAX_LINE_BYTES } from '../../src-shared/line-limit';

/** The classes Asterisk files its events under (manager.conf `read=`, an event's `Privilege:`). */
export type AmiEventClass =
  'system' | 'call' | 'agent' | 'user' | 'dialplan' | 'dtmf' | 'reporting' | 'cdr' | 'cel' | 'security' | 'aoc';

/**
 * The events one reader of the AMI stream reads, by the class Asterisk sends them in; each name
 * spelled as Asterisk spells it (its Filter matches case by case).
 */
export type EventInterest = { readonly [C in AmiEventClass]?: readonly string[] };

/** The login's `Events:` header: only the classes some reader reads (never `on`). */
export function eventClassesOf(interests: readonly EventInterest[]): string {
  const classes = new Set(
    interests.flatMap((interest) => Object.keys(interest).filter((name) => interest[name as AmiEventClass]?.length)),
  );
  return [...classes].sort().join(',') || 'off';
}

/** Every event name some reader reads, once each, in a stable order. */
function eventNamesOf(interests: readonly EventInterest[]): string[] {
  return [...new Set(interests.flatMap((interest) => Object.values(interest).flat()))].sort();
}

const FILTER_HEAD = '^Event: (';
// POSIX ERE (Asterisk compiles filters with regcomp REG_EXTENDED): `[[:space:]]` is the CR that
// ends the name, so Hangup does not let HangupRequest or HangupHandlerRun through.
const FILTER_TAIL = ')[[:space:]]';
/** Room a Filter value has on its line: `Filter: ` and the CRLF take the rest of the AMI line. */
const FILTER_VALUE_BYTES = MAX_LINE_BYTES - 'Filter: '.length - 2;

/**
 * The values of the `Filter` actions (Asterisk 13+) that let through exactly the events some
 * reader reads: include filters, so that the PBX drops every other event (VarSet, Newexten, RTCP,
 * DTMF, Cdr and the like) before writing it. As many filters as keep each within an AMI line;
 * Asterisk passes an event that any include filter matches.
 */
export function eventFiltersOf(interests: readonly EventInterest[]): string[] {
  const filters: string[] = [];
  let names: string[] = [];
  const value = (list: readonly string[]) => `${FILTER_HEAD}${list.join('|')}${FILTER_TAIL}`;
  for (const name of eventNamesOf(interests)) {
    if (names.length > 0 && Buffer.byteLength(value([...names, name])) > FILTER_VALUE_BYTES) {
      filters.push(value(names));
      names = [];
    }
    names.push(name);
  }
  if (names.length > 0) filters.push(value(names));
  return filters;
}
