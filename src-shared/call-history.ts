/**
 * The call history as it is recorded in main, stored per profile and shown in the history panel:
 * plain data, no behaviour.
 */

/** Whom a call was with: the board's extension when it is one of ours, else the caller ID. */
export interface HistoryPerson {
  readonly number: string;
  readonly name: string;
  /** `exten@context` of the tile, when the person is one of the board's extensions. */
  readonly extensionId: string | undefined;
}

/**
 * For my calls, `in` (someone reached me) or `out` (I called); for the board's other calls, `in` from
 * outside, `out` to outside, `internal` between two extensions.
 */
export type HistoryDirection = 'in' | 'out' | 'internal';

/** How a call ended, as the PBX's events showed it. */
export type HistoryOutcome =
  | { readonly kind: 'answered' }
  /** Rang and nobody answered (a call to me or between others). */
  | { readonly kind: 'missed' }
  /** A call I or the board placed that nobody answered. */
  | { readonly kind: 'unanswered' }
  /** The caller hung up while waiting in the queue. */
  | { readonly kind: 'abandoned'; readonly queue: string }
  | { readonly kind: 'transferred'; readonly to: HistoryPerson }
  /** Parked in `slot`; `pickedUpBy` when someone took it back out. */
  | { readonly kind: 'parked'; readonly slot: string; readonly pickedUpBy: HistoryPerson | undefined }
  | { readonly kind: 'voicemail'; readonly mailbox: string };

type HistoryOutcomeKind = HistoryOutcome['kind'];

/** One call the console saw, from its first channel to its last. */
export interface CallRecord {
  /** The id the call had on the board (unique per connection). */
  readonly callId: string;
  readonly startedAt: number;
  readonly endedAt: number;
  readonly direction: HistoryDirection;
  /** Whether my phone was on it (rang, talked, or placed it). */
  readonly mine: boolean;
  /** Who started it. */
  readonly from: HistoryPerson;
  /** Whom it reached (who answered, else who rang first); none for a call that reached no one. */
  readonly to: HistoryPerson | undefined;
  /** Everyone on it, in the order they appeared. */
  readonly parties: readonly HistoryPerson[];
  /** From the first ring until answered (or until it ended unanswered). */
  readonly waitMs: number;
  readonly talkMs: number;
  readonly outcome: HistoryOutcome;
  /** The recording's file name on the PBX, when the call was recorded. */
  readonly recordingFile: string | undefined;
}

/** Whose calls the history keeps: the operator's own, or every call on the board. */
export const HISTORY_SCOPES = ['mine', 'board'] as const;
export type HistoryScope = (typeof HISTORY_SCOPES)[number];

/** Outcomes the missed filter and the header's count include: nobody took the call. */
export const MISSED_OUTCOMES: readonly HistoryOutcomeKind[] = ['missed', 'abandoned', 'voicemail'];

/** The most calls one page of history holds. */
export const HISTORY_PAGE_MAX = 100;

/** A stored call: the record and its row id. */
export interface HistoryEntry extends CallRecord {
  readonly id: number;
}

/** One page of the history, newest first. */
export interface HistoryPage {
  readonly entries: readonly HistoryEntry[];
  /** How many calls match the filters in all. */
  readonly total: number;
  readonly offset: number;
}

/** What the history panel's filters ask, as main has checked it. */
export interface HistoryFilter {
  readonly missed: boolean;
  readonly mine: boolean;
  readonly today: boolean;
  /** Only calls with someone of this number. */
  readonly person?: string | undefined;
  /** Any part of a name or number, case and accents ignored. */
  readonly text: string;
}

export interface HistoryQuery extends HistoryFilter {
  readonly offset: number;
  readonly limit: number;
}
