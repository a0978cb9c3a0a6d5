import { languageFor, type Language } from '../src-shared/language';
import { queueWatchOf, type QueueWatch } from '../src-shared/notification-rules';
import type { AnyProfile } from '../src-shared/profile';
import type { ConnectRequest, EventChannel, PayloadOf, ProfileNotice, SessionStatus } from '../src-preload/contract';
import { NOT_CONNECTED_MESSAGE } from './ami/action-error';
import { AmiClient, type AmiClientOptions } from './ami/client';
import { ConsoleAlerts } from './alerts/console-alerts';
import { createCallHandlers } from './ipc/call-handlers';
import { createExtensionHandlers } from './ipc/extension-handlers';
import type { GatekeeperLog, Handlers } from './ipc/gatekeeper';
import { profileHandlers } from './ipc/profile-handlers';
import { createQueueHandlers } from './ipc/queue-handlers';
import { LOGIN_EVENT_CLASSES } from './session/console-events';
import { openSession, resolveLogin, type Login } from './session/login';
import { loginAtLaunch } from './session/launch-login';
import { PictureFeed, type FlushScheduler } from './ipc/picture-feed';
import { PictureStore } from './pbx/picture-store';
import type { AmiLink, PbxSession } from './session/pbx-session';
import { DirectoryService } from './directory/directory-service';
import { directoryHandlers } from './ipc/directory-handlers';
import { CallHistory } from './directory/call-history';
import type { ProfileDirectory } from './directory/profile-directory';
import { historyHandlers } from './ipc/history-handlers';
import { CredentialService } from './profiles/credentials';
import { addMachineProfilesAtFirstStart } from './profiles/machine-profiles';
import { ProfileStore } from './profiles/profile-store';
import type { SecretVault } from './profiles/vault';
import { DEMO_MANAGER_USER, startSimulatedPbx, type SimulatedPbx } from './sim';

/** Sends a pushed event to every open Switchboard window. */
export type Broadcast = <C extends EventChannel>(channel: C, payload: PayloadOf<C>) => void;

export interface MainServicesOptions {
  readonly broadcast: Broadcast;
  readonly log: GatekeeperLog;
  /** Tests shorten time-outs and back-off; the app uses the client's defaults. */
  readonly clientDefaults?: Partial<AmiClientOptions>;
  readonly scheduleFlush?: FlushScheduler;
  /** The demo's simulated office; 'lively-office' in the app, quieter in tests. */
  readonly demoScenario?: 'lively-office' | 'none';
  /** Where profiles.json lives: Electron's userData folder in the app, a temporary folder in tests. */
  readonly userDataDir: string;
  /** The OS keychain (KeytarVault) in the app and the e2e; tests may stand one in. */
  readonly vault: SecretVault;
  /** The OS's preferred languages, best first: main's own words speak them until the page says its language. */
  readonly osLanguages?: readonly string[];
}

export interface MainServices {
  readonly handlers: Handlers;
  readonly store: PictureStore;
  readonly feed: PictureFeed;
  /**
   * Calls ringing for me and callers waiting too long in a watched queue, by the notification rule:
   * what a native notification and the taskbar show.
   */
  readonly alerts: ConsoleAlerts;
  connect(request: ConnectRequest): Promise<SessionStatus>;
  /** The logged-in profile's call history, where the session writes every call it saw end. */
  callHistory(): CallHistory | undefined;
  /** At an OS user's first start, adds the admin's machine-wide profiles (see machine-profiles.ts). */
  addMachineProfiles(machineFile: string): Promise<void>;
  /** Follows `--profile <name>` from the command line, if given. */
  loginAtLaunch(argv: readonly string[]): Promise<void>;
  /** What the desktop shell (tray, window, shortcut) reads and does; not reachable from the page. */
  readonly desktop: DesktopSession;
  dispose(): Promise<void>;
}

export interface DesktopSession {
  status(): SessionStatus;
  onStatus(listener: (status: SessionStatus) => void): () => void;
  /** The profile of the session now open, as saved now; undefined when logged out. */
  profileInUse(): Promise<AnyProfile | undefined>;
  /** My phone's tile on the board, when the session knows it. */
  myExtensionId(): string | undefined;
  logOut(): Promise<void>;
  /** Asks the PBX to turn my phone's DND on or off, as a tile's menu does; rejects with the PBX's refusal. */
  setMyDnd(on: boolean): Promise<void>;
  /** The operator's language, as the page last said (its profile's or the login screen's). */
  language(): Language;
  onLanguage(listener: (language: Language) => void): () => void;
  /** Tells the page to bring this call into focus (a click on its desktop notification). */
  focusCall(callId: string): void;
  /** Tells the page to bring this waiting caller into focus in the queues panel (a click on its notification). */
  focusQueueCaller(callerId: string): void;
}

