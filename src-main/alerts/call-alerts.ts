import { incomingCallAlerts, newAlerts, type CallAlert } from '../../src-shared/notification-rules';
import type { PictureStore } from '../pbx/picture-store';

export interface CallAlertsChange {
  /** Everything that alerts now (the window title's count). */
  readonly current: readonly CallAlert[];
  /** What began to alert with this change: one notification each. */
  readonly added: readonly CallAlert[];
}

/**
 * The notification rule applied in main, so the desktop app can show a native notification and
 * count in the taskbar: follows the picture's calls and says what began (and stopped) alerting.
 */
export class CallAlerts {
  private current: readonly CallAlert[] = [];
  private readonly listeners = new Set<(change: CallAlertsChange) => void>();

  constructor(
    private readonly store: PictureStore,
    /** My tile's id in the current session (the operator's extension). */
    private readonly myExtensionId: () => string | undefined,
  ) {
    store.onPatch((patch) => {
      if (patch.collection === 'calls' || patch.collection === 'extensions') this.recompute();
    });
  }

  get alerts(): readonly CallAlert[] {
    return this.current;
  }

  onChange(listener: (change: CallAlertsChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private recompute(): void {
    const next = incomingCallAlerts(this.store.values('calls'), this.myExtensionId());
    const added = newAlerts(this.current, next);
    const changed = added.length > 0 || next.length !== this.current.length;
    this.current = next;
    if (!changed) return;
    for (const listener of this.listeners) listener({ current: next, added });
  }
}
