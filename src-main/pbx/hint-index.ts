import { hintDevices } from './calls/device-match';
import { presenceProviderOf } from './presence';

/**
 * Which tiles' hints name a device (`PJSIP/105`, `Custom:DND105`) or a presence provider
 * (`CustomPresence:105`), by lower-cased name: a device's state change then costs the tiles that
 * show it, not a pass over every hint of a board of 1,000.
 */
export class HintIndex {
  private readonly hints = new Map<string, string>();
  private readonly byDevice = new Map<string, Set<string>>();
  private readonly byProvider = new Map<string, Set<string>>();

  /** Notes the hint of a tile; a tile whose hint changed leaves the names of the old one. */
  set(tileId: string, hint: string): void {
    const before = this.hints.get(tileId);
    if (before === hint) return;
    if (before !== undefined) this.index(tileId, before, (set) => set.delete(tileId));
    this.hints.set(tileId, hint);
    this.index(tileId, hint, (set) => set.add(tileId));
  }

  clear(): void {
    this.hints.clear();
    this.byDevice.clear();
    this.byProvider.clear();
  }

  /** Ids of the tiles whose hint lists this device; `device` lower-cased. */
  tilesWithDevice(device: string): ReadonlySet<string> {
    return this.byDevice.get(device) ?? NONE;
  }

  /** Ids of the tiles whose hint names this presence provider; `provider` lower-cased. */
  tilesWithProvider(provider: string): ReadonlySet<string> {
    return this.byProvider.get(provider) ?? NONE;
  }

  private index(tileId: string, hint: string, change: (set: Set<string>) => void): void {
    for (const device of hintDevices(hint)) change(entry(this.byDevice, device.toLowerCase()));
    const provider = presenceProviderOf(hint);
    if (provider) change(entry(this.byProvider, provider.toLowerCase()));
  }
}

const NONE: ReadonlySet<string> = new Set();

function entry(map: Map<string, Set<string>>, key: string): Set<string> {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  return set;
}
