import type { ExtensionTile, PicturePatch } from '../../src-preload/state';
import type { AmiMessage } from '../ami/message';
import { tileFromExtensionStatus, tilesFromCoreShowHints } from './hints';
import type { PictureStore } from './picture-store';
import { PbxRefusal, type AmiRequester, responseMessage, isSuccessResponse } from './requester';

const UNKNOWN_ACTION = /invalid\/unknown command/i;

/**
 * Every hint the PBX knows. Asterisk 13+ lists them with ExtensionStateList; older versions
 * only print them with the CLI's `core show hints`, so an unknown-action answer falls back to that.
 */
export async function fetchHintTiles(ami: AmiRequester): Promise<ExtensionTile[]> {
  const list = await ami.list('ExtensionStateList');
  if (isSuccessResponse(list.response)) {
    return list.items.flatMap((item) => tileFromExtensionStatus(item) ?? []);
  }
  if (!UNKNOWN_ACTION.test(responseMessage(list.response))) throw PbxRefusal.from('ExtensionStateList', list.response);
  const command = await ami.command('core show hints');
  if (!isSuccessResponse(command.response) && command.response.response !== 'Follows') {
    throw PbxRefusal.from('Command', command.response);
  }
  return tilesFromCoreShowHints(command.output);
}

/** Keeps the extensions collection of the picture in step with the PBX's hint events. */
export class ExtensionBoard {
  private names: ReadonlyMap<string, string> = new Map();
  /** Names the PBX told us in the caller ID of an extension's own calls. */
  private readonly learnedNames = new Map<string, string>();

  constructor(private readonly store: PictureStore) {
    store.onPatch((patch) => this.learnNamesFrom(patch));
  }

  /** Names to show on tiles (the PBX's hints carry none), by `exten@context`. */
  setDirectory(names: ReadonlyMap<string, string>): void {
    this.names = names;
  }

  async rebuild(ami: AmiRequester): Promise<void> {
    const tiles = await fetchHintTiles(ami);
    this.store.replace(
      'extensions',
      tiles.map((tile) => this.named(tile)),
    );
  }

  /** Applies an `ExtensionStatus` event; other events are ignored. */
  handleEvent(message: AmiMessage): void {
    if (message.event !== 'ExtensionStatus') return;
    const tile = tileFromExtensionStatus(message);
    if (!tile) return;
    const known = this.store.get('extensions', tile.id);
    // 1.8/11 events omit nothing we need, but a later event may lack Hint: keep the one we had.
    this.store.upsert('extensions', [this.named({ ...tile, hint: tile.hint || known?.hint || '' })]);
  }

  private named(tile: ExtensionTile): ExtensionTile {
    return { ...tile, name: this.names.get(tile.id) ?? this.learnedNames.get(tile.id) ?? tile.name };
  }

  /**
   * Asterisk's hints carry no names, but a phone's own calls carry its caller ID: when an
   * extension's party shows its own number, its caller-ID name is that person's name.
   */
  private learnNamesFrom(patch: PicturePatch): void {
    if (patch.collection !== 'calls') return;
    const named: ExtensionTile[] = [];
    for (const call of patch.upsert) {
      for (const party of call.parties) {
        const tile = party.extensionId ? this.store.get('extensions', party.extensionId) : undefined;
        if (!tile || party.number !== tile.exten || !isPersonName(party.name, party.number)) continue;
        if (this.learnedNames.get(tile.id) === party.name) continue;
        this.learnedNames.set(tile.id, party.name);
        if (!this.names.has(tile.id)) named.push({ ...tile, name: party.name });
      }
    }
    this.store.upsert('extensions', named);
  }
}

function isPersonName(name: string, number: string): boolean {
  const trimmed = name.trim();
  return trimmed !== '' && trimmed !== number && !/^<?unknown>?$/i.test(trimmed);
}
