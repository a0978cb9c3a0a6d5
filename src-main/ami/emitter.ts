type Listener<T> = (payload: T) => void;

interface Subscription<T> {
  readonly listener: Listener<T>;
  readonly once: boolean;
}

/**
 * A small typed event emitter. A throwing listener neither stops the others nor the emitter's owner
 * (its error is rethrown on a later tick, where it is visible as an uncaught exception).
 */
export class TypedEmitter<Events> {
  // Arrays are replaced, never mutated, so an emit in progress is unaffected by on/off calls.
  private subscriptions: { [K in keyof Events]?: readonly Subscription<Events[K]>[] } = {};

  /** Returns a function that removes the listener. */
  on<K extends keyof Events>(name: K, listener: Listener<Events[K]>): () => void {
    this.subscribe(name, { listener, once: false });
    return () => this.off(name, listener);
  }

  once<K extends keyof Events>(name: K, listener: Listener<Events[K]>): () => void {
    this.subscribe(name, { listener, once: true });
    return () => this.off(name, listener);
  }

  off<K extends keyof Events>(name: K, listener: Listener<Events[K]>): void {
    const current = this.subscriptions[name];
    if (current === undefined) return;
    const kept = current.filter((subscription) => subscription.listener !== listener);
    this.subscriptions[name] = kept.length > 0 ? kept : undefined;
  }

  listenerCount(name?: keyof Events): number {
    if (name !== undefined) return this.subscriptions[name]?.length ?? 0;
    let total = 0;
    for (const key in this.subscriptions) total += this.subscriptions[key]?.length ?? 0;
    return total;
  }

  protected emit<K extends keyof Events>(name: K, payload: Events[K]): void {
    const current = this.subscriptions[name];
    if (current === undefined) return;
    for (const subscription of current) {
      if (subscription.once) this.off(name, subscription.listener);
      try {
        subscription.listener(payload);
      } catch (error) {
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }

  private subscribe<K extends keyof Events>(name: K, subscription: Subscription<Events[K]>): void {
    this.subscriptions[name] = [...(this.subscriptions[name] ?? []), subscription];
  }
}
