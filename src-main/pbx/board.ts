import type { ExtensionTile, PicturePatch, Presence, Voicemail } from '../../src-preload/state';
import type { EventInterest } from '../ami/event-interest';
import { isSuccessResponse, type AmiMessage } from '../ami/message';
import { dndIsOn, lampWithoutDnd, type ParsedHint } from './device-lamps';
import { HintIndex } from './hint-index';
import { tileFromExtensionStatus, tilesFromCoreShowHints } from './hints';
import { sameItem, type PictureStore } from './picture-store';
import { fetchPbxNames } from './pbx-names';
import { presenceFrom, presenceProviderOf } from './presence';
import { PbxRefusal, type AmiRequester, responseMessage } from './requester';
import { fetchMailboxCount, fetchMailboxes, mailboxId, mailboxOwners, messageWaitingOf } from './voicemail';

const UNKNOWN_ACTION = /invalid\/unknown command/i;

/** The events ExtensionBoard.handleEvent reads. */
export const BOARD_EVENTS: EventInterest = {
  call: ['ExtensionStatus', 'DeviceStateChange', 'PresenceStateChange', 'PresenceStatus', 'MessageWaiting'],
};

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
  if (!isSuccessResponse(command.response)) {
    throw PbxRefusal.from('Command', command.response);
  }
  return Promise.all(tilesFromCoreShowHints(command.output).map((tile) => withWholeHint(ami, tile)));
}

/** Asterisk 11's `core show hints` cuts a hint at 20 characters (`%-20.20s`); ExtensionState tells it whole. */
const CLI_HINT_WIDTH = 20;

async function withWholeHint(ami: AmiRequester, tile: ExtensionTile): Promise<ExtensionTile> {
  if (tile.hint.length < CLI_HINT_WIDTH) return tile;
  const state = await ami.action('ExtensionState', { Exten: tile.exten, Context: tile.context });
  const hint = isSuccessResponse(state) ? state.get('Hint')?.trim() : undefined;
  return hint && hint.startsWith(tile.hint) ? { ...tile, hint } : tile;
}

/** A list the console can do without (older Asterisk, or not permitted): its items, or none. */
async function optionalList(ami: AmiRequester, action: string): Promise<AmiMessage[]> {
  const list = await ami.list(action);
  return isSuccessResponse(list.response) ? list.items : [];
}

/**
 * Keeps the extensions collection of the picture in step with the PBX: hint events for the lamp,
 * device states for a FreePBX-style DND device, presence events for what people set.
 */
export class ExtensionBoard {
  /** The operator's own names (the profile's), over every name the PBX tells. */
  private ownNames: ReadonlyMap<string, string>;
  /** Names the PBX knows before any call (voicemail, PJSIP endpoints), read at every login. */
  private names: ReadonlyMap<string, string> = new Map();
  /** Names the PBX told us in the caller ID of an extension's own calls. */
  private readonly learnedNames = new Map<string, string>();
  /** Each tile as its hint reports it (the lamp before a DND device is taken out). */
  private readonly hinted = new Map<string, ExtensionTile>();
  /** The tiles by the devices and presence provider their hints name. */
  private readonly hints = new HintIndex();
  /** DeviceStateChange `State` by lower-cased device name. */
  private readonly deviceStates = new Map<string, string>();
  /** Set presence by provider (`CustomPresence:110`). */
  private readonly presence = new Map<string, Presence>();
  /** Tile id → its voicemail box (`101@default`), from VoicemailUsersList. */
  private mailboxOfTile: ReadonlyMap<string, string> = new Map();
  /** Messages by box. */
  private readonly voicemail = new Map<string, Voicemail>();
  private ami: AmiRequester | undefined;

  constructor(
    private readonly store: PictureStore,
    ownNames: Readonly<Record<string, string>> = {},
  ) {
    this.ownNames = new Map(Object.entries(ownNames));
    store.onPatch((patch) => this.learnNamesFrom(patch));
  }

  /** The profile's own names changed: tiles show them at once. */
  setOwnNames(ownNames: Readonly<Record<string, string>>): void {
    this.ownNames = new Map(Object.entries(ownNames));
    this.redress([...this.hinted.keys()]);
  }

  /** Reads everything anew from the PBX: nothing from before a reconnect is trusted. */
  async rebuild(ami: AmiRequester): Promise<void> {
    this.ami = ami;
    // Asked for at once: a board of 1,000 hints waits for the longest list, not for their sum.
    const [tiles, deviceStates, presences, mailboxes] = await Promise.all([
      fetchHintTiles(ami),
      optionalList(ami, 'DeviceStateList'),
      optionalList(ami, 'PresenceStateList'),
      fetchMailboxes(ami),
    ]);
    this.hinted.clear();
    this.hints.clear();
    this.deviceStates.clear();
    this.presence.clear();
    this.voicemail.clear();
    const hinted = tiles.map((tile) => ({ tile, hint: this.noteHinted(tile) }));
    for (const item of deviceStates) this.noteDeviceState(item);
    for (const item of presences) this.notePresence(item);
    this.mailboxOfTile = mailboxOwners(mailboxes, tiles);
    const shown = new Set(this.mailboxOfTile.values());
    // The counts a list lacks and the names are asked for at once too.
    const [counted, names] = await Promise.all([
      Promise.all(
        mailboxes
          .filter((entry) => shown.has(mailboxId(entry)))
          .map(async (entry) => {
            const id = mailboxId(entry);
            return entry.counts ? { mailbox: id, ...entry.counts } : fetchMailboxCount(ami, id);
          }),
      ),
      fetchPbxNames(ami, tiles, mailboxes),
    ]);
    for (const counts of counted) if (counts) this.voicemail.set(counts.mailbox, counts);
    this.names = names;
    this.store.replace(
      'extensions',
      hinted.map(({ tile, hint }) => this.dressed(tile, hint)),
    );
  }

