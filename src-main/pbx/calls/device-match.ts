/**
 * Which board extension a channel belongs to, with no configuration:
 * - a device channel (`PJSIP/105-00000012`, `SIP/…`, `IAX2/…`, `DAHDI/1-1`) belongs to the tile whose
 *   hint lists its device, whatever else the hint lists (`PJSIP/105&Custom:DND105,CustomPresence:105`);
 * - a Local channel `Local/105@ctx-…;1` or `;2` belongs to the hint 105@ctx, else to the only hint
 *   numbered 105 (queues, ring groups and handsets dial Local channels in contexts that hold no hint).
 * Whether such a channel is a person on the call or dialplan plumbing is decided in parties.ts.
 */
export interface HintedExtension {
  /** `exten@context`, the tile id. */
  readonly id: string;
  readonly exten: string;
  readonly hint: string;
  /** A person's name for the tile, when the PBX or the directory knows one. */
  readonly name?: string;
}

const CHANNEL_SUFFIX = /-[0-9a-zA-Z]+(;[12])?(<[A-Z]+>)*$/;
const LOCAL_CHANNEL = /^Local\/([^@/]+)@(.+)-[0-9a-fA-F]+;([12])(<[A-Z]+>)*$/i;
/** A Local dial string, with or without options: `Local/100@from-queue/n`. */
const LOCAL_DEVICE = /^Local\/([^@/]+)@([^/;]+)(\/[a-z]*)?$/i;

/** The device a channel was made for: `PJSIP/105-00000012` → `PJSIP/105`; `Local/105@phones-0d;1` → `Local/105@phones`. */
export function deviceOfChannel(channelName: string): string {
  return channelName.replace(CHANNEL_SUFFIX, '');
}

/** `PJSIP/100&Custom:DND100` → both devices; a presence part after a comma is not a device. */
export function hintDevices(hint: string): string[] {
  const devices = hint.split(',')[0] ?? '';
  return devices
    .split('&')
    .map((device) => device.trim())
    .filter((device) => device.length > 0);
}

/** The Local channel's exten, context and half (`undefined` for a dial string), when it is a Local channel. */
export function parseLocalChannel(
  channelName: string,
): { exten: string; context: string; half: 1 | 2 | undefined } | undefined {
  const channel = LOCAL_CHANNEL.exec(channelName);
  if (channel) return { exten: channel[1] ?? '', context: channel[2] ?? '', half: channel[3] === '1' ? 1 : 2 };
  const device = LOCAL_DEVICE.exec(channelName);
  if (device) return { exten: device[1] ?? '', context: device[2] ?? '', half: undefined };
  return undefined;
}

export class ExtensionMatcher {
  private readonly byDevice = new Map<string, HintedExtension>();
  private readonly byId = new Map<string, HintedExtension>();
  /** Extensions by number; a number used in several contexts maps only through its context. */
  private readonly byExten = new Map<string, HintedExtension[]>();

  constructor(extensions: readonly HintedExtension[]) {
    for (const extension of extensions) {
      for (const device of hintDevices(extension.hint)) {
        const key = device.toLowerCase();
        if (!this.byDevice.has(key)) this.byDevice.set(key, extension);
      }
      this.byId.set(extension.id.toLowerCase(), extension);
      this.byExten.set(extension.exten, [...(this.byExten.get(extension.exten) ?? []), extension]);
    }
  }

  /** The extension whose hint names this device (`PJSIP/105`), or that a Local device dials (`Local/105@phones`). */
  extensionOfDevice(device: string): HintedExtension | undefined {
    const direct = this.byDevice.get(device.toLowerCase());
    if (direct) return direct;
    const local = parseLocalChannel(device);
    return local ? this.extensionOfLocal(local.exten, local.context) : undefined;
  }

  /** The extension a channel belongs to, either half of a Local channel included. */
  extensionOfChannel(channelName: string): HintedExtension | undefined {
    const local = parseLocalChannel(channelName);
    if (local) return this.extensionOfLocal(local.exten, local.context);
    return this.extensionOfDevice(deviceOfChannel(channelName));
  }

  /** Whether these tiles keep the number, hint and name this matcher knows them by: a lamp change does. */
  knowsAlready(tiles: readonly HintedExtension[]): boolean {
    return tiles.every((tile) => {
      const known = this.byId.get(tile.id.toLowerCase());
      return (
        known?.id === tile.id && known.exten === tile.exten && known.hint === tile.hint && known.name === tile.name
      );
    });
  }

  /** The extension with this tile id (`exten@context`). */
  extensionWithId(id: string): HintedExtension | undefined {
    return this.byId.get(id.toLowerCase());
  }

  /** The extension numbered `exten`, when exactly one has that number. */
  extensionNumbered(exten: string): HintedExtension | undefined {
    const numbered = this.byExten.get(exten) ?? [];
    return numbered.length === 1 ? numbered[0] : undefined;
  }

  private extensionOfLocal(exten: string, context: string): HintedExtension | undefined {
    return this.extensionWithId(`${exten}@${context}`) ?? this.extensionNumbered(exten);
  }
}
