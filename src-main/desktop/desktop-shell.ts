import type { SessionStatus } from '../../src-preload/contract';
import type { DesktopPrefs } from '../../src-shared/profile';
import type { PictureStore } from '../pbx/picture-store';
import type { DesktopSession } from '../services';
import { callsWaiting, myDndOf, type TrayInput } from './tray-model';

/**
 * The desktop shell's picture of the session, free of Electron: what the tray shows (kept current
 * as the status and the PBX picture change) and which profile's desktop settings apply.
 */

/** The tray redraws at most this often, however fast the PBX's events come. */
export const TRAY_REFRESH_MS = 250;

export function followTrayInput(
  session: DesktopSession,
  store: PictureStore,
  show: (input: TrayInput) => void,
): { current(): TrayInput; stop(): void } {
  const read = (status: SessionStatus = session.status()): TrayInput => {
    const picture = store.snapshot();
    const me = session.myExtensionId();
    return {
      status,
      callsWaiting: callsWaiting(picture),
      myDnd: myDndOf(me === undefined ? undefined : picture.extensions[me]),
      language: session.language(),
    };
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const refreshSoon = () => {
    timer ??= setTimeout(() => {
      timer = undefined;
      show(read());
    }, TRAY_REFRESH_MS);
  };
  const stopStatus = session.onStatus((status) => show(read(status)));
  const stopPatches = store.onPatch(refreshSoon);
  const stopLanguage = session.onLanguage(() => show(read()));
  show(read());
  return {
    current: () => read(),
    stop() {
      stopStatus();
      stopPatches();
      stopLanguage();
      if (timer) clearTimeout(timer);
    },
  };
}

/** The OS's login item for a profile's settings: start with `--profile <id>` when asked to. */
export function loginItemFor(prefs: DesktopPrefs, profileId: string): { openAtLogin: boolean; args: string[] } {
  return prefs.startAtLogin ? { openAtLogin: true, args: ['--profile', profileId] } : { openAtLogin: false, args: [] };
}

/**
 * Applies the desktop settings of the profile in use each time a session connects: the profile
 * last connected with decides the tray, the shortcut and the login item, until another one connects.
 */
export function followDesktopPrefs(
  session: DesktopSession,
  apply: (prefs: DesktopPrefs, profileId: string) => void,
  onError: (error: unknown) => void,
): () => void {
  return session.onStatus((status) => {
    if (status.kind !== 'connected') return;
    session
      .profileInUse()
      .then((profile) => {
        if (profile && profile.id === status.profileId) apply(profile.desktop, profile.id);
      })
      .catch(onError);
  });
}