  /** The voicemail box of a tile, when it has one. */
  mailboxOf(tileId: string): string | undefined {
    return this.mailboxOfTile.get(tileId);
  }

  /** Applies hint, device state, presence and message-waiting events; other events are ignored. */
  handleEvent(message: AmiMessage): void {
    switch (message.event) {
      case 'ExtensionStatus': {
        const tile = tileFromExtensionStatus(message);
        if (!tile) return;
        // 1.8/11 events omit nothing we need, but a later event may lack Hint: keep the one we had.
        const hinted = { ...tile, hint: tile.hint || this.hinted.get(tile.id)?.hint || '' };
        this.store.upsert('extensions', [this.dressed(hinted, this.noteHinted(hinted))]);
        return;
      }
      case 'DeviceStateChange': {
        const device = this.noteDeviceState(message);
        if (device) this.redress(this.hints.tilesWithDevice(device));
        return;
      }
      case 'PresenceStateChange': {
        const provider = this.notePresence(message);
        if (provider) this.redress(this.hints.tilesWithProvider(provider));
        return;
      }
      case 'PresenceStatus': {
        // The same news per hint: it names the provider through the hint.
        const provider = presenceProviderOf(message.get('Hint') ?? '');
        if (!provider) return;
        this.setPresence(provider, presenceFrom(message));
        this.redress(this.hints.tilesWithProvider(provider.toLowerCase()));
        return;
      }
      case 'MessageWaiting': {
        const waiting = messageWaitingOf(message);
        if (!waiting) return;
        if (waiting.counts) this.noteVoicemail(waiting.counts);
        // Asterisk 11 may say only `Waiting`: the counts are then asked for.
        else void this.recount(waiting.mailbox);
        return;
      }
    }
  }

  private async recount(mailbox: string): Promise<void> {
    const ami = this.ami;
    if (!ami) return;
    // A link that dropped meanwhile rebuilds everything anyway.
    const counts = await fetchMailboxCount(ami, mailbox).catch(() => undefined);
    if (counts) this.noteVoicemail(counts);
  }

  private noteVoicemail(counts: Voicemail): void {
    const known = [...this.mailboxOfTile.values()].find((box) => box.toLowerCase() === counts.mailbox.toLowerCase());
    if (!known) return;
    this.voicemail.set(known, { ...counts, mailbox: known });
    this.redress([...this.mailboxOfTile].flatMap(([tileId, box]) => (box === known ? [tileId] : [])));
  }

  private noteDeviceState(message: AmiMessage): string | undefined {
    const device = message.get('Device')?.toLowerCase();
    const state = message.get('State');
    if (!device || !state) return undefined;
    this.deviceStates.set(device, state.toUpperCase());
    return device;
  }

  private notePresence(message: AmiMessage): string | undefined {
    const provider = message.get('Presentity');
    if (!provider) return undefined;
    this.setPresence(provider, presenceFrom(message));
    return provider.toLowerCase();
  }

  private setPresence(provider: string, presence: Presence | undefined): void {
    if (presence) this.presence.set(provider.toLowerCase(), presence);
    else this.presence.delete(provider.toLowerCase());
  }

  private noteHinted(tile: ExtensionTile): ParsedHint {
    this.hinted.set(tile.id, tile);
    return this.hints.set(tile.id, tile.hint);
  }

  private redress(tileIds: Iterable<string>): void {
    const changed: ExtensionTile[] = [];
    for (const id of tileIds) {
      const tile = this.hinted.get(id);
      const hint = this.hints.hintOf(id);
      if (!tile || !hint) continue;
      const dressed = this.dressed(tile, hint);
      if (!sameItem(dressed, this.store.get('extensions', id))) changed.push(dressed);
    }
    this.store.upsert('extensions', changed);
  }

  /** A tile as shown: its name, presence and DND, and the lamp of the phone itself. */
  private dressed(tile: ExtensionTile, hint: ParsedHint): ExtensionTile {
    return {
      ...tile,
      name: this.ownNames.get(tile.id) ?? this.names.get(tile.id) ?? this.learnedNames.get(tile.id) ?? tile.name,
      lamp: lampWithoutDnd(hint, this.deviceStates) ?? tile.lamp,
      presence: hint.presenceProvider ? this.presence.get(hint.presenceProvider) : undefined,
      dnd: dndIsOn(hint, this.deviceStates),
      ...this.voicemailOf(tile.id),
    };
  }

  private voicemailOf(tileId: string): { voicemail?: Voicemail } {
    const box = this.mailboxOfTile.get(tileId);
    const counts = box ? this.voicemail.get(box) : undefined;
    return counts ? { voicemail: counts } : {};
  }

  /**
   * Asterisk's hints carry no names, but a phone's own calls carry its caller ID: when an
   * extension's party shows its own number, its caller-ID name is that person's name.
   */
  private learnNamesFrom(patch: PicturePatch): void {
    if (patch.collection !== 'calls') return;
    const learned = new Set<string>();
    for (const call of patch.upsert) {
      for (const party of call.parties) {
        const tile = party.extensionId ? this.hinted.get(party.extensionId) : undefined;
        if (!tile || party.number !== tile.exten || !isPersonName(party.name, party.number)) continue;
        if (this.learnedNames.get(tile.id) === party.name) continue;
        this.learnedNames.set(tile.id, party.name);
        learned.add(tile.id);
      }
    }
    this.redress(learned);
  }
}

function isPersonName(name: string, number: string): boolean {
  const trimmed = name.trim();
  return trimmed !== '' && trimmed !== number && !/^<?unknown>?$/i.test(trimmed);
}
