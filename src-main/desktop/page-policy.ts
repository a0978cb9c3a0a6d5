import { APP_PAGE_URL, APP_SCHEME } from './app-protocol';

/**
 * Which page the window shows and where it may go. `ELECTRON_RENDERER_URL` (electron-vite's dev
 * server) is honoured only in an unpackaged app, and only on this computer: a packaged app, or an
 * environment variable pointing elsewhere, always gets the built page on app://.
 */
export function pageUrlFor(options: {
  readonly isPackaged: boolean;
  readonly rendererUrl: string | undefined;
}): string {
  const { isPackaged, rendererUrl } = options;
  if (isPackaged || rendererUrl === undefined) return APP_PAGE_URL;
  try {
    const url = new URL(rendererUrl);
    const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
    return url.protocol === 'http:' && loopback ? url.href : APP_PAGE_URL;
  } catch {
    return APP_PAGE_URL;
  }
}

/** Whether `url` is our own page (any hash or query), the only place a window may show. */
export function isOwnPage(pageUrl: string, url: string): boolean {
  try {
    const base = new URL(pageUrl);
    const candidate = new URL(url);
    // app:// is not a special scheme to WHATWG URL, so its origin reads 'null': compare the parts.
    return (
      candidate.protocol === base.protocol &&
      candidate.host === base.host &&
      candidate.pathname === base.pathname &&
      candidate.username === '' &&
      candidate.password === ''
    );
  } catch {
    return false;
  }
}

/** Whether a link may be handed to the OS browser: https only, no credentials in it. */
export function isExternalHttpsLink(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}

/** The privileges app:// needs to behave like a web origin (module scripts, fetch, a secure context). */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
} as const;
