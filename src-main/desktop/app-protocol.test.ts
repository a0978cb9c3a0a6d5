import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_PAGE_URL, appProtocolResponse, resolveAppRequest } from './app-protocol';

let base: string;
let root: string;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'app-protocol-'));
  root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Switchboard</title>');
  writeFileSync(join(root, 'assets', 'index-abc.js'), 'export {};');
  writeFileSync(join(base, 'secret.json'), '{"secret":"hunter2"}');
  writeFileSync(join(base, 'renderer-evil.html'), 'sibling folder with a shared prefix');
  symlinkSync(join(base, 'secret.json'), join(root, 'assets', 'link.json'));
  symlinkSync(base, join(root, 'up'));
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('app:// path resolution', () => {
  it('serves the page and its assets from the renderer folder', () => {
    expect(resolveAppRequest(root, APP_PAGE_URL)).toMatchObject({
      kind: 'file',
      path: join(root, 'index.html'),
      contentType: 'text/html; charset=utf-8',
    });
    expect(resolveAppRequest(root, 'app://switchboard/')).toMatchObject({ path: join(root, 'index.html') });
    expect(resolveAppRequest(root, 'app://switchboard/assets/index-abc.js?v=1#x')).toMatchObject({
      path: join(root, 'assets', 'index-abc.js'),
      contentType: 'text/javascript; charset=utf-8',
    });
  });

  it('refuses every way out of the renderer folder', () => {
    const attempts = [
      'app://switchboard/../secret.json',
      'app://switchboard/assets/../../secret.json',
      'app://switchboard/%2e%2e/secret.json',
      'app://switchboard/%2E%2E%2Fsecret.json',
      'app://switchboard/assets/%2e%2e%2f%2e%2e%2fsecret.json',
      'app://switchboard/..%2fsecret.json',
      'app://switchboard/..%5csecret.json',
      'app://switchboard/assets\\..\\..\\secret.json',
      'app://switchboard/%252e%252e/secret.json',
      `app://switchboard/${encodeURIComponent(join(base, 'secret.json'))}`,
      `app://switchboard//${join(base, 'secret.json')}`,
      'app://switchboard/C:/Windows/win.ini',
      'app://switchboard/C%3A%5CWindows%5Cwin.ini',
      'app://switchboard/index.html%00.js',
      'app://switchboard/%E0%A4%A',
      'app://switchboard/./index.html',
      'app://switchboard/%2e/index.html',
      'app://other-host/index.html',
      `file://${join(base, 'secret.json')}`,
      'https://switchboard/index.html',
      'not a url',
    ];
    for (const url of attempts) {
      const resolved = resolveAppRequest(root, url);
      if (resolved.kind === 'file') {
        // A double-encoded name is a literal file name inside the folder, never a way out.
        expect(resolved.path.startsWith(join(root, '/')), url).toBe(true);
      } else expect(resolved.kind, url).toBe('refused');
    }
    expect(resolveAppRequest(root, 'app://switchboard/%252e%252e/secret.json')).toMatchObject({
      path: join(root, '%2e%2e', 'secret.json'),
    });
  });

  it('refuses files of a kind the page does not use', () => {
    expect(resolveAppRequest(root, 'app://switchboard/assets/tool.exe').kind).toBe('refused');
    expect(resolveAppRequest(root, 'app://switchboard/assets').kind).toBe('refused');
  });
});

describe('app:// responses', () => {
  it('answers the page with its bytes and content type', async () => {
    const response = await appProtocolResponse(root, APP_PAGE_URL);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>Switchboard</title>');
  });

  it('answers 404 for a symlink that leads out of the folder, a missing file and a way out', async () => {
    for (const url of [
      'app://switchboard/assets/link.json',
      'app://switchboard/up/secret.json',
      'app://switchboard/missing.js',
      'app://switchboard/../secret.json',
      'app://switchboard/../renderer-evil.html',
      'app://switchboard/%2e%2e/renderer-evil.html',
    ]) {
      const response = await appProtocolResponse(root, url);
      expect(response.status, url).toBe(404);
      expect(await response.text(), url).not.toContain('hunter2');
    }
  });
});
