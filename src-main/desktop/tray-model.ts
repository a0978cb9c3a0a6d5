import type { SessionStatus } from '../../src-preload/contract';
import type { ExtensionTile, PbxPicture } from '../../src-preload/state';
import type { Language } from '../../src-shared/language';
import { dndDeviceOf } from '../pbx/device-lamps';
import { DESKTOP_WORDS, type DesktopWords } from './desktop-words';

/**
 * What the tray shows and offers, from the session's status and the PBX picture: the connection
 * in the operator's words, how many calls wait to be answered, and a menu. Electron draws it (desktop/electron.ts).
 */

export type TrayIcon = 'connected' | 'attention' | 'offline';
export type TrayItemId = 'showConsole' | 'dnd' | 'logOut' | 'quit';

export type TrayMenuItem =
  | { readonly kind: 'label'; readonly label: string }
  | { readonly kind: 'separator' }
  | { readonly kind: 'action'; readonly id: TrayItemId; readonly label: string; readonly enabled: boolean }
  | {
      readonly kind: 'check';
      readonly id: TrayItemId;
      readonly label: string;
      readonly enabled: boolean;
      readonly checked: boolean;
    };

export interface TrayView {
  readonly icon: TrayIcon;
  /** The hover text: the connection, then the calls waiting. */
  readonly tooltip: string;
  /** Beside the icon where the OS has room for text (the macOS menu bar): the calls waiting. */
  readonly title: string;
  readonly menu: readonly TrayMenuItem[];
}

/** My phone's DND as the PBX's events show it; unknown when I have no phone or no DND on it. */
export type MyDnd = 'on' | 'off' | 'unknown';

export interface TrayInput {
  readonly status: SessionStatus;
  readonly callsWaiting: number;
  readonly myDnd: MyDnd;
  /** The operator's language: the page's, as it last told main. */
  readonly language: Language;
}

/**
 * Calls waiting to be answered: calls that ring and nobody has answered yet, and calls parked
 * for someone to pick up.
 */
export function callsWaiting(picture: Pick<PbxPicture, 'calls' | 'parked'>): number {
  const ringing = Object.values(picture.calls).filter(
    (call) => call.answeredAt === undefined && call.parties.some((party) => party.state === 'ringing'),
  ).length;
  return ringing + Object.keys(picture.parked).length;
}

/** DND on my tile: the FreePBX DND device or a presence of dnd; unknown when the hint carries neither. */
export function myDndOf(tile: ExtensionTile | undefined): MyDnd {
  if (!tile) return 'unknown';
  if (tile.dnd || tile.presence?.state === 'dnd') return 'on';
  return dndDeviceOf(tile.hint) !== undefined || tile.presence !== undefined ? 'off' : 'unknown';
}

function connectionWords(status: SessionStatus, words: DesktopWords): string {
  switch (status.kind) {
    case 'disconnected':
      return words.notConnected;
    case 'connecting':
      return words.connecting(status.target);
    case 'connected':
      return words.connected(status.target);
    case 'reconnecting':
      return words.reconnecting(status.target);
    case 'failed':
      return words.failed(status.target);
  }
}

export function trayView(input: TrayInput): TrayView {
  const { status, myDnd } = input;
  const words = DESKTOP_WORDS[input.language];
  const connected = status.kind === 'connected';
  const waiting = connected ? input.callsWaiting : 0;
  const icon: TrayIcon = !connected ? 'offline' : waiting > 0 ? 'attention' : 'connected';
  const connection = connectionWords(status, words);
  const lines = connected ? [connection, words.callsWaiting(waiting)] : [connection];
  const dndKnown = connected && myDnd !== 'unknown';
  return {
    icon,
    tooltip: words.tooltip(lines),
    title: waiting > 0 ? String(waiting) : '',
    menu: [
      { kind: 'label', label: connection },
      ...(connected ? [{ kind: 'label' as const, label: words.callsWaiting(waiting) }] : []),
      { kind: 'separator' },
      { kind: 'action', id: 'showConsole', label: words.showConsole, enabled: true },
      {
        kind: 'check',
        id: 'dnd',
        label: words.dnd,
        enabled: dndKnown,
        checked: dndKnown && myDnd === 'on',
      },
      { kind: 'action', id: 'logOut', label: words.logOut, enabled: status.kind !== 'disconnected' },
      { kind: 'separator' },
      { kind: 'action', id: 'quit', label: words.quit, enabled: true },
    ],
  };
}

/** What the operator's choice in the tray menu does. */
export interface TrayIntents {
  showConsole(): void;
  /** Asks the PBX to set my DND; the check mark follows the PBX's event, not the click. */
  setMyDnd(on: boolean): Promise<void>;
  logOut(): Promise<void>;
  quit(): void;
}

export async function chooseTrayItem(id: TrayItemId, input: TrayInput, intents: TrayIntents): Promise<void> {
  switch (id) {
    case 'showConsole':
      return intents.showConsole();
    case 'dnd':
      if (input.status.kind === 'connected' && input.myDnd !== 'unknown') await intents.setMyDnd(input.myDnd === 'off');
      return;
    case 'logOut':
      return intents.logOut();
    case 'quit':
      return intents.quit();
  }
}
