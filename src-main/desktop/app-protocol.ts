import { readFile, realpath } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * The page is served from `app://switchboard/…` (Electron's `protocol.handle`), not `file://`: a page
 * on file:// could read any file the user can, and every file:// page shares one origin. Only files
 * inside the built renderer folder are ever served; everything else is a 404, never a redirect.
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'switchboard';
export const APP_PAGE_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
};

export type AppRequestPath =
  | { readonly kind: 'file'; readonly path: string; readonly contentType: string }
  | { readonly kind: 'refused'; readonly reason: string };

/**
 * Which file under `rendererRoot` an app:// URL names, by its text alone (no disk access). The
 * path is decoded once; dot segments, backslashes, NUL, drive letters and anything that lands
 * outside the folder are refused.
 */
export function resolveAppRequest(rendererRoot: string, requestUrl: string): AppRequestPath {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return { kind: 'refused', reason: 'not a URL' };
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return { kind: 'refused', reason: 'not our host' };
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return { kind: 'refused', reason: 'malformed escape' };
  }
  if (/[\\\0]/.test(decoded) || /^\/[A-Za-z]:/.test(decoded)) return { kind: 'refused', reason: 'forbidden character' };
  const segments = decoded.split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => segment === '.' || segment === '..')) {
    return { kind: 'refused', reason: 'dot segment' };
  }
  const wanted = segments.length === 0 ? ['index.html'] : segments;
  const root = resolve(rendererRoot);
  const path = resolve(root, ...wanted);
  if (!isInside(root, path)) return { kind: 'refused', reason: 'outside the renderer folder' };
  const contentType = CONTENT_TYPES[extname(path).toLowerCase()];
  if (contentType === undefined) return { kind: 'refused', reason: 'not a kind of file the page uses' };
  return { kind: 'file', path, contentType };
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}

/**
 * The answer to one app:// request: the file, once its real path (symlinks followed) is still
 * inside the real renderer folder; otherwise 404.
 */
export async function appProtocolResponse(rendererRoot: string, requestUrl: string): Promise<Response> {
  const resolved = resolveAppRequest(rendererRoot, requestUrl);
  if (resolved.kind === 'refused') return notFound();
  try {
    const [realRoot, realFile] = await Promise.all([realpath(rendererRoot), realpath(resolved.path)]);
    if (!isInside(realRoot, realFile)) return notFound();
    const body = await readFile(realFile);
    return new Response(new Uint8Array(body), {
      status: 200,
      headers: { 'content-type': resolved.contentType, 'x-content-type-options': 'nosniff' },
    });
  } catch {
    return notFound();
  }
}

function notFound(): Response {
  return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}
