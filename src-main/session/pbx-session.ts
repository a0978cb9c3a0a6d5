import type { CommandProgress, SessionIdentity, SessionStatus } from '../../src-preload/contract';
import type { SessionFailure } from '../../src-shared/error-codes';
import type { CallRecord, HistoryScope } from '../../src-shared/call-history';
import type { AmiLinkState } from '../ami/client';
import { isSuccessResponse, type AmiMessage } from '../ami/message';
import { releaseFromAmiVersion } from '../pbx/asterisk-version';
import { dialectForAmiVersion } from '../pbx/dialect';
import { ExtensionBoard } from '../pbx/board';
import { CallDesk } from '../pbx/call-desk';
import { ExtensionDesk } from '../pbx/extension-desk';
import { CallHistoryRecorder } from '../pbx/history/recorder';
import type { SessionOperator } from '../pbx/operator';
import type { PictureStore } from '../pbx/picture-store';
import { QueueBoard } from '../pbx/queues/queue-board';
import { QueueDesk } from '../pbx/queues/queue-commands';
import { PbxRefusal, type AmiRequester } from '../pbx/requester';
import { CONSOLE_EVENT_FILTERS } from './console-events';

/** The AMI client as the session uses it (src-main/ami/client.ts satisfies it). */
export interface AmiLink extends AmiRequester {
  readonly state: AmiLinkState;
  start(): void;
  stop(): Promise<void>;
  on(event: 'state', listener: (state: AmiLinkState) => void): unknown;
  on(event: 'event', listener: (message: AmiMessage) => void): unknown;
  on(event: 'ready', listener: (info: { amiVersion: string }) => void): unknown;
}

export interface PbxSessionOptions {
  /** What the operator connected to, and with which profile. */
  readonly identity: SessionIdentity;
  readonly username: string;
  readonly link: AmiLink;
  readonly store: PictureStore;
  /** The operator's phone and dialling settings, for the call commands. */
  readonly operator: SessionOperator;
  /** Where the call commands' outcomes are reported as they unfold. */
  readonly onProgress: (progress: CommandProgress) => void;
  /** Whose calls the history keeps (the profile says). */
  readonly historyScope: HistoryScope;
  /** Where each finished call goes. */
  readonly onCallRecord: (record: CallRecord) => void;
  /** The profile's own names for extensions (board id → name). */
  readonly ownNames: Readonly<Record<string, string>>;
}

type StatusListener = (status: SessionStatus) => void;

/**
 * One operator's live session with one PBX: follows the link's state, rebuilds the picture from
 * the PBX after every login, and feeds PBX events into the picture.
 */
export class PbxSession {
  private statusNow: SessionStatus;
  private readonly listeners = new Set<StatusListener>();
  private readonly board: ExtensionBoard;
  /** Live calls, parking and the operator's call commands. */
  readonly desk: CallDesk;
  /** The queues, their members and who waits in them. */
  private readonly queues: QueueBoard;
  /** The operator's queue actions. */
  readonly queueDesk: QueueDesk;
  /** Presence, DND and voicemail of the extensions. */
  readonly extensions: ExtensionDesk;
  private readonly now = Date.now;
  private stopped = false;
  /** Whether this session ever logged in: only a session that was up reconnects by itself. */
  private wasUp = false;

  constructor(private readonly options: PbxSessionOptions) {
    this.board = new ExtensionBoard(options.store, options.ownNames);
    this.desk = new CallDesk({
      ami: options.link,
      store: options.store,
      operator: options.operator,
      onProgress: options.onProgress,
      now: this.now,
      recorder: new CallHistoryRecorder({ scope: options.historyScope, onRecord: options.onCallRecord }),
    });
    this.queues = new QueueBoard(options.store, this.now);
    this.queueDesk = new QueueDesk(options.link, this.queues, options.operator);
    this.extensions = new ExtensionDesk({
      ami: options.link,
      store: options.store,
      operator: options.operator,
      calls: this.desk,
    });
    this.statusNow = { kind: 'connecting', ...options.identity, attempt: 1 };
    options.link.on('state', (state) => this.followLink(state));
    options.link.on('ready', ({ amiVersion }) => {
      // From here until the lists are read, call events wait: none may fall between list and model.
      this.desk.beginRebuild(amiVersion);
      this.queues.beginRebuild();
      void this.rebuild(amiVersion);
    });
    options.link.on('event', (message) => {
      this.board.handleEvent(message);
      this.desk.handleEvent(message);
      this.queues.handleEvent(message);
    });
  }

