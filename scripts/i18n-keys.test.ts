import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from '../src-renderer/i18n/en';

// Every literal key the page asks for must exist, or the operator would read `login.something`.
const root = join(import.meta.dirname, '..', 'src-renderer');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.(vue|ts)$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

function has(messages: unknown, key: string): boolean {
  let node = messages;
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null || !(part in node)) return false;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string';
}

describe('words on screen', () => {
  it('has an English text for every literal key the renderer uses', () => {
    const missing: string[] = [];
    let seen = 0;
    for (const file of sources(root)) {
      for (const match of readFileSync(file, 'utf8').matchAll(/\$?\bt\(\s*'([A-Za-z0-9_.]+)'/g)) {
        seen += 1;
        if (!has(en, match[1]!)) missing.push(`${file.slice(root.length + 1)}: ${match[1]}`);
      }
    }
    expect(seen).toBeGreaterThan(50);
    expect(missing).toEqual([]);
  });
});
