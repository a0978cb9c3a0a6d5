import { join } from 'node:path';
import {
  app,
  globalShortcut,
  Menu,
  nativeImage,
  Notification,
  screen,
  Tray,
  type BrowserWindow,
  type MenuItemConstructorOptions,
} from 'electron';
import type { DesktopPrefs } from '../../src-shared/profile';
import { loginItemFor } from './desktop-shell';
import type { NotificationPort } from './native-alerts';
import type { TrayItemId, TrayView } from './tray-model';
import { placementFor, remember, type WindowPlacement, type WindowState, type WindowStateStore } from './window-state';

/**
 * Electron's side of the desktop shell: draws what the Node modules beside it decide. Nothing here
 * decides anything; it has no tests of its own where Electron's binary is absent.
 */

/** The PNGs rendered from resources/icon.svg: beside the app when packaged, in resources/ otherwise. */
export function iconFolder(appRoot: string): string {
  return app.isPackaged ? join(process.resourcesPath, 'icons') : join(appRoot, 'resources', 'icons');
}

/**
 * What the shell has drawn: Electron offers no way to list its trays or notifications, so the
 * `_electron` launch test reads them here (`electronApp.evaluate`), as these functions made them.
 */
export interface DrawnShell {
  tray: Tray | undefined;
  trayTooltip: string;
  trayMenu: Menu | undefined;
  readonly notifications: Set<Notification>;
}
const drawn: DrawnShell = { tray: undefined, trayTooltip: '', trayMenu: undefined, notifications: new Set() };
// Only an unpackaged app (the one the `_electron` test launches) shows it on main's globalThis: a
// shipped build keeps what it drew to itself.
if (!app.isPackaged) Object.assign(globalThis, { switchboardDrawnShell: drawn });

export function electronTray(icons: string, choose: (id: TrayItemId) => void): { show(view: TrayView): void } {
  const size = process.platform === 'darwin' ? '16x16' : '32x32';
  return {
    show(view) {
      const tray = (drawn.tray ??= new Tray(nativeImage.createFromPath(join(icons, `${size}.png`))));
      drawn.trayTooltip = view.tooltip;
      tray.setToolTip(view.tooltip);
      if (process.platform === 'darwin') tray.setTitle(view.title);
      const template = view.menu.map((item): MenuItemConstructorOptions => {
        switch (item.kind) {
          case 'label':
            return { label: item.label, enabled: false };
          case 'separator':
            return { type: 'separator' };
          case 'action':
            return { label: item.label, enabled: item.enabled, click: () => choose(item.id) };
          case 'check':
            return {
              label: item.label,
              type: 'checkbox',
              enabled: item.enabled,
              checked: item.checked,
              click: () => choose(item.id),
            };
        }
      });
      drawn.trayMenu = Menu.buildFromTemplate(template);
      tray.setContextMenu(drawn.trayMenu);
    },
  };
}

export function electronNotifications(): NotificationPort {
  // A notification only Electron references can be collected, and its click lost.
  const alive = drawn.notifications;
  return {
    get supported() {
      return Notification.isSupported();
    },
    show(content, onClick) {
      const notification = new Notification({ title: content.title, body: content.body });
      alive.add(notification);
      notification.on('click', onClick);
      notification.on('close', () => alive.delete(notification));
      notification.show();
      return {
        close: () => {
          alive.delete(notification);
          notification.close();
        },
      };
    },
  };
}

const displays = () => screen.getAllDisplays();

export function initialPlacement(state: WindowState, defaultSize: { width: number; height: number }): WindowPlacement {
  return placementFor(state, displays(), screen.getPrimaryDisplay(), defaultSize);
}

/** Saves the window's normal bounds on the display it is on whenever it settles after a move or resize. */
export function rememberPlacement(window: BrowserWindow, store: WindowStateStore, initial: WindowState): void {
  let state = initial;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const save = () => {
    if (window.isDestroyed() || window.isMinimized()) return;
    state = remember(state, { bounds: window.getNormalBounds(), maximized: window.isMaximized() }, displays());
    void store.save(state).catch(() => undefined);
  };
  const saveSoon = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, 500);
  };
  window.on('move', saveSoon);
  window.on('resize', saveSoon);
  window.on('maximize', saveSoon);
  window.on('unmaximize', saveSoon);
  window.on('close', () => {
    if (timer) clearTimeout(timer);
    save();
  });
}

/** The shortcut and login item of the profile in use; the previous profile's shortcut goes. */
export function applyDesktopPrefs(
  prefs: DesktopPrefs,
  profileId: string,
  bringToFront: () => void,
): string | undefined {
  globalShortcut.unregisterAll();
  let problem: string | undefined;
  if (prefs.bringToFrontShortcut !== '' && !globalShortcut.register(prefs.bringToFrontShortcut, bringToFront)) {
    problem = `The shortcut ${prefs.bringToFrontShortcut} is taken by another program; choose another in the profile.`;
  }
  // Linux has no login items in Electron: the .desktop autostart entry is the desktop's own business.
  if (process.platform !== 'linux') app.setLoginItemSettings(loginItemFor(prefs, profileId));
  return problem;
}
