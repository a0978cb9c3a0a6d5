/**
 * The simulated PBX on a loopback TCP port: accepts AMI sessions, dispatches actions, renders
 * model events once per event in the dialect and hands them to each session that may read them.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { AmiMessage } from '../ami/message';
import { serializeMessage } from '../ami/serialize';
import { ActionContext, actionTable, type ActionDefinition, type PbxRuntime } from './actions';
import { RealClock, type SimClock } from './clock';
import { bannerFor, DIALECTS, type DialectProfile, type RenderedEvent, type SimDialect } from './dialects';
import { amiTimestamp } from './dialects/snapshot';
import { SimModel, type DeviceState, type PresenceState, type SimChannel } from './model';
import { FLAVOURS, generatedOffice, type OfficeDirectory, type SimFlavour } from './office';
import { seededRandom } from './random';
import { runScenario, type BusyOfficeOptions, type Scenario, type ScenarioHandle } from './scenarios';
import { ManagerSession, type SessionHost } from './session';
import { Telephony, type AtxferBehaviour, type PlaceCallOptions } from './telephony';
import { allows, DEMO_MANAGER_USER, type ManagerUser } from './users';

export interface SimulatedPbxOptions {
  dialect?: SimDialect;
  host?: string;
  port?: number;
  users?: readonly ManagerUser[];
  office?: OfficeDirectory;
  /** Which kind of PBX the office looks like when no office is given: 'demo' (default) or 'freepbx'. */
  flavour?: SimFlavour;
  scenario?: 'none' | 'lively-office' | 'busy-office' | Scenario;
  seed?: number;
  answerDelayMs?: number;
  parkingTimeoutMs?: number;
  /** The AstDB the PBX starts with (`family/key` → value), such as FreePBX's `DND/106: YES`. */
  astdb?: Readonly<Record<string, string>>;
  /** Whether Atxfer works (the call has the transfer feature); default 'noFeature', as on the lab PBX. */
  atxfer?: AtxferBehaviour;
  /** Rate and size of the 'busy-office' generator (office defaults to 200 generated extensions). */
  busyOffice?: BusyOfficeOptions & { size?: number };
  /** Injected time (tests); default: the real clock. */
  clock?: SimClock;
  /** Called for every event the PBX renders (load tests, tracing). */
  onEvent?: (event: RenderedEvent) => void;
}

export interface ReceivedAction {
  readonly username: string | undefined;
  readonly action: AmiMessage;
  readonly at: number;
}

export type SettableDeviceState = 'NOT_INUSE' | 'INUSE' | 'BUSY' | 'UNAVAILABLE' | 'RINGING' | 'RINGINUSE' | 'ONHOLD';

export interface SimulatedPbxFaults {
  /** Closes every connection at once (no Shutdown event). */
  drop(): void;
  /** Stops answering: nothing is written and actions wait, for `ms` (or until stall(0)). */
  stall(ms?: number): void;
  /** Writes `bytes` of non-AMI garbage to every connection. */
  garbage(bytes?: number): void;
  /** Writes every later frame one byte per write. */
  splitBytes(on: boolean): void;
  /** Sends one event of about `bytes` bytes (default 2 MiB) to every logged-in connection. */
  giantFrame(bytes?: number): void;
  /** Sends Shutdown, closes, stays down `downMs`, listens again on the same port. */
  restart(downMs?: number): Promise<void>;
}

export interface SimulatedPbx {
  readonly host: string;
  readonly port: number;
  readonly dialect: SimDialect;
  readonly model: SimModel;
  readonly telephony: Telephony;
  readonly actionsReceived: readonly ReceivedAction[];
  setDeviceState(device: string, state: SettableDeviceState): void;
  setPresence(exten: string, state: PresenceState, subtype?: string, message?: string): void;
  setMailbox(mailbox: string, newCount: number, oldCount?: number): void;
  placeCall(from: string, to: string, options?: PlaceCallOptions): Promise<SimChannel>;
  readonly faults: SimulatedPbxFaults;
  close(): Promise<void>;
}

const MAX_ACTIONS_KEPT = 10_000;

class SimulatedPbxServer implements SimulatedPbx, PbxRuntime, SessionHost {
  readonly model: SimModel;
  readonly telephony: Telephony;
  readonly profile: DialectProfile;
  readonly clock: SimClock;
  readonly users: readonly ManagerUser[];
  readonly actionsReceived: ReceivedAction[] = [];
  readonly host: string;
  port: number;
  readonly actionNames: { name: string; privilege: readonly string[] }[];
  private readonly actions: Map<string, ActionDefinition>;
  private readonly sessions = new Set<ManagerSession>();
  private readonly random01: () => number;
  private server: Server | undefined;
  private sessionSeq = 0;
  private stalledUntil = 0;
  private stallTimer: NodeJS.Timeout | undefined;
  private split = false;
  private scenario: ScenarioHandle | undefined;
  private closing = false;

