/**
 * Instruments the page before the console's own script runs (Playwright's addInitScript): what the
 * receptionist would see, measured where it happens.
 * - every change of a tile's `data-lamp`, with the time it reached the DOM;
 * - long tasks (the PerformanceObserver 'longtask' entries);
 * - frames: requestAnimationFrame's gaps; a gap of n frame periods dropped n - 1 frames;
 * - messages from main over the bridge's WebSocket, and how many of them were picture batches.
 *
 * Clocks: a lamp change is stamped `performance.timeOrigin + performance.now()`, which is the wall
 * clock (epoch ms) read through the page's monotonic clock, and the simulator stamps its send with
 * Node's `Date.now()`, the same wall clock of the same machine. The two agree to well under a
 * millisecond over a run (no NTP step happens in a few minutes); a run's offset, measured by
 * `clockOffsetMs`, is printed beside the figures.
 */
export interface PageProbeReport {
  readonly lamps: ReadonlyArray<readonly [id: string, lamp: string, atMs: number]>;
  readonly longTasks: ReadonlyArray<readonly [startMs: number, durationMs: number]>;
  readonly frames: number;
  readonly droppedFrames: number;
  readonly worstFrameMs: number;
  readonly messages: number;
  readonly patchMessages: number;
}

export interface PageProbe {
  reset(): void;
  /** Stops the frame counter, whose requestAnimationFrame loop is work the console itself would not do. */
  stopFrames(): void;
  report(): PageProbeReport;
  now(): number;
}

declare global {
  interface Window {
    boardBench: PageProbe;
  }
}

/** Runs in the page: self-contained, no imports. */
export function installPageProbe(): void {
  const FRAME_MS = 1000 / 60;
  const now = () => performance.timeOrigin + performance.now();
  let lamps: Array<readonly [string, string, number]> = [];
  let longTasks: Array<readonly [number, number]> = [];
  let frames = 0;
  let droppedFrames = 0;
  let worstFrameMs = 0;
  let messages = 0;
  let patchMessages = 0;

  new PerformanceObserver((list) => {
    for (const entry of list.getEntries())
      longTasks.push([performance.timeOrigin + entry.startTime, entry.duration] as const);
  }).observe({ type: 'longtask', buffered: true });

  let last: number | undefined;
  let counting = true;
  const frame = (at: number) => {
    if (!counting) return;
    if (last !== undefined) {
      const gap = at - last;
      frames += 1;
      worstFrameMs = Math.max(worstFrameMs, gap);
      if (gap > 1.5 * FRAME_MS) droppedFrames += Math.round(gap / FRAME_MS) - 1;
    }
    last = at;
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);

  const lampObserver = new MutationObserver((records) => {
    const at = now();
    for (const record of records) {
      const element = record.target as HTMLElement;
      const id = element.dataset.extension;
      if (id) lamps.push([id, element.dataset.lamp ?? '', at] as const);
    }
  });
  lampObserver.observe(document, { subtree: true, attributes: true, attributeFilter: ['data-lamp'] });

  const NativeWebSocket = window.WebSocket;
  window.WebSocket = class extends NativeWebSocket {
    constructor(...args: ConstructorParameters<typeof WebSocket>) {
      super(...args);
      this.addEventListener('message', (event: MessageEvent) => {
        messages += 1;
        if (typeof event.data === 'string' && event.data.startsWith('{"kind":"event","channel":"picture:patch"'))
          patchMessages += 1;
      });
    }
  };

  window.boardBench = {
    now,
    reset() {
      lamps = [];
      longTasks = [];
      frames = 0;
      droppedFrames = 0;
      worstFrameMs = 0;
      messages = 0;
      patchMessages = 0;
    },
    stopFrames() {
      counting = false;
    },
    report: () => ({ lamps, longTasks, frames, droppedFrames, worstFrameMs, messages, patchMessages }),
  };
}
