import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, globalShortcut, protocol, session, shell as electronShell } from 'electron';
import type { Session, WebContents } from 'electron';
import { APP_SCHEME, appProtocolResponse } from './desktop/app-protocol';
import { followDesktopPrefs, followTrayInput } from './desktop/desktop-shell';
import {
  applyDesktopPrefs,
  electronNotifications,
  electronTray,
  iconFolder,
  initialPlacement,
  rememberPlacement,
} from './desktop/electron';
import { DESKTOP_WORDS } from './desktop/desktop-words';
import { notificationFor, showAlertsNatively } from './desktop/native-alerts';
import { chooseTrayItem, trayView, type TrayIntents } from './desktop/tray-model';
import { EMPTY_WINDOW_STATE, WindowStateStore } from './desktop/window-state';
import { APP_SCHEME_PRIVILEGES, isExternalHttpsLink, isOwnPage, pageUrlFor } from './desktop/page-policy';
import type { ConsoleAlert } from '../src-shared/notification-rules';
import { createGatekeeper } from './ipc/gatekeeper';
import { broadcastTo, serveContractOverIpc } from './ipc/electron';
import { followSecondLaunch, handoverFor } from './launch-handover';
import { consoleLog } from './log';
import { guardProcess } from './process-guard';
import { machineProfilesPath } from './profiles/machine-profiles';
import { KeytarVault } from './profiles/vault';
import { createMainServices, type MainServices } from './services';

const here = fileURLToPath(new URL('.', import.meta.url));
const rendererRoot = join(here, '../renderer');
/** The app's folder: out/main is two levels below it, packaged or not. */
const appRoot = join(here, '../..');
const pageUrl = pageUrlFor({ isPackaged: app.isPackaged, rendererUrl: process.env.ELECTRON_RENDERER_URL });
const isOurPage = (url: string) => isOwnPage(pageUrl, url);

// Must precede 'ready': app:// then behaves as a secure web origin for module scripts and fetch.
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

/**
 * Every webContents, ours or one Chromium makes: no new windows (https links go to the OS
 * browser), no navigation or redirect away from our page, no webview.
 */