  get status(): SessionStatus {
    return this.statusNow;
  }

  onStatus(listener: StatusListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  start(): void {
    this.options.link.start();
  }

  /** The profile was saved with other own names for extensions: the tiles take them now. */
  setOwnNames(ownNames: Readonly<Record<string, string>>): void {
    this.board.setOwnNames(ownNames);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.desk.stop();
    this.queues.stop();
    await this.options.link.stop();
    this.options.store.clear();
    this.setStatus({ kind: 'disconnected' });
  }

  private followLink(state: AmiLinkState): void {
    if (this.stopped) return;
    const identity = this.options.identity;
    switch (state.kind) {
      case 'idle':
      case 'closed':
        return;
      case 'connecting':
        this.setStatus({ kind: 'connecting', ...identity, attempt: state.attempt });
        return;
      case 'connected':
        // Shown as connected once the picture is rebuilt (see rebuild()).
        this.wasUp = true;
        return;
      case 'reconnecting':
        // A first connection that never came up (refused, unreachable, not AMI, timeout, TLS) is an answer, not a drop.
        if (!this.wasUp) {
          this.fail(state.reason);
          return;
        }
        this.setStatus({
          kind: 'reconnecting',
          ...identity,
          attempt: state.attempt,
          retryAt: this.now() + state.delayMs,
          reason: state.reason,
        });
        return;
      case 'failed':
        this.setStatus({ kind: 'failed', ...identity, reason: state.reason });
        return;
    }
  }

  private async rebuild(amiVersion: string): Promise<void> {
    const { link, identity, username } = this.options;
    try {
      await this.askForLess(amiVersion);
      // Every list is asked for at once (AMI matches each answer by its ActionID): a board of 1,000
      // hints waits for the longest list, not for their sum. The tiles still come first into the
      // picture, so that calls and queues are matched to them once.
      const tiles = this.board.rebuild(link);
      const [asteriskVersion] = await Promise.all([
        this.asteriskVersion(amiVersion),
        tiles,
        this.desk.finishRebuild(tiles),
        this.queues.rebuild(link, tiles),
      ]);
      if (this.stopped) return;
      this.setStatus({ kind: 'connected', ...identity, username, amiVersion, asteriskVersion });
    } catch (error) {
      if (this.stopped) return;
      if (error instanceof PbxRefusal) {
        this.fail({ code: error.kind === 'permission' ? 'permission' : 'protocol', message: error.message });
        return;
      }
      // The link dropped during the rebuild: the link's own state tells what happens next.
    }
  }

  /**
   * Where the PBX has Filter, asks it to send only the events the console reads. A user without
   * the `system` write permission is refused Filter: the console then reads more, and works the same.
   */
  private async askForLess(amiVersion: string): Promise<void> {
    if (!dialectForAmiVersion(amiVersion).eventFilter) return;
    const { link } = this.options;
    await Promise.all(
      CONSOLE_EVENT_FILTERS.map((filter) => link.action('Filter', { Operation: 'Add', Filter: filter })),
    );
  }

  private async asteriskVersion(amiVersion: string): Promise<string> {
    const settings = await this.options.link.action('CoreSettings');
    const exact = isSuccessResponse(settings) ? settings.get('AsteriskVersion') : undefined;
    return exact ?? releaseFromAmiVersion(amiVersion) ?? `unknown (AMI ${amiVersion})`;
  }

  private fail(reason: SessionFailure): void {
    this.stopped = true;
    this.desk.stop();
    this.queues.stop();
    void this.options.link.stop();
    this.setStatus({ kind: 'failed', ...this.options.identity, reason });
  }

  private setStatus(status: SessionStatus): void {
    if (JSON.stringify(status) === JSON.stringify(this.statusNow)) return;
    this.statusNow = status;
    for (const listener of this.listeners) listener(status);
  }
}
