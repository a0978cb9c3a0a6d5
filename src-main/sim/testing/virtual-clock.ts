import type { SimClock, TimerHandle } from '../clock';

interface VirtualTimer {
  id: number;
  at: number;
  seq: number;
  fn: () => void;
}

/** A clock that only moves when told to; timers fire in (time, creation) order. */
export class VirtualClock implements SimClock {
  private current: number;
  private readonly heap: VirtualTimer[] = [];
  private readonly cancelled = new Set<number>();
  private readonly live = new Set<number>();
  private nextId = 1;
  private seq = 0;

  constructor(start = Date.UTC(2026, 10, 22, 12, 0, 0)) {
    this.current = start;
  }

  now(): number {
    return this.current;
  }

  get pending(): number {
    return this.live.size;
  }

  setTimer(ms: number, fn: () => void): TimerHandle {
    const timer: VirtualTimer = { id: this.nextId++, at: this.current + Math.max(0, ms), seq: this.seq++, fn };
    this.push(timer);
    this.live.add(timer.id);
    return { id: timer.id };
  }

  clearTimer(handle: TimerHandle | undefined): void {
    if (handle && this.live.delete(handle.id)) this.cancelled.add(handle.id);
  }

  /** Runs every timer due within the next `ms` milliseconds, then sets the time to now + ms. */
  advance(ms: number): void {
    const until = this.current + ms;
    for (;;) {
      const top = this.heap[0];
      if (!top || top.at > until) break;
      this.pop();
      if (this.cancelled.delete(top.id)) continue;
      this.live.delete(top.id);
      this.current = top.at;
      top.fn();
    }
    this.current = until;
  }

  private push(timer: VirtualTimer): void {
    const heap = this.heap;
    heap.push(timer);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!earlier(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  private pop(): void {
    const heap = this.heap;
    const last = heap.pop()!;
    if (heap.length === 0) return;
    heap[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let best = i;
      if (l < heap.length && earlier(heap[l]!, heap[best]!)) best = l;
      if (r < heap.length && earlier(heap[r]!, heap[best]!)) best = r;
      if (best === i) break;
      [heap[i], heap[best]] = [heap[best]!, heap[i]!];
      i = best;
    }
  }
}

function earlier(a: VirtualTimer, b: VirtualTimer): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}
