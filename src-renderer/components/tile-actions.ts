import type { ListenMode } from '../../src-preload/contract';
import type { PresenceChoice } from '../stores/reception';

/** What the operator can do to an extension from its menu (or its keys). */
export type TileAction =
  | { readonly kind: 'voicemail' }
  | { readonly kind: 'dnd'; readonly on: boolean }
  | { readonly kind: 'presence'; readonly state: PresenceChoice }
  | { readonly kind: 'favourite' }
  | { readonly kind: 'rename' }
  | { readonly kind: 'take' }
  | { readonly kind: 'listen'; readonly mode: ListenMode };