/** How long connect() waits for a verdict before answering with "still connecting". */
const CONNECT_VERDICT_MS = 15_000;

/** The main process's services behind the contract, free of Electron so they run in plain Node. */
export function createMainServices(options: MainServicesOptions): MainServices {
  const store = new PictureStore();
  const feed = new PictureFeed(store, options.scheduleFlush);
  let session: PbxSession | undefined;
  /** The logged-in profile's watched queues and threshold, kept as it is edited. */
  let queueWatch: QueueWatch | undefined;
  const alerts = new ConsoleAlerts(store, {
    myExtensionId: () => session?.desk.identity().myExtensionId,
    queueWatch: () => (session ? queueWatch : undefined),
  });
  let demoPbx: SimulatedPbx | undefined;
  /** The logged-in profile's phonebook and history; open from login to logout. */
  const directory = new DirectoryService({
    userDataDir: options.userDataDir,
    vault: options.vault,
    store,
    onProblem: (message) => options.log.warn(message),
    onError: (message, error) => options.log.error(message, error),
    onChanged: () => options.broadcast('directory:changed', {}),
  });
  /** The logged-in profile's call history, kept in its directory's database. */
  let history: CallHistory | undefined;
  let status: SessionStatus = { kind: 'disconnected' };
  const profiles = new ProfileStore({ userDataDir: options.userDataDir });
  const credentials = new CredentialService({ vault: options.vault, profiles });
  const launchNotices: ProfileNotice[] = [];
  /** The profile of the session now open; secrets typed this session belong to it alone. */
  let loggedInProfileId: string | undefined;

  let language = languageFor(options.osLanguages ?? []);
  const languageListeners = new Set<(language: Language) => void>();

  const statusListeners = new Set<(status: SessionStatus) => void>();
  const publish = (next: SessionStatus) => {
    status = next;
    options.broadcast('session:status', next);
    for (const listener of statusListeners) listener(next);
  };

  async function teardown(): Promise<void> {
    const [oldSession, oldDemo] = [session, demoPbx];
    session = undefined;
    demoPbx = undefined;
    await oldSession?.stop();
    await oldDemo?.close();
    store.clear();
    // After the session: the calls it ended on the way out are written before the file closes.
    const closing = history;
    history = undefined;
    await closing?.close();
    directory.close();
  }

  async function connect(request: ConnectRequest): Promise<SessionStatus> {
    await teardown();
    // Switching profile: secrets typed for the last one do not outlive its session.
    if (request.profileId !== loggedInProfileId) credentials.dropSessionSecrets();
    loggedInProfileId = undefined;
    const login = await resolveLogin(request, { profiles, credentials });
    loggedInProfileId = request.profileId;
    directory.open(request.profileId);
    const opened = directory.directory;
    history = opened && openHistory(opened, login.profile.history.retentionDays);
    const sessionHistory = history;
    await profiles
      .setLastUsed(request.profileId)
      .catch((error: unknown) => options.log.error('could not note the last used profile', error));
    const { clientOptions, target } = await sessionTarget(login);
    const link: AmiLink = new AmiClient({ ...options.clientDefaults, ...clientOptions });
    queueWatch = queueWatchOf(login.profile);
    const next = openSession(login.profile, link, {
      identity: { target, profileId: request.profileId },
      username: clientOptions.username,
      store,
      onProgress: (progress) => options.broadcast('calls:progress', progress),
      onCallRecord: (record) => sessionHistory?.record(record),
    });
    session = next;
    // Store, then announce: a window told "Connected" may rely on the typed secret being settled.
    let announcing = request.secret === undefined;
    next.onStatus((changed) => {
      if (session === next && announcing) publish(changed);
    });
    publish(next.status);
    next.start();
    const outcome = await verdict(next);
    try {
      if (request.secret !== undefined && session === next)
        await settleTypedSecret(request.profileId, request.secret, request.rememberSecret ?? false, outcome);
    } finally {
      announcing = true;
      if (session === next) publish(next.status);
    }
    return outcome;
  }

  /** A typed secret the PBX refused is dropped; any other is remembered or kept for this session, as asked. */
  async function settleTypedSecret(profileId: string, secret: string, remember: boolean, outcome: SessionStatus) {
    if (outcome.kind === 'failed' && outcome.reason.code === 'authFailed') credentials.dropSessionSecrets();
    else await credentials.saveSecret(profileId, secret, remember);
  }

  function openHistory(opened: ProfileDirectory, retentionDays: number): CallHistory {
    return new CallHistory({
      path: opened.path,
      retentionDays,
      onChanged: (unseenMissed) => options.broadcast('history:changed', { unseenMissed }),
      onError: (message, error) => options.log.error(message, error),
    });
  }

  async function sessionTarget(login: Login) {
    if (login.kind === 'demo') {
      // The Demo PBX looks like a FreePBX: DND and presence on every hint.
      demoPbx = await startSimulatedPbx({ flavour: 'freepbx', scenario: options.demoScenario ?? 'lively-office' });
      return {
        target: login.profile.displayName,
        clientOptions: {
          host: demoPbx.host,
          port: demoPbx.port,
          username: DEMO_MANAGER_USER.username,
          secret: DEMO_MANAGER_USER.secret,
          authType: 'md5' as const,
          events: LOGIN_EVENT_CLASSES,
        },
      };
    }
    const { clientOptions } = login;
    return { target: `${clientOptions.host}:${clientOptions.port}`, clientOptions };
  }

  async function logOut(): Promise<void> {
    await teardown();
    credentials.dropSessionSecrets();
    loggedInProfileId = undefined;
    publish({ kind: 'disconnected' });
  }

  const handlers: Handlers = {
    'session:connect': (request) => connect(request),
    'session:disconnect': async () => {
      await logOut();
      return status;
    },
    'session:status': () => status,
    'desktop:speak': (args) => {
      if (args.language !== language) {
        language = args.language;
        for (const listener of languageListeners) listener(language);
      }
      return null;
    },
    'picture:subscribe': (_args, sender) => feed.subscribe(sender),
    'picture:taken': ({ version }, sender) => {
      feed.taken(sender, version);
      return null;
    },
    ...createCallHandlers(() => session?.desk),
    ...createQueueHandlers(() => session?.queueDesk),
    ...directoryHandlers(directory),
    ...createExtensionHandlers(() => session?.extensions),
    ...historyHandlers(() => history),
    ...profileHandlers({
      profiles,
      credentials,
      launchNotices: () => launchNotices,
      beforeDelete: async (id) => {
        if (id === loggedInProfileId) await logOut();
      },
      afterUpdate: (profile) => {
        if (profile.id !== loggedInProfileId) return;
        session?.setOwnNames(profile.board.ownNames);
        queueWatch = queueWatchOf(profile);
        alerts.recompute();
      },
    }),
  };

  return {
    handlers,
    store,
    feed,
    alerts,
    connect,
    callHistory: () => history,
    async addMachineProfiles(machineFile) {
      const notice = await addMachineProfilesAtFirstStart(profiles, machineFile);
      if (notice) launchNotices.push(notice);
    },
    loginAtLaunch: (argv) =>
      loginAtLaunch(argv, {
        listProfiles: async () => (await profiles.snapshot()).profiles,
        connect,
        notify: (said) => launchNotices.push({ kind: 'launchProfile', said }),
      }),
    desktop: {
      status: () => status,
      onStatus: (listener) => {
        statusListeners.add(listener);
        return () => statusListeners.delete(listener);
      },
      profileInUse: async () => (loggedInProfileId === undefined ? undefined : profiles.get(loggedInProfileId)),
      myExtensionId: () => session?.desk.identity().myExtensionId,
      logOut,
      setMyDnd: async (on) => {
        const me = session?.desk.identity().myExtensionId;
        if (!session || me === undefined) throw new Error(NOT_CONNECTED_MESSAGE);
        const result = await session.extensions.setDnd(me, on);
        if (!result.ok) throw new Error(result.error.message);
      },
      language: () => language,
      onLanguage: (listener) => {
        languageListeners.add(listener);
        return () => languageListeners.delete(listener);
      },
      focusCall: (callId) => {
        if (store.get('calls', callId)) options.broadcast('calls:focus', { callId });
      },
      focusQueueCaller: (callerId) => {
        const waiting = store.values('queues').some((queue) => queue.callers.some((caller) => caller.id === callerId));
        if (waiting) options.broadcast('queues:focusCaller', { callerId });
      },
    },
    async dispose() {
      await teardown();
      alerts.dispose();
      feed.dispose();
    },
  };
}

/** Resolves with the session's first decisive status: connected, failed or reconnecting. */
function verdict(session: PbxSession): Promise<SessionStatus> {
  return new Promise((resolve) => {
    const decided = (status: SessionStatus) => status.kind !== 'connecting';
    if (decided(session.status)) return resolve(session.status);
    const timer = setTimeout(() => finish(session.status), CONNECT_VERDICT_MS);
    const stop = session.onStatus((status) => {
      if (decided(status)) finish(status);
    });
    function finish(status: SessionStatus) {
      clearTimeout(timer);
      stop();
      resolve(status);
    }
  });
}
