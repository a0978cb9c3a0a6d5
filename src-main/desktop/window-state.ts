import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';

/**
 * The window's size and position, remembered per display: moved to the laptop's screen it opens
 * there as it was left there; docked to the big screen, as it was left on that one. Kept in
 * `<userData>/window-state.json`; a file that cannot be read means defaults, never a failure.
 */

const RectSchema = z.strictObject({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
});
export type Rect = z.infer<typeof RectSchema>;

const PlacementSchema = z.strictObject({ bounds: RectSchema, maximized: z.boolean() });
export type WindowPlacement = z.infer<typeof PlacementSchema>;

const MAX_DISPLAYS = 32;
const WindowStateSchema = z.strictObject({
  /** The display the window was last on. */
  lastDisplay: z.string().max(200).optional(),
  byDisplay: z
    .record(z.string().max(200), PlacementSchema)
    .refine((map) => Object.keys(map).length <= MAX_DISPLAYS, 'too many displays'),
});
export type WindowState = z.infer<typeof WindowStateSchema>;

export const EMPTY_WINDOW_STATE: WindowState = { byDisplay: {} };

export interface DisplayInfo {
  readonly id: number;
  readonly bounds: Rect;
  readonly workArea: Rect;
}

/** A display by its id and size: the same id at another resolution is another arrangement. */
export function displayKey(display: DisplayInfo): string {
  return `${display.id}:${display.bounds.width}x${display.bounds.height}`;
}

const MIN_VISIBLE = 100;

function overlap(a: Rect, b: Rect): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return width > 0 && height > 0 ? width * height : 0;
}

/** The display that holds most of `bounds` (as Electron's screen.getDisplayMatching). */
export function displayFor(bounds: Rect, displays: readonly DisplayInfo[]): DisplayInfo | undefined {
  let best: DisplayInfo | undefined;
  let bestArea = 0;
  for (const display of displays) {
    const area = overlap(bounds, display.bounds);
    if (area > bestArea) [best, bestArea] = [display, area];
  }
  return best;
}

/** `bounds` made to fit the work area: no larger than it, and fully inside it. */
function fitInto(bounds: Rect, area: Rect): Rect {
  const width = Math.min(bounds.width, area.width);
  const height = Math.min(bounds.height, area.height);
  const x = Math.min(Math.max(bounds.x, area.x), area.x + area.width - width);
  const y = Math.min(Math.max(bounds.y, area.y), area.y + area.height - height);
  return { x, y, width, height };
}

function centred(size: { width: number; height: number }, area: Rect): Rect {
  const width = Math.min(size.width, area.width);
  const height = Math.min(size.height, area.height);
  return {
    x: area.x + Math.round((area.width - width) / 2),
    y: area.y + Math.round((area.height - height) / 2),
    width,
    height,
  };
}

/**
 * Where the window opens: on the display it was last on if that is still connected (else the
 * primary one), as it was left there, kept inside the work area; a first start on a display is
 * the default size, centred.
 */
export function placementFor(
  state: WindowState,
  displays: readonly DisplayInfo[],
  primary: DisplayInfo,
  defaultSize: { width: number; height: number },
): WindowPlacement {
  const last = displays.find((display) => displayKey(display) === state.lastDisplay);
  const display = last ?? primary;
  const saved = state.byDisplay[displayKey(display)];
  if (!saved || overlap(saved.bounds, display.workArea) < MIN_VISIBLE * MIN_VISIBLE) {
    return { bounds: centred(saved?.bounds ?? defaultSize, display.workArea), maximized: saved?.maximized ?? false };
  }
  return { bounds: fitInto(saved.bounds, display.workArea), maximized: saved.maximized };
}

/** The state after the window was left with `placement` (its normal bounds) on whichever display holds it. */
export function remember(
  state: WindowState,
  placement: WindowPlacement,
  displays: readonly DisplayInfo[],
): WindowState {
  const display = displayFor(placement.bounds, displays);
  if (!display) return state;
  const key = displayKey(display);
  const byDisplay = { ...state.byDisplay, [key]: placement };
  const keys = Object.keys(byDisplay);
  // The oldest arrangements go first when more displays were seen than are worth keeping.
  for (const old of keys.slice(0, Math.max(0, keys.length - MAX_DISPLAYS))) delete byDisplay[old];
  return { lastDisplay: key, byDisplay };
}

export const WINDOW_STATE_FILE = 'window-state.json';

/** The file in the user-data folder: read once at start, written (atomically) when the window moves. */
export class WindowStateStore {
  readonly filePath: string;
  private writing: Promise<void> = Promise.resolve();

  constructor(userDataDir: string) {
    this.filePath = join(userDataDir, WINDOW_STATE_FILE);
  }

  async load(): Promise<WindowState> {
    try {
      const parsed = WindowStateSchema.safeParse(JSON.parse(await readFile(this.filePath, 'utf8')));
      return parsed.success ? parsed.data : EMPTY_WINDOW_STATE;
    } catch {
      return EMPTY_WINDOW_STATE;
    }
  }

  /** Writes are queued, so the last one called is the one on disk. */
  save(state: WindowState): Promise<void> {
    const text = `${JSON.stringify(WindowStateSchema.parse(state), null, 2)}\n`;
    this.writing = this.writing.then(async () => {
      await mkdir(dirname(this.filePath), { recursive: true });
      const temp = `${this.filePath}.${process.pid}.tmp`;
      await writeFile(temp, text, { mode: 0o600 });
      await rename(temp, this.filePath);
    });
    return this.writing;
  }
}
