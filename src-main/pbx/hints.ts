import type { ExtensionTile, LampState } from '../../src-preload/state';
import type { AmiMessage } from '../ami/message';

/**
 * Asterisk's extension state is a bit field (InUse 1, Busy 2, Unavailable 4, Ringing 8, OnHold 16),
 * with -1 for a hint that no longer resolves and -2 for one that was removed.
 */
export function lampFromStatusCode(code: number): LampState {
  if (code === -2 || code === -1) return 'removed';
  if (!Number.isInteger(code) || code < 0) return 'unknown';
  const inUse = (code & 1) !== 0;
  if (code & 4) return 'unavailable';
  if (code & 8) return inUse ? 'inUseRinging' : 'ringing';
  if (code & 16) return inUse ? 'inUseOnHold' : 'onHold';
  if (code & 2) return 'busy';
  if (inUse) return 'inUse';
  return code === 0 ? 'idle' : 'unknown';
}

/** The CLI's state words (`core show hints`), as printed by ast_extension_state2str. */
const LAMP_BY_CLI_WORD: Readonly<Record<string, LampState>> = {
  idle: 'idle',
  inuse: 'inUse',
  busy: 'busy',
  unavailable: 'unavailable',
  ringing: 'ringing',
  'inuse&ringing': 'inUseRinging',
  hold: 'onHold',
  'inuse&hold': 'inUseOnHold',
  removed: 'removed',
  deactivated: 'removed',
};

export function lampFromCliWord(word: string): LampState {
  return LAMP_BY_CLI_WORD[word.toLowerCase()] ?? 'unknown';
}

export const tileId = (exten: string, context: string) => `${exten}@${context}`;

/** A tile from an `ExtensionStatus` event or list item; undefined when it names no extension. */
export function tileFromExtensionStatus(message: AmiMessage, name = ''): ExtensionTile | undefined {
  const exten = message.get('Exten');
  const context = message.get('Context');
  if (!exten || !context) return undefined;
  const status = Number.parseInt(message.get('Status') ?? '', 10);
  return {
    id: tileId(exten, context),
    exten,
    context,
    hint: message.get('Hint') ?? '',
    name,
    lamp: Number.isNaN(status) ? 'unknown' : lampFromStatusCode(status),
    presence: undefined,
    dnd: false,
  };
}

// `   100@internal          : SIP/100               State:Idle            Watchers  0`
// (13+ adds `Presence:not_set` before Watchers.)
const CLI_HINT_LINE = /^\s*([^@\s]+)@(\S+)\s*:\s*(\S*)\s+State:(\S+)/;

/** Tiles from the lines of `core show hints` (the only hint list Asterisk 11 and 12 offer). */
export function tilesFromCoreShowHints(lines: readonly string[]): ExtensionTile[] {
  const tiles: ExtensionTile[] = [];
  for (const line of lines) {
    const match = CLI_HINT_LINE.exec(line);
    if (!match) continue;
    const [, exten = '', context = '', hint = '', state = ''] = match;
    tiles.push({
      id: tileId(exten, context),
      exten,
      context,
      hint,
      name: '',
      lamp: lampFromCliWord(state),
      presence: undefined,
      dnd: false,
    });
  }
  return tiles;
}
