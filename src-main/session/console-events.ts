import { LINK_EVENTS } from '../ami/client';
import { eventClassesOf, eventFiltersOf, type EventInterest } from '../ami/event-interest';
import { BOARD_EVENTS } from '../pbx/board';
import { CALL_EVENTS_11 } from '../pbx/calls/adapt-asterisk11';
import { CALL_EVENTS_13 } from '../pbx/calls/adapt-asterisk13';
import { QUEUE_EVENTS } from '../pbx/queues/queue-events';

/**
 * Every AMI event the console reads, declared by each reader beside its code. The login asks for
 * these classes only (never `on`), and on Asterisk 13+ `Filter` actions let only these events
 * through, so the PBX does not write VarSet, Newexten, RTCP, DTMF, Cdr and the like to the console
 * at all. An event not declared here never reaches the console: a feature that reads events
 * (queues, voicemail, presence, listening in, ...) declares them as an `EventInterest` beside its
 * reader and adds that declaration to this list.
 */
const CONSOLE_EVENTS: readonly EventInterest[] = [
  LINK_EVENTS,
  BOARD_EVENTS,
  CALL_EVENTS_13,
  CALL_EVENTS_11,
  QUEUE_EVENTS,
];

/** The login's `Events:` header. */
export const LOGIN_EVENT_CLASSES = eventClassesOf(CONSOLE_EVENTS);

/** The `Filter` values sent after each login where the PBX has Filter. */
export const CONSOLE_EVENT_FILTERS = eventFiltersOf(CONSOLE_EVENTS);