  constructor(private readonly options: SimulatedPbxOptions) {
    this.profile = DIALECTS[options.dialect ?? 'asterisk-18'];
    this.clock = options.clock ?? new RealClock();
    this.users = options.users ?? [DEMO_MANAGER_USER];
    this.host = options.host ?? '127.0.0.1';
    this.port = options.port ?? 0;
    this.random01 = seededRandom(options.seed ?? 1);
    const office =
      options.office ??
      (options.scenario === 'busy-office'
        ? generatedOffice(options.busyOffice?.size ?? 200)
        : FLAVOURS[options.flavour ?? 'demo']());
    this.model = new SimModel(office, {
      tech: this.profile.tech,
      now: () => this.clock.now(),
      random: this.random01,
    });
    this.model.loadAstdb(options.astdb ?? {});
    this.telephony = new Telephony(this.model, {
      clock: this.clock,
      answerDelayMs: options.answerDelayMs ?? 1500,
      parkingTimeoutMs: options.parkingTimeoutMs ?? 45_000,
    });
    this.telephony.atxfer = options.atxfer ?? 'noFeature';
    this.actions = actionTable(this.profile);
    this.actionNames = [...this.actions.values()]
      .map((a) => ({ name: a.name, privilege: a.privilege }))
      .sort((a, b) => a.name.localeCompare(b.name));
    this.model.subscribe((event) =>
      this.broadcast(this.profile.render(event, { model: this.model, now: this.clock.now() })),
    );
  }

  get dialect(): SimDialect {
    return this.profile.id;
  }

  random(): number {
    return this.random01();
  }

  // ---- life cycle -------------------------------------------------------------------------

