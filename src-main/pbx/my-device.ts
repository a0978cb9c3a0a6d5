import { hintDevices, type ExtensionMatcher, type HintedExtension } from './calls/device-match';

/** Hint devices that only carry a state: a phone cannot be called through them. */
const STATE_ONLY = /^(Custom|CustomPresence|MWI|Presence|Queue):/i;
/** "My device" given as an extension number rather than a device. */
const EXTENSION_ONLY = /^[0-9*#+]+$/;

export interface MyDevice {
  /** What the console calls first (the Originate's `Channel`). */
  readonly device: string;
  /** My tile, when the PBX has a hint for my device. */
  readonly extension: HintedExtension | undefined;
}

/**
 * "My device" as the operator gave it: a device in any technology (`PJSIP/200`, `SIP/200`, `IAX2/200`,
 * `DAHDI/1`, `Local/200@phones`), or just the extension, whose hint then names the phone (a hint of
 * state-only devices, such as `Custom:200`, is reached through `Local/200@<its context>`).
 * `undefined` when an extension number has no hint.
 */
export function resolveMyDevice(
  myDevice: string,
  matcher: ExtensionMatcher,
  dialContext: string,
): MyDevice | undefined {
  if (!EXTENSION_ONLY.test(myDevice)) return { device: myDevice, extension: matcher.extensionOfDevice(myDevice) };
  const extension = matcher.extensionWithId(`${myDevice}@${dialContext}`) ?? matcher.extensionNumbered(myDevice);
  if (!extension) return undefined;
  const phone = hintDevices(extension.hint).find((device) => !STATE_ONLY.test(device));
  return { device: phone ?? `Local/${extension.exten}@${contextOf(extension)}`, extension };
}

const contextOf = (extension: HintedExtension) => extension.id.slice(extension.id.indexOf('@') + 1);
