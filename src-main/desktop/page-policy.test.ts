import { describe, expect, it } from 'vitest';
import { APP_PAGE_URL } from './app-protocol';
import { isExternalHttpsLink, isOwnPage, pageUrlFor } from './page-policy';

describe('the page a window shows', () => {
  it("honours electron-vite's dev server only in an unpackaged app, on this computer", () => {
    expect(pageUrlFor({ isPackaged: false, rendererUrl: 'http://localhost:5173/' })).toBe('http://localhost:5173/');
    expect(pageUrlFor({ isPackaged: false, rendererUrl: 'http://127.0.0.1:5173' })).toBe('http://127.0.0.1:5173/');
    expect(pageUrlFor({ isPackaged: true, rendererUrl: 'http://localhost:5173/' })).toBe(APP_PAGE_URL);
    expect(pageUrlFor({ isPackaged: false, rendererUrl: 'http://evil.example:5173/' })).toBe(APP_PAGE_URL);
    expect(pageUrlFor({ isPackaged: false, rendererUrl: 'file:///tmp/index.html' })).toBe(APP_PAGE_URL);
    expect(pageUrlFor({ isPackaged: false, rendererUrl: 'not a url' })).toBe(APP_PAGE_URL);
    expect(pageUrlFor({ isPackaged: false, rendererUrl: undefined })).toBe(APP_PAGE_URL);
  });

  it('counts only our page, with any hash, as our own', () => {
    expect(isOwnPage(APP_PAGE_URL, 'app://switchboard/index.html#/board')).toBe(true);
    expect(isOwnPage(APP_PAGE_URL, 'app://switchboard/other.html')).toBe(false);
    expect(isOwnPage(APP_PAGE_URL, 'app://evil/index.html')).toBe(false);
    expect(isOwnPage(APP_PAGE_URL, 'app://user:pw@switchboard/index.html')).toBe(false);
    expect(isOwnPage(APP_PAGE_URL, 'file:///index.html')).toBe(false);
    expect(isOwnPage(APP_PAGE_URL, 'https://switchboard/index.html')).toBe(false);
    expect(isOwnPage('http://localhost:5173/', 'http://localhost:5173/#x')).toBe(true);
    expect(isOwnPage('http://localhost:5173/', 'http://localhost:5174/')).toBe(false);
    expect(isOwnPage(APP_PAGE_URL, '')).toBe(false);
  });

  it('hands only https links to the OS browser', () => {
    expect(isExternalHttpsLink('https://www.asterisk.org/')).toBe(true);
    for (const url of [
      'http://www.asterisk.org/',
      'file:///etc/passwd',
      'smb://host/share',
      'javascript:alert(1)',
      'ms-msdt:/id',
      'https://user:pw@example.org/',
      '',
    ]) {
      expect(isExternalHttpsLink(url), url).toBe(false);
    }
  });
});
