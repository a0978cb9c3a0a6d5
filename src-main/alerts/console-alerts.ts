import {
  incomingCallAlerts,
  newAlerts,
  nextQueueWaitCrossing,
  queueWaitAlerts,
  type ConsoleAlert,
  type QueueWatch,
} from '../../src-shared/notification-rules';
import type { PictureStore } from '../pbx/picture-store';

export interface ConsoleAlertsChange {
  /** Everything that alerts now (the window title's count). */
  readonly current: readonly ConsoleAlert[];
  /** What began to alert with this change: one notification each. */
  readonly added: readonly ConsoleAlert[];
}

/** What the alerts follow of the session now open. */
export interface AlertsOwner {
  /** My tile's id in the current session (the operator's extension). */
  myExtensionId(): string | undefined;
  /** The logged-in profile's watched queues and threshold; undefined when logged out. */
  queueWatch(): QueueWatch | undefined;
}

/**
 * The notification rule applied in main, so the desktop app can show a native notification and
 * count in the taskbar: follows the picture's calls and queues and says what began (and stopped)
 * alerting. A waiting caller crosses the threshold with no event from the PBX, so a timer looks
 * again at the next crossing (never on a tick).
 */
export class ConsoleAlerts {
  private current: readonly ConsoleAlert[] = [];
  private readonly listeners = new Set<(change: ConsoleAlertsChange) => void>();
  private crossingTimer: ReturnType<typeof setTimeout> | undefined;
  /** My tile when the alerts were last looked at. */
  private mine: string | undefined;

  constructor(
    private readonly store: PictureStore,
    private readonly owner: AlertsOwner,
  ) {
    store.onPatch((patch) => {
      // The tiles matter only through which one is mine: a lamp changing (most of a busy board's
      // patches) alerts nothing.
      if (
        patch.collection === 'extensions'
          ? owner.myExtensionId() !== this.mine
          : patch.collection === 'calls' || patch.collection === 'queues'
      )
        this.recompute();
    });
  }

  get alerts(): readonly ConsoleAlert[] {
    return this.current;
  }

  onChange(listener: (change: ConsoleAlertsChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Looks again now: the profile's watched queues or threshold changed. */
  recompute(): void {
    clearTimeout(this.crossingTimer);
    this.crossingTimer = undefined;
    const now = Date.now();
    const watch = this.owner.queueWatch();
    const queues = this.store.values('queues');
    this.mine = this.owner.myExtensionId();
    const next = [
      ...incomingCallAlerts(this.store.values('calls'), this.mine),
      ...(watch ? queueWaitAlerts(queues, watch, now) : []),
    ];
    const crossing = watch && nextQueueWaitCrossing(queues, watch, now);
    if (crossing !== undefined) this.crossingTimer = setTimeout(() => this.recompute(), crossing - now);
    const added = newAlerts(this.current, next);
    const changed = added.length > 0 || next.length !== this.current.length;
    this.current = next;
    if (!changed) return;
    for (const listener of this.listeners) listener({ current: next, added });
  }

  dispose(): void {
    clearTimeout(this.crossingTimer);
    this.listeners.clear();
  }
}
