import type { WatchFailureCode } from '../../../src-shared/error-codes';
import type { Refusal } from '../../../src-shared/refusals';
import type { PbxEvent } from '../calls/events';

/**
 * Judges a command's outcome from the PBX's events, where its acknowledgement says too little.
 * Pure: the session feeds it every event and a clock tick; it reports when its stage changes.
 */
export interface OutcomeWatcher<Stage> {
  readonly stage: Stage;
  /** True once the outcome is final: the session may drop the watcher. */
  readonly done: boolean;
  /** The new stage when this event changed it. */
  observe(event: PbxEvent, now: number): Stage | undefined;
  /** The new stage when time alone changed it (a deadline passed). */
  tick(now: number): Stage | undefined;
}

/** `said` is what the page words (`mainSaid.<reason>`, or a refusal's). */
export type WatchFailure = { readonly stage: 'failed'; readonly code: WatchFailureCode; readonly said: Refusal };
