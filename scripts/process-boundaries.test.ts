import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { ESLint } from 'eslint';
import ts from 'typescript';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

// The lint rules in eslint.config.js keep the processes apart; these tests prove the rules bite.
// The snippets are files no TypeScript project holds, so they are linted without type information.
const eslint = new ESLint({ overrideConfig: tseslint.configs.disableTypeChecked });

async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('process boundaries', () => {
  it("refuse 'electron' in a main-process module other than the Electron adapter", async () => {
    expect(
      await boundaryErrors('src-main/pbx/new-module.ts', "import { app } from 'electron';\nexport const a = app;\n"),
    ).toHaveLength(1);
    expect(
      await boundaryErrors(
        'src-main/ami/new-module.ts',
        "import { ipcMain } from 'electron';\nexport const a = ipcMain;\n",
      ),
    ).toHaveLength(1);
  });

  it("allow 'electron' in the entry, the IPC adapter and the desktop adapter", async () => {
    expect(
      await boundaryErrors('src-main/index.ts', "import { app } from 'electron';\nexport const a = app;\n"),
    ).toHaveLength(0);
    expect(
      await boundaryErrors(
        'src-main/ipc/electron.ts',
        "import { ipcMain } from 'electron';\nexport const a = ipcMain;\n",
      ),
    ).toHaveLength(0);
    expect(
      await boundaryErrors(
        'src-main/desktop/electron.ts',
        "import { Tray } from 'electron';\nexport const a = Tray;\n",
      ),
    ).toHaveLength(0);
    expect(
      await boundaryErrors(
        'src-main/desktop/tray-model.ts',
        "import { Tray } from 'electron';\nexport const a = Tray;\n",
      ),
    ).toHaveLength(1);
  });

  it('refuse Node modules, Electron and main-process code in the renderer', async () => {
    for (const source of ["'node:fs'", "'fs'", "'child_process'", "'electron'", "'../../src-main/ami/client'"]) {
      const errors = await boundaryErrors(
        'src-renderer/stores/new-store.ts',
        `import * as x from ${source};\nexport const y = x;\n`,
      );
      expect(errors, source).toHaveLength(1);
    }
  });

  it('let the renderer import the contract', async () => {
    expect(
      await boundaryErrors(
        'src-renderer/stores/new-store.ts',
        "import type { SwitchboardApi } from '../../src-preload/contract';\nexport type A = SwitchboardApi;\n",
      ),
    ).toHaveLength(0);
  });

  it('refuse main-process code in the preload, and let it import the shared room', async () => {
    expect(
      await boundaryErrors(
        'src-preload/new-module.ts',
        "import { x } from '../src-main/ami/client';\nexport const y = x;\n",
      ),
    ).toHaveLength(1);
    expect(
      await boundaryErrors(
        'src-preload/new-module.ts',
        "import { x } from '../src-shared/profile';\nexport const y = x;\n",
      ),
    ).toHaveLength(0);
  });

  it('let the shared room import only itself and packages', async () => {
    for (const source of [
      "'../src-main/ami/client'",
      "'../src-renderer/stores/session'",
      "'../src-preload/contract'",
      "'node:fs'",
      "'electron'",
    ]) {
      const errors = await boundaryErrors(
        'src-shared/new-module.ts',
        `import * as x from ${source};\nexport const y = x;\n`,
      );
      expect(errors, source).toHaveLength(1);
    }
    expect(
      await boundaryErrors(
        'src-shared/new-module.ts',
        "import { z } from 'zod';\nimport { a } from './profile';\nexport const y = [z, a];\n",
      ),
    ).toHaveLength(0);
  });
});

// ESLint sees one file at a time; an import of an import can still cross a boundary. This walks the
// relative imports from every file of a room and names the first path that leaves what the room may reach.

const sourceFile = /\.(ts|vue)$/;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(path);
    return sourceFile.test(entry.name) ? [path] : [];
  });
}

function relativeImports(file: string): string[] {
  let text = readFileSync(file, 'utf8');
  if (file.endsWith('.vue')) {
    text = [...text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((match) => match[1]).join('\n');
  }
  return ts
    .preProcessFile(text, true, true)
    .importedFiles.map((imported) => imported.fileName)
    .filter((name) => name.startsWith('.'));
}

function resolveImport(from: string, specifier: string): string | undefined {
  const base = resolve(dirname(from), specifier);
  return [base, `${base}.ts`, `${base}.vue`, join(base, 'index.ts')].find(
    (path) => sourceFile.test(path) && existsSync(path),
  );
}

/** The import chains from files in `rooms` that reach a file outside `allowed`, as repo-relative paths. */
function crossings(root: string, rooms: readonly string[], allowed: readonly string[]): string[][] {
  const inside = (file: string) => allowed.some((room) => file.startsWith(join(root, room) + '/'));
  const seen = new Set<string>();
  const found: string[][] = [];
  // Tests and testing/ run in Node beside the room, not in it; what the room's own files reach is walked.
  const shipped = (file: string) => !/\.test\.ts$/.test(file) && !file.includes('/testing/');
  const queue = rooms.flatMap((room) =>
    filesUnder(join(root, room))
      .filter(shipped)
      .map((file) => [file]),
  );
  for (let chain = queue.shift(); chain; chain = queue.shift()) {
    const file = chain[chain.length - 1]!;
    if (seen.has(file)) continue;
    seen.add(file);
    if (!inside(file)) {
      found.push(chain.map((path) => relative(root, path)));
      continue;
    }
    for (const specifier of relativeImports(file)) {
      const target = resolveImport(file, specifier);
      if (target) queue.push([...chain, target]);
    }
  }
  return found;
}

describe('process boundaries, import by import', () => {
  const root = resolve(import.meta.dirname, '..');

  it('the renderer and the preload reach no main-process code, not even through another file', () => {
    expect(crossings(root, ['src-renderer', 'src-preload'], ['src-renderer', 'src-preload', 'src-shared'])).toEqual([]);
  });

  it('the shared room reaches only itself', () => {
    expect(crossings(root, ['src-shared'], ['src-shared'])).toEqual([]);
  });

  it('names the chain when a page file reaches main through a shared one', () => {
    const fixture = mkdtempSync(join(tmpdir(), 'boundaries-'));
    try {
      for (const dir of ['src-renderer', 'src-shared', 'src-main/ami'])
        mkdirSync(join(fixture, dir), { recursive: true });
      writeFileSync(
        join(fixture, 'src-renderer/App.vue'),
        '<script setup lang="ts">\nimport { a } from "../src-shared/a";\n</script>\n',
      );
      writeFileSync(join(fixture, 'src-shared/a.ts'), "export { a } from './c';\n");
      writeFileSync(
        join(fixture, 'src-shared/c.ts'),
        "import type { B } from '../src-main/ami/b';\nexport const a = 1;\n",
      );
      writeFileSync(join(fixture, 'src-main/ami/b.ts'), 'export type B = number;\n');
      // A test may start main in Node: it is not shipped, so it is no crossing.
      writeFileSync(join(fixture, 'src-renderer/App.test.ts'), "import '../src-main/ami/b';\n");
      expect(crossings(fixture, ['src-renderer'], ['src-renderer', 'src-shared'])).toEqual([
        ['src-renderer/App.vue', 'src-shared/a.ts', 'src-shared/c.ts', 'src-main/ami/b.ts'],
      ]);
    } finally {
      rmSync(fixture, { recursive: true, force: true });
    }
  });
});
