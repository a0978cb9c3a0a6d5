import { refusal } from '../../src-shared/refusals';
import { randomBytes } from 'node:crypto';
import type {
  CommandProgress,
  CommandReceipt,
  ConsultationEnd,
  ListenMode,
  OperatorIdentity,
  RecordingAction,
  TransferRequest,
} from '../../src-preload/contract';
import type { AmiMessage } from '../ami/message';
import { eventAdapterFor } from './calls/adapt';
import { ExtensionMatcher } from './calls/device-match';
import type { PbxEvent } from './calls/events';
import { emptyModel, type ChannelRecord, type PbxModel } from './calls/model';
import { CallProjector, personOf, projectParked } from './calls/projection';
import { rebuildModel } from './calls/rebuild';
import { reduceEvents } from './calls/reducer';
import { fail, NORMAL_CLEARING, runAction, succeed, type CommandContext, type CommandResult } from './commands/context';
import { dial, pickupParked } from './commands/dial';
import { hangup } from './commands/hangup';
import { listenIn } from './commands/listen';
import { takeRingingCall } from './commands/take-call';
import { park } from './commands/park';
import { pauseRecording, resumeRecording, startRecording, stopRecording } from './commands/recording';
import { finishAttendedTransfer, moveParked, transferAttended, transferBlind } from './commands/transfer';
import { dialectForAmiVersion, type PbxDialect } from './dialect';
import { ListeningTracker, type ListeningEnd } from './listening';
import { callFactsOf, type CallHistoryRecorder } from './history/recorder';
import { resolveMyDevice, type MyDevice } from './my-device';
import type { SessionOperator } from './operator';
import type { PictureStore } from './picture-store';
import type { AmiRequester } from './requester';
import { AtxferWatcher } from './watchers/atxfer-watcher';
import { WatcherRegistry } from './watchers/registry';

export interface CallDeskOptions {
  readonly ami: AmiRequester;
  readonly store: PictureStore;
  readonly operator: SessionOperator;
  /** Where watched commands report their stages (`calls:progress`). */
  readonly onProgress: (progress: CommandProgress) => void;
  readonly now: () => number;
  /** Follows every published picture of the calls for the call history. */
  readonly recorder: CallHistoryRecorder;
}

type DeskPhase =
  | { readonly kind: 'offline' }
  /** Listing the PBX after a login; events meanwhile wait in `buffered`. */
  | { readonly kind: 'rebuilding'; readonly dialect: PbxDialect; readonly buffered: PbxEvent[] }
  | { readonly kind: 'live'; readonly dialect: PbxDialect };

const DONE: CommandReceipt = { kind: 'done' };

/**
 * The calls side of a session: keeps the call model in step with the PBX (rebuilt from its lists
 * after every login, never carried over a drop), projects it into the picture, runs the operator's
 * commands against it and follows their outcome in the PBX's events.
 */
export class CallDesk {
  private phase: DeskPhase = { kind: 'offline' };
  private model: PbxModel = emptyModel('none.');
  private cachedMatcher: ExtensionMatcher | undefined;
  private readonly projector = new CallProjector();
  private publishQueued = false;
  private connections = 0;
  private readonly sessionTag = randomBytes(2).toString('hex');
  /** Listening sessions → who is listened to, for the notices. */
  private readonly listenTargets = new Map<string, string>();
  private listenSeq = 0;
  private readonly now: () => number;
  private readonly watchers: WatcherRegistry;
  private readonly stopFollowingTiles: () => void;
  private readonly listening: ListeningTracker;

