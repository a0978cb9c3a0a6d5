import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const execFileAsync = promisify(execFile);

describe('the process guard', () => {
  it('logs and counts an unhandled rejection and an uncaught exception, and the process carries on', async () => {
    const child = fileURLToPath(new URL('./process-guard.child.ts', import.meta.url));
    const { stdout, stderr } = await execFileAsync(process.execPath, ['--import', 'tsx', child], {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
      timeout: 30_000,
    });
    expect(JSON.parse(stdout)).toEqual({ count: 2, again: true });
    expect(stderr).toContain('[switchboard] a promise was rejected and nobody handled it: Error: rejected in a test');
    expect(stderr).toContain('[switchboard] an exception was thrown and nobody caught it: TypeError: thrown in a test');
  });
});
