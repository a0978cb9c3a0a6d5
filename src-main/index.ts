import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, shell, session } from 'electron';
import { createGatekeeper } from './ipc/gatekeeper';
import { broadcastTo, serveContractOverIpc } from './ipc/electron';
import { followSecondLaunch, handoverFor } from './launch-handover';
import { consoleLog } from './log';
import { guardProcess } from './process-guard';
import { KeytarVault } from './profiles/vault';
import { createMainServices } from './services';

const here = fileURLToPath(new URL('.', import.meta.url));
const rendererUrl = process.env.ELECTRON_RENDERER_URL;
const pageUrl = rendererUrl ?? pathToFileURL(join(here, '../renderer/index.html')).href;

const isOwnPage = (url: string) => {
  const base = new URL(pageUrl);
  try {
    const candidate = new URL(url);
    return candidate.origin === base.origin && candidate.pathname === base.pathname;
  } catch {
    return false;
  }
};

const isExternalWebLink = (url: string) => {
  try {
    return ['https:', 'http:'].includes(new URL(url).protocol);
  } catch {
    return false;
  }
};

/**
 * The only place a window is made, so its security settings have one definition. They are
 * written inline (not in a shared constant) so that electronegativity can verify them statically.
 */
function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
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
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (isExternalWebLink(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.webContents.on('will-navigate', (event, url) => {
    if (!isOwnPage(url)) event.preventDefault();
  });
  window.webContents.on('will-attach-webview', (event) => event.preventDefault());
  window.once('ready-to-show', () => window.show());
  void window.loadURL(pageUrl);
  return window;
}

/** The window in front, restored; a new one if the last was closed (macOS keeps the app running). */
function focusWindow(): void {
  const window = BrowserWindow.getAllWindows()[0] ?? createWindow();
  if (window.isMinimized()) window.restore();
  window.focus();
}

guardProcess(consoleLog);
app.enableSandbox();

// One Switchboard per user: a second launch hands its command line to this one and quits.
if (!app.requestSingleInstanceLock(handoverFor(process.argv))) app.quit();
else startApp();

function startApp(): void {
  void app.whenReady().then(() => {
    // The page asks for nothing: no camera, microphone, notifications or geolocation.
    session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
    const services = createMainServices({
      broadcast: broadcastTo(() => BrowserWindow.getAllWindows()),
      log: consoleLog,
      userDataDir: app.getPath('userData'),
      vault: new KeytarVault(),
    });
    serveContractOverIpc(createGatekeeper(services.handlers, consoleLog), isOwnPage);
    createWindow();
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
    app.on('before-quit', () => void services.dispose());
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