  constructor(private readonly options: CallDeskOptions) {
    this.now = options.now;
    this.watchers = new WatcherRegistry({
      onProgress: options.onProgress,
      now: options.now,
      commandIdPrefix: this.sessionTag,
    });
    this.listening = new ListeningTracker(
      options.store,
      (session, end) => this.listenEnded(session.id, end),
      (session) => {
        const target = this.listenTargets.get(session.id) ?? '';
        options.onProgress({ commandId: session.id, command: 'listen', target, stage: 'connected' });
      },
    );
    this.stopFollowingTiles = options.store.onPatch((patch) => {
      if (patch.collection !== 'extensions') return;
      // A lamp changing is most of a busy board's patches: calls and queues show no lamp.
      if (patch.remove.length === 0 && this.cachedMatcher?.knowsAlready(patch.upsert)) return;
      this.cachedMatcher = undefined;
      if (this.phase.kind === 'live') this.queuePublish();
    });
  }

  /** A login happened: from now on events wait until the PBX's lists are read (finishRebuild). */
  beginRebuild(amiVersion: string): void {
    // The calls are listed anew after a login; what happened during the drop is not known.
    this.options.recorder.finishAll(this.now());
    this.watchers.failAll({
      stage: 'failed',
      code: 'connectionLost',
      said: refusal('connectionDropped', {}),
    });
    this.listening.clear();
    this.phase = { kind: 'rebuilding', dialect: dialectForAmiVersion(amiVersion), buffered: [] };
  }

  /**
   * Builds a fresh model from the PBX's lists, then applies the events that arrived meanwhile.
   * `tilesFirst`: the lists are read at once, the model is shown once the tiles it is matched to are in the picture.
   */
  async finishRebuild(tilesFirst?: Promise<void>): Promise<void> {
    const phase = this.phase;
    if (phase.kind !== 'rebuilding') return;
    this.connections += 1;
    const model = await rebuildModel(
      this.options.ami,
      phase.dialect,
      `${this.sessionTag}${this.connections}.`,
      this.now,
    );
    await tilesFirst;
    if (this.phase !== phase) return;
    this.model = reduceEvents(model, phase.buffered, this.now());
    this.phase = { kind: 'live', dialect: phase.dialect };
    this.publish();
  }

  handleEvent(message: AmiMessage): void {
    const phase = this.phase;
    if (phase.kind === 'offline') return;
    this.listening.handleEvent(message, this.now());
    const events = eventAdapterFor(phase.dialect)(message);
    if (events.length === 0) return;
    if (phase.kind === 'rebuilding') phase.buffered.push(...events);
    else this.apply(events);
  }

  stop(): void {
    this.options.recorder.finishAll(this.now());
    this.phase = { kind: 'offline' };
    this.watchers.clear();
    this.stopFollowingTiles();
  }

  identity(): OperatorIdentity {
    return { myDevice: this.options.operator.myDevice, myExtensionId: this.myDevice()?.extension?.id };
  }

  // ---- commands ---------------------------------------------------------------------------

  async dial(target: string): Promise<CommandResult<CommandReceipt>> {
    return this.withDevice((ctx) => this.watchers.watch('dial', target, () => dial(ctx, target)));
  }

  async pickup(slot: string): Promise<CommandResult<CommandReceipt>> {
    return this.withDevice((ctx) => this.watchers.watch('pickup', slot, () => pickupParked(ctx, slot)));
  }

  async transfer(request: TransferRequest): Promise<CommandResult<CommandReceipt>> {
    if (request.mode === 'attended') {
      return this.withDevice((ctx) =>
        this.watchers.watch('attendedTransfer', request.target, () =>
          transferAttended(ctx, { callId: request.callId, target: request.target }),
        ),
      );
    }
    return this.withContext((ctx) =>
      this.watchers.watch('blindTransfer', request.target, () =>
        transferBlind(ctx, {
          callId: request.callId,
          target: request.target,
          ...(request.partyId ? { partyId: request.partyId } : {}),
          ...(request.fromExtensionId ? { keepExtensionId: request.fromExtensionId } : {}),
        }),
      ),
    );
  }

