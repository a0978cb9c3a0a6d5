import { ESLint } from 'eslint';
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

  it("allow 'electron' in the entry and the IPC adapter", async () => {
    expect(
      await boundaryErrors('src-main/index.ts', "import { app } from 'electron';\nexport const a = app;\n"),
    ).toHaveLength(0);
    expect(
      await boundaryErrors(
        'src-main/ipc/electron.ts',
        "import { ipcMain } from 'electron';\nexport const a = ipcMain;\n",
      ),
    ).toHaveLength(0);
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
});
