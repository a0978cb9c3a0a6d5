/**
 * Which board extension a channel belongs to, through the devices of the extension's hint:
 * `PJSIP/105-00000012` belongs to the tile whose hint lists `PJSIP/105` (`SIP/105-…` on Asterisk 11).
 * One more rule, explicit because it is a convention and not a device: a Local channel
 * `Local/105@<handset context>-…;1` is the handset of extension 105 (the lab PBX's phones are such
 * Local channels, with a `Custom:105` hint). Its `;2` half is the same handset's inner side.
 */
export interface HintedExtension {
  /** `exten@context`, the tile id. */
  readonly id: string;
  readonly exten: string;
  readonly hint: string;
  /** A person's name for the tile, when the directory knows one. */
  readonly name?: string;
}

export interface DeviceMatchOptions {
  /** Dialplan contexts whose Local channels are handsets (the lab's `phones`). */
  readonly handsetContexts?: readonly string[];
}

const CHANNEL_SUFFIX = /-[0-9a-zA-Z]+(;[12])?(<[A-Z]+>)*$/;
const LOCAL_CHANNEL = /^Local\/([^@/]+)@(.+)-[0-9a-fA-F]+;([12])$/i;
const LOCAL_DEVICE = /^Local\/([^@/]+)@([^/;]+)$/i;

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

/** The Local channel's exten, context and half, when it is a Local channel. */
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
  private readonly byExten = new Map<string, HintedExtension>();
  private readonly handsetContexts: ReadonlySet<string>;

  constructor(extensions: readonly HintedExtension[], options: DeviceMatchOptions = {}) {
    this.handsetContexts = new Set((options.handsetContexts ?? []).map((context) => context.toLowerCase()));
    for (const extension of extensions) {
      for (const device of hintDevices(extension.hint)) {
        const key = device.toLowerCase();
        if (!this.byDevice.has(key)) this.byDevice.set(key, extension);
      }
      if (!this.byExten.has(extension.exten)) this.byExten.set(extension.exten, extension);
    }
  }

  /** The extension whose hint names this device (`PJSIP/105`, `Local/105@phones`). */
  extensionOfDevice(device: string): HintedExtension | undefined {
    const direct = this.byDevice.get(device.toLowerCase());
    if (direct) return direct;
    const local = parseLocalChannel(device);
    if (local && local.half === undefined && this.handsetContexts.has(local.context.toLowerCase())) {
      return this.byExten.get(local.exten);
    }
    return undefined;
  }

  /** The extension a channel belongs to; a Local channel only by its `;1` handset half. */
  extensionOfChannel(channelName: string): HintedExtension | undefined {
    const local = parseLocalChannel(channelName);
    if (local) {
      if (local.half === 2) return undefined;
      return this.extensionOfDevice(`Local/${local.exten}@${local.context}`);
    }
    return this.extensionOfDevice(deviceOfChannel(channelName));
  }

  /** A Local channel that stands for a handset (rather than dialplan plumbing). */
  isHandset(channelName: string): boolean {
    const local = parseLocalChannel(channelName);
    return local !== undefined && this.handsetContexts.has(local.context.toLowerCase());
  }
}