  async finishTransfer(commandId: string, action: ConsultationEnd): Promise<CommandResult<CommandReceipt>> {
    const watcher = this.watchers.watcherOf(commandId);
    if (!(watcher instanceof AtxferWatcher) || watcher.stage.stage !== 'consulting') {
      return fail('notConsulting', refusal('transferNotWaiting', {}));
    }
    return this.withContext(async (ctx) => done(await finishAttendedTransfer(ctx, watcher.transfererUid, action)));
  }

  async park(callId: string, partyId: string | undefined): Promise<CommandResult<CommandReceipt>> {
    return this.withContext(async (ctx) => done(await park(ctx, { callId, ...(partyId ? { partyId } : {}) })));
  }

  async moveParked(slot: string, target: string): Promise<CommandResult<CommandReceipt>> {
    return this.withContext((ctx) => this.watchers.watch('blindTransfer', target, () => moveParked(ctx, slot, target)));
  }

  async record(callId: string, action: RecordingAction): Promise<CommandResult<CommandReceipt>> {
    const run = { start: startRecording, pause: pauseRecording, resume: resumeRecording, stop: stopRecording }[action];
    return this.withContext(async (ctx) => done(await run(ctx, callId)));
  }

  async hangup(callId: string): Promise<CommandResult<CommandReceipt>> {
    return this.withContext(async (ctx) => done(await hangup(ctx, callId)));
  }

  /** A call ringing at someone else's phone comes to mine. */
  async take(callId: string): Promise<CommandResult<CommandReceipt>> {
    return this.withDevice((ctx) => {
      const myExten = this.myDevice()?.extension?.exten;
      if (!myExten) return Promise.resolve(fail('failed', refusal('takeNeedsMyDevice', {})));
      return this.watchers.watch('takeCall', myExten, () => takeRingingCall(ctx, callId, myExten));
    });
  }

  /** Listen, whisper or barge on a call from my phone (ChanSpy), when the profile allows it. */
  async listen(callId: string, partyId: string | undefined, mode: ListenMode): Promise<CommandResult<CommandReceipt>> {
    if (!this.options.operator.listenIn) return fail('unsupported', refusal('listeningOff', {}));
    return this.withDevice(async (ctx) => {
      // Before the Originate: my phone's channel may be reported before its acknowledgement is read.
      const askedAt = this.now();
      const started = await listenIn(ctx, { callId, partyId, mode });
      if (!started.ok) return started;
      const listenId = `${this.sessionTag}-listen${++this.listenSeq}`;
      const { spyee } = started.value;
      const target = personOf(spyee, ctx.matcher()).number;
      this.listenTargets.set(listenId, target);
      this.listening.begin(
        { id: listenId, callId, partyId: spyee.partyId, mode, stage: 'calling' },
        started.value.actionId,
        spyee.name,
        askedAt,
      );
      this.queuePublish();
      this.options.onProgress({ commandId: listenId, command: 'listen', target, stage: 'callingYou' });
      return succeed({ kind: 'watching', commandId: listenId });
    });
  }

  async stopListening(listenId: string): Promise<CommandResult<CommandReceipt>> {
    const spyer = this.listening.spyerOf(listenId);
    if (!spyer) return fail('callEnded', refusal('notListening', {}));
    return this.withContext(async (ctx) =>
      done(await runAction(ctx, 'Hangup', { Channel: spyer, Cause: NORMAL_CLEARING }, 'stopped')),
    );
  }

  private listenEnded(listenId: string, end: ListeningEnd): void {
    const target = this.listenTargets.get(listenId) ?? '';
    this.listenTargets.delete(listenId);
    const base = { commandId: listenId, command: 'listen' as const, target };
    if (end === 'stopped') this.options.onProgress({ ...base, stage: 'ended' });
    else
      this.options.onProgress({
        ...base,
        stage: 'failed',
        code: end === 'notAnswered' ? 'notAnswered' : 'callEnded',
        said:
          end === 'notAnswered'
            ? refusal('listenNotAnswered', {})
            : target
              ? refusal('nothingToListenTo', { target })
              : refusal('listenedCallOver', {}),
      });
  }

