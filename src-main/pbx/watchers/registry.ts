import type { CommandProgress, CommandReceipt, WatchedCommand } from '../../../src-preload/contract';
import type { PbxEvent } from '../calls/events';
import { succeed, type CommandResult } from '../commands/context';
import type { AtxferStage } from './atxfer-watcher';
import type { BlindTransferStage } from './blind-transfer-watcher';
import type { OriginateStage } from './originate-watcher';
import type { OutcomeWatcher } from './watcher';

type Stage = OriginateStage | AtxferStage | BlindTransferStage;

interface WatchedEntry {
  readonly commandId: string;
  readonly command: WatchedCommand;
  readonly target: string;
  readonly watcher: OutcomeWatcher<Stage>;
}

export interface WatcherRegistryOptions {
  /** Where watched commands report their stages (`calls:progress`). */
  readonly onProgress: (progress: CommandProgress) => void;
  readonly now: () => number;
  /** Starts every command id this registry hands out (a session's own tag). */
  readonly commandIdPrefix: string;
}

/** How often watchers are asked whether a deadline passed. */
const TICK_MS = 250;

/**
 * The commands whose outcome is followed in the PBX's events, by command id: each one's watcher is
 * shown every event and asked on a timer whether a deadline passed, and every stage it reaches is
 * reported until it is done.
 */
export class WatcherRegistry {
  private readonly watched = new Map<string, WatchedEntry>();
  /** Events seen while a watched command awaits its acknowledgement (its outcome may come first). */
  private sinceSent: PbxEvent[] | undefined;
  private commandsAwaitingAck = 0;
  private commandSeq = 0;
  private ticker: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly options: WatcherRegistryOptions) {}

  /** The watcher following this command, while it is not done. */
  watcherOf(commandId: string): OutcomeWatcher<Stage> | undefined {
    return this.watched.get(commandId)?.watcher;
  }

  /**
   * Runs a command whose outcome a watcher follows. Events that arrive between sending and the
   * acknowledgement (an async Originate can fail at once) are replayed to the new watcher.
   */
  async watch(
    command: WatchedCommand,
    target: string,
    send: () => Promise<CommandResult<{ watcher: OutcomeWatcher<Stage> }>>,
  ): Promise<CommandResult<CommandReceipt>> {
    this.sinceSent ??= [];
    const seen = this.sinceSent;
    const from = seen.length;
    this.commandsAwaitingAck += 1;
    const result = await send().finally(() => {
      this.commandsAwaitingAck -= 1;
      if (this.commandsAwaitingAck === 0) this.sinceSent = undefined;
    });
    if (!result.ok) return result;
    const entry: WatchedEntry = {
      commandId: `${this.options.commandIdPrefix}-cmd${++this.commandSeq}`,
      command,
      target,
      watcher: result.value.watcher,
    };
    this.watched.set(entry.commandId, entry);
    this.report(entry, entry.watcher.stage);
    const now = this.options.now();
    for (const event of seen.slice(from)) {
      if (entry.watcher.done) break;
      const changed = entry.watcher.observe(event, now);
      if (changed) this.report(entry, changed);
    }
    if (!entry.watcher.done) this.startTicker();
    return succeed({ kind: 'watching', commandId: entry.commandId });
  }

  /** Shows the PBX's events to every watcher (and keeps them for commands still awaiting their acknowledgement). */
  observe(events: readonly PbxEvent[], now: number): void {
    this.sinceSent?.push(...events);
    for (const event of events) {
      for (const entry of [...this.watched.values()]) {
        const changed = entry.watcher.observe(event, now);
        if (changed) this.report(entry, changed);
      }
    }
  }

  /** The link dropped: every command followed so far ends with this failure. */
  failAll(failure: Extract<Stage, { stage: 'failed' }>): void {
    for (const entry of this.watched.values()) this.report(entry, failure);
    this.watched.clear();
  }

  /** The session ended: nothing is followed any more, nothing more is reported. */
  clear(): void {
    this.watched.clear();
    this.stopTicker();
  }

  private report(entry: WatchedEntry, stage: Stage): void {
    const { commandId, command, target } = entry;
    this.options.onProgress(
      stage.stage === 'failed'
        ? { commandId, command, target, stage: 'failed', code: stage.code, said: stage.said }
        : { commandId, command, target, stage: stage.stage },
    );
    if (entry.watcher.done) this.watched.delete(commandId);
  }

  private startTicker(): void {
    if (this.ticker) return;
    this.ticker = setInterval(() => this.tick(), TICK_MS);
    this.ticker.unref?.();
  }

  private stopTicker(): void {
    clearInterval(this.ticker);
    this.ticker = undefined;
  }

  private tick(): void {
    const now = this.options.now();
    for (const entry of [...this.watched.values()]) {
      const changed = entry.watcher.tick(now);
      if (changed) this.report(entry, changed);
    }
    if (this.watched.size === 0) this.stopTicker();
  }
}