  async listen(): Promise<void> {
    const server = createServer((socket) => this.accept(socket));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, this.host, () => {
        server.off('error', reject);
        const address = server.address();
        if (address && typeof address === 'object') this.port = address.port;
        resolve();
      });
    });
  }

  startScenario(): void {
    const scenario = this.options.scenario ?? 'none';
    if (scenario !== 'none')
      this.scenario = runScenario(this, scenario, this.options.seed ?? 1, this.options.busyOffice);
  }

  private accept(socket: Socket): void {
    if (this.closing) {
      socket.destroy();
      return;
    }
    socket.setNoDelay(true);
    const session = new ManagerSession(++this.sessionSeq, socket, this);
    this.sessions.add(session);
    session.writeRaw(Buffer.from(bannerFor(this.profile), 'utf8'));
  }

  sessionClosed(session: ManagerSession): void {
    this.sessions.delete(session);
  }

  closeSession(session: ManagerSession, delayMs: number): void {
    if (delayMs <= 0) session.end();
    else this.clock.setTimer(delayMs, () => session.end());
  }

  private async closeListener(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const s of [...this.sessions]) s.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  async close(): Promise<void> {
    this.closing = true;
    this.scenario?.stop();
    this.telephony.stopAll();
    if (this.stallTimer) clearTimeout(this.stallTimer);
    if (this.clock instanceof RealClock) this.clock.clearAll();
    await this.closeListener();
  }

  // ---- actions ----------------------------------------------------------------------------

  handleAction(session: ManagerSession, message: AmiMessage): void {
    const name = message.get('Action');
    this.actionsReceived.push({ username: session.user?.username, action: message, at: this.clock.now() });
    if (this.actionsReceived.length > MAX_ACTIONS_KEPT)
      this.actionsReceived.splice(0, this.actionsReceived.length - MAX_ACTIONS_KEPT);
    const ctx = new ActionContext(this, session, message);
    if (!name) {
      ctx.error('Missing action in request');
      return;
    }
    const def = this.actions.get(name.toLowerCase());
    if (!session.authenticated && !def?.beforeLogin) {
      ctx.error('Authentication Required');
      return;
    }
    if (!def) {
      ctx.error('Invalid/unknown command');
      return;
    }
    if (session.user && !allows(session.user.write, def.privilege)) {
      ctx.error('Permission denied');
      return;
    }
    try {
      const result = def.handle(ctx);
      if (result instanceof Promise)
        result.catch((err: unknown) => ctx.error(err instanceof Error ? err.message : String(err)));
    } catch (err) {
      ctx.error(err instanceof Error ? err.message : String(err));
    }
  }

  greet(session: ManagerSession): void {
    const uptime = String(Math.floor((this.clock.now() - this.model.startedAt) / 1000));
    const booted: RenderedEvent = {
      name: 'FullyBooted',
      eventClass: 'system',
      headers: this.profile.modernActions
        ? [
            ['Event', 'FullyBooted'],
            ['Privilege', 'system,all'],
            ['Uptime', uptime],
            ['LastReload', uptime],
            ['Status', 'Fully Booted'],
          ]
        : [
            ['Event', 'FullyBooted'],
            ['Privilege', 'system,all'],
            ['Status', 'Fully Booted'],
          ],
    };
    this.deliver(session, booted);
    if (!this.profile.modernActions) return;
    const tv = new Date(this.clock.now()).toISOString().replace('Z', '+0000');
    this.deliver(session, {
      name: 'SuccessfulAuth',
      eventClass: 'security',
      headers: [
        ['Event', 'SuccessfulAuth'],
        ['Privilege', 'security,all'],
        ['Timestamp', amiTimestamp(this.clock.now())],
        ['SystemName', this.model.systemName],
        ['EventTV', tv],
        ['Severity', 'Informational'],
        ['Service', 'AMI'],
        ['EventVersion', '1'],
        ['AccountID', session.user?.username ?? ''],
        ['SessionID', `0x${session.id.toString(16).padStart(12, '0')}`],
        ['LocalAddress', `IPV4/TCP/${this.host}/${this.port}`],
        ['RemoteAddress', `IPV4/TCP/127.0.0.1/${session.remotePort}`],
        ['UsingPassword', '0'],
        ['SessionTV', tv],
      ],
    });
  }

  // ---- events -----------------------------------------------------------------------------

  private deliver(session: ManagerSession, event: RenderedEvent): void {
    const bytes = serializeMessage(event.headers);
    if (session.wants(event, bytes.toString('utf8'))) session.writeRaw(bytes);
  }

  private broadcast(events: RenderedEvent[]): void {
    for (const event of events) {
      this.options.onEvent?.(event);
      if (this.sessions.size === 0) continue;
      const bytes = serializeMessage(event.headers);
      const text = bytes.toString('utf8');
      for (const session of this.sessions) if (session.wants(event, text)) session.writeRaw(bytes);
    }
  }

  // ---- outside stimuli --------------------------------------------------------------------

  /** `PJSIP/101`, `SIP/101` or `101`: the phone of that extension in this dialect's technology. */
  setDeviceState(device: string, state: SettableDeviceState | DeviceState): void {
    const m = /^(?:PJSIP|SIP)\/(.+)$/i.exec(device);
    const exten = m ? m[1]! : device;
    this.model.setDeviceState(/^[\w*#+]+$/.test(exten) ? this.model.deviceOf(exten) : device, state);
  }

  setPresence(exten: string, state: PresenceState, subtype = '', message = ''): void {
    this.model.setPresence(exten.includes(':') ? exten : `CustomPresence:${exten}`, state, subtype, message);
  }

  setMailbox(mailbox: string, newCount: number, oldCount = 0): void {
    this.model.setMailbox(mailbox.includes('@') ? mailbox : `${mailbox}@default`, newCount, oldCount);
  }

  placeCall(from: string, to: string, options: PlaceCallOptions = {}): Promise<SimChannel> {
    return Promise.resolve(this.telephony.placeCall(from, to, options));
  }

  // ---- faults -----------------------------------------------------------------------------

  isStalled(): boolean {
    return this.stalledUntil > Date.now();
  }

  splitBytes(): boolean {
    return this.split;
  }

  readonly faults: SimulatedPbxFaults = {
    drop: () => {
      for (const s of [...this.sessions]) s.destroy();
    },
    stall: (ms?: number) => {
      if (this.stallTimer) clearTimeout(this.stallTimer);
      if (ms === 0) {
        this.stalledUntil = 0;
        for (const s of this.sessions) s.resume();
        return;
      }
      const duration = ms ?? 2_147_000_000;
      this.stalledUntil = Date.now() + duration;
      this.stallTimer = setTimeout(() => this.faults.stall(0), Math.min(duration, 2_147_000_000));
    },
    garbage: (bytes = 64) => {
      const junk = Buffer.alloc(bytes);
      for (let i = 0; i < bytes; i++) junk[i] = Math.floor(this.random01() * 256);
      for (const s of this.sessions) s.writeRaw(junk);
    },
    splitBytes: (on: boolean) => {
      this.split = on;
    },
    giantFrame: (bytes = 2 * 1024 * 1024) => {
      const line = `Data: ${'x'.repeat(1000)}\r\n`;
      const lines = Math.max(1, Math.ceil(bytes / line.length));
      const frame = Buffer.from(`Event: SimGiantFrame\r\nPrivilege: system,all\r\n${line.repeat(lines)}\r\n`, 'utf8');
      for (const s of this.sessions) if (s.authenticated) s.writeRaw(frame);
    },
    restart: async (downMs = 1000) => {
      this.scenario?.stop();
      this.model.emit({ kind: 'shutdown', restart: true });
      await new Promise<void>((resolve) => setImmediate(resolve));
      this.telephony.stopAll();
      await this.closeListener();
      this.model.clearCalls();
      await new Promise<void>((resolve) => setTimeout(resolve, downMs));
      if (this.closing) return;
      await this.listen();
      this.startScenario();
    },
  };
}

export async function startSimulatedPbx(options: SimulatedPbxOptions = {}): Promise<SimulatedPbx> {
  const pbx = new SimulatedPbxServer(options);
  await pbx.listen();
  pbx.startScenario();
  return pbx;
}