  // ---- the model --------------------------------------------------------------------------

  private apply(events: readonly PbxEvent[]): void {
    const now = this.now();
    const before = this.model;
    this.model = reduceEvents(before, events, now);
    this.watchers.observe(events, now);
    // Events that change nothing the model keeps leave the calls as published, unless a listening
    // session (which decides what is left out) may have moved on with them.
    if (this.model !== before || this.listening.listening) this.queuePublish();
  }

  private matcher(): ExtensionMatcher {
    this.cachedMatcher ??= new ExtensionMatcher(this.options.store.values('extensions'));
    return this.cachedMatcher;
  }

  /** Once per burst of events: a TCP chunk of AMI events becomes one projection. */
  private queuePublish(): void {
    if (this.publishQueued) return;
    this.publishQueued = true;
    queueMicrotask(() => {
      this.publishQueued = false;
      if (this.phase.kind === 'live') this.publish();
    });
  }

  private publish(): void {
    const matcher = this.matcher();
    const myExtensionId = this.myDevice()?.extension?.id;
    // Only while I listen in is a channel left out (and the calls' projections not reused).
    const leaveOut = this.listening.listening
      ? (channel: ChannelRecord) =>
          this.listening.isSpyerLeg(
            channel,
            myExtensionId !== undefined && matcher.extensionOfChannel(channel.name)?.id === myExtensionId,
          )
      : undefined;
    const calls = this.projector.project(this.model, matcher, leaveOut);
    const parked = projectParked(this.model, matcher);
    this.options.store.replace('calls', calls);
    this.options.store.replace('parked', parked);
    this.options.recorder.observe({
      now: this.now(),
      calls,
      parked,
      myExtensionId,
      facts: callFactsOf(this.model),
    });
  }

  // ---- running commands -------------------------------------------------------------------

  private myDevice(): MyDevice | undefined {
    const { myDevice, dialContext } = this.options.operator;
    return myDevice ? resolveMyDevice(myDevice, this.matcher(), dialContext) : undefined;
  }

  private context(dialect: PbxDialect): CommandContext {
    const { operator } = this.options;
    const me = this.myDevice();
    const mine = me?.extension;
    return {
      ami: this.options.ami,
      dialect,
      profile: {
        myDevice: me?.device ?? '',
        dialContext: operator.dialContext,
        parkingLot: operator.parkingLot,
        recordingPattern: operator.recordingPattern,
        // What my phone shows while it rings for a click-to-dial: the console, at my extension.
        ...(mine ? { callerId: `"${(mine.name || 'Switchboard').replace(/["<>]/g, '')}" <${mine.exten}>` } : {}),
      },
      model: () => this.model,
      matcher: () => this.matcher(),
      now: this.now,
      assume: (event) => this.apply([event]),
    };
  }

  private async withContext<T>(run: (ctx: CommandContext) => Promise<CommandResult<T>>): Promise<CommandResult<T>> {
    const phase = this.phase;
    if (phase.kind === 'offline') return fail('notConnected', refusal('notConnected', {}));
    if (phase.kind === 'rebuilding') {
      return fail('notConnected', refusal('reloading', {}));
    }
    return run(this.context(phase.dialect));
  }

  private async withDevice<T>(run: (ctx: CommandContext) => Promise<CommandResult<T>>): Promise<CommandResult<T>> {
    const { myDevice } = this.options.operator;
    if (!myDevice) {
      return fail('failed', refusal('needsMyPhone', {}));
    }
    if (this.phase.kind === 'live' && !this.myDevice()) {
      return fail('failed', refusal('myDeviceWithoutHint', { exten: myDevice }));
    }
    return this.withContext(run);
  }
}

function done(result: CommandResult<unknown>): CommandResult<CommandReceipt> {
  return result.ok ? succeed(DONE) : result;
}
