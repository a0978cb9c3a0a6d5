import type { ConsultationEnd, RecordingAction } from '../../src-preload/contract';
import type { ListeningSession } from '../../src-preload/state';
import type { TransferMode } from '../../src-shared/transfer-mode';

/** What the operator can do to a call from its card's buttons, in the card's order. */
export type CallAction =
  | { readonly kind: 'take' }
  | { readonly kind: 'park' }
  | { readonly kind: 'record'; readonly action: RecordingAction }
  | { readonly kind: 'transfer'; readonly mode: TransferMode }
  | { readonly kind: 'hangup' }
  | { readonly kind: 'finishTransfer'; readonly end: ConsultationEnd }
  | { readonly kind: 'stopListening'; readonly session: ListeningSession };