function guardContents(contents: WebContents): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalHttpsLink(url)) void electronShell.openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    if (!isOurPage(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isOurPage(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** The page asks for nothing: no camera, microphone, notifications, geolocation, USB, HID or serial. */
function denyPermissions(target: Session): void {
  target.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  target.setPermissionCheckHandler(() => false);
  target.setDevicePermissionHandler(() => false);
}

/**
 * The only place a window is made, so its security settings have one definition. They are
 * written inline (not in a shared constant) so that electronegativity can verify them statically.
 */
function createWindow(): BrowserWindow {
  const placement = initialPlacement(shell.windowState, DEFAULT_WINDOW_SIZE);
  const window = new BrowserWindow({
    ...placement.bounds,
    minWidth: 800,
    minHeight: 560,
    title: 'Switchboard',
    show: false,
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      // Middle-click would otherwise open links in new windows.
      disableBlinkFeatures: 'Auxclick',
      preload: join(here, '../preload/index.cjs'),
    },
  });
  if (placement.maximized) window.maximize();
  rememberPlacement(window, shell.windowStore, shell.windowState);
  window.on('close', (event) => {
    // The profile in use may keep the console running in the tray; Quit in the tray still quits.
    if (shell.keepInTray && !shell.quitting) {
      event.preventDefault();
      window.hide();
    }
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(pageUrl);
  return window;
}

const DEFAULT_WINDOW_SIZE = { width: 1280, height: 820 };

/** What the desktop shell keeps between windows: where the window was, and the profile's tray setting. */
const shell = {
  windowStore: new WindowStateStore(app.getPath('userData')),
  windowState: EMPTY_WINDOW_STATE,
  keepInTray: false,
  quitting: false,
};

/** The window in front, shown and restored; a new one if the last was closed (macOS keeps the app running). */
function focusWindow(): void {
  const window = BrowserWindow.getAllWindows()[0] ?? createWindow();
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

guardProcess(consoleLog);
app.enableSandbox();
app.on('web-contents-created', (_event, contents) => guardContents(contents));
app.on('session-created', denyPermissions);

// One Switchboard per user: a second launch hands its command line to this one and quits.
if (!app.requestSingleInstanceLock(handoverFor(process.argv))) app.quit();
else startApp();

function startApp(): void {
  void app.whenReady().then(async () => {
    shell.windowState = await shell.windowStore.load();
    denyPermissions(session.defaultSession);
    protocol.handle(APP_SCHEME, (request) => appProtocolResponse(rendererRoot, request.url));
    const services = createMainServices({
      broadcast: broadcastTo(() => BrowserWindow.getAllWindows()),
      log: consoleLog,
      userDataDir: app.getPath('userData'),
      vault: new KeytarVault(),
      osLanguages: app.getPreferredSystemLanguages(),
    });
    serveContractOverIpc(createGatekeeper(services.handlers, consoleLog), isOurPage);
    // Before the window lists profiles, and before --profile may name one of the admin's.
    const machineFile = machineProfilesPath(process.platform, process.env);
    if (machineFile) {
      await services
        .addMachineProfiles(machineFile)
        .catch((error: unknown) => consoleLog.error("could not read the administrator's profiles file", error));
    }
    createWindow();
    startDesktopShell(services);
    services
      .loginAtLaunch(process.argv)
      .catch((error: unknown) => consoleLog.error('could not follow --profile', error));
    app.on('second-instance', (_event, argv, _workingDirectory, data) => {
      followSecondLaunch(data, argv, {
        focus: focusWindow,
        loginAtLaunch: (args) => services.loginAtLaunch(args),
      }).catch((error: unknown) => consoleLog.error('could not follow --profile from a second launch', error));
    });
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createWindow();
    });
    let disposed = false;
    app.on('before-quit', (event) => {
      shell.quitting = true;
      if (disposed) return;
      // Quitting waits for the session to end and the call history to write its last calls.
      event.preventDefault();
      void services.dispose().finally(() => {
        disposed = true;
        app.quit();
      });
    });
    app.on('will-quit', () => globalShortcut.unregisterAll());
  });

  app.on('window-all-closed', () => {
    if (shell.keepInTray && !shell.quitting) return;
    if (process.platform !== 'darwin') app.quit();
  });
}

/** Tray, native alerts, the profile's shortcut and login item: decided in desktop/, drawn by Electron. */
function startDesktopShell(services: MainServices): void {
  const intents: TrayIntents = {
    showConsole: focusWindow,
    setMyDnd: (on) => services.desktop.setMyDnd(on),
    logOut: () => services.desktop.logOut(),
    quit: () => app.quit(),
  };
  const tray = electronTray(iconFolder(appRoot), (id) => {
    chooseTrayItem(id, trayInput.current(), intents).catch((error: unknown) =>
      consoleLog.error('could not carry out the tray menu choice', error),
    );
  });
  const trayInput = followTrayInput(services.desktop, services.store, (input) => tray.show(trayView(input)));
  const notificationWords = (alert: ConsoleAlert) => notificationFor(alert, DESKTOP_WORDS[services.desktop.language()]);
  showAlertsNatively(services.alerts, electronNotifications(), notificationWords, {
    call: (callId) => {
      focusWindow();
      services.desktop.focusCall(callId);
    },
    queueCaller: (callerId) => {
      focusWindow();
      services.desktop.focusQueueCaller(callerId);
    },
  });
  // The dock's and launcher's badge counts what the window's title counts (Windows shows the title).
  if (process.platform !== 'win32') services.alerts.onChange(({ current }) => app.setBadgeCount(current.length));
  followDesktopPrefs(
    services.desktop,
    (prefs, profileId) => {
      shell.keepInTray = prefs.keepInTray;
      const problem = applyDesktopPrefs(prefs, profileId, focusWindow);
      if (problem) consoleLog.warn(problem);
    },
    (error) => consoleLog.error("could not apply the profile's desktop settings", error),
  );
}
