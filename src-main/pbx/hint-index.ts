import { parseHint, type ParsedHint } from './device-lamps';

/**
 * Which tiles' hints name a device (`PJSIP/105`, `Custom:DND105`) or a presence provider
 * (`CustomPresence:105`), by lower-cased name: a device's state change then costs the tiles that
 * show it, not a pass over every hint of a board of 1,000. Each hint is parsed here once, when it
 * is learned, and kept for the tile's dressing.
 */
export class HintIndex {
  private readonly hints = new Map<string, { text: string; parsed: ParsedHint }>();
  private readonly byDevice = new Map<string, Set<string>>();
  private readonly byProvider = new Map<string, Set<string>>();

  /** Notes the hint of a tile, parsed; a tile whose hint changed leaves the names of the old one. */
  set(tileId: string, hint: string): ParsedHint {
    const before = this.hints.get(tileId);
    if (before?.text === hint) return before.parsed;
    if (before !== undefined) this.index(before.parsed, (set) => set.delete(tileId));
    const parsed = parseHint(hint);
    this.hints.set(tileId, { text: hint, parsed });
    this.index(parsed, (set) => set.add(tileId));
    return parsed;
  }

  /** The tile's hint as last set, parsed. */
  hintOf(tileId: string): ParsedHint | undefined {
    return this.hints.get(tileId)?.parsed;
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

  private index(hint: ParsedHint, change: (set: Set<string>) => void): void {
    for (const device of hint.devices) change(entry(this.byDevice, device));
    if (hint.presenceProvider) change(entry(this.byProvider, hint.presenceProvider));
  }
}

const NONE: ReadonlySet<string> = new Set();

function entry(map: Map<string, Set<string>>, key: string): Set<string> {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  return set;
}
