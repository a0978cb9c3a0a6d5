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

/** What a tile's menu offers now: DND on or off, pin or unpin, and the actions that apply to it. */
export interface TileMenuOffers {
  readonly dnd: boolean;
  readonly favourite: boolean;
  readonly canTake: boolean;
  readonly canListen: boolean;
  /** The profile keeps the operator's own names (the built-in Demo PBX keeps nothing). */
  readonly canRename: boolean;
}
