import { constants } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, unlink } from 'node:fs/promises';

/**
 * The few file operations the profile store needs, behind an interface so tests can make the
 * disk fail (or the process "die") at an exact step.
 */
export interface ProfileFileSystem {
  /** Raw bytes, so a corrupt file is backed up exactly as found. Rejects with ENOENT when absent. */
  readFile(path: string): Promise<Buffer>;
  /** Creates `path` (must not exist), writes, fsyncs and closes it. */
  writeNewFileDurably(path: string, data: string | Buffer, mode: number): Promise<void>;
  /** Atomically replaces `to` with `from` (POSIX rename). */
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  readdir(dir: string): Promise<string[]>;
  mkdirRecursive(dir: string): Promise<void>;
  /** Makes a rename in `dir` durable. Best effort: not every platform can open a directory. */
  fsyncDir(dir: string): Promise<void>;
}

export const nodeProfileFileSystem: ProfileFileSystem = {
  readFile: (path) => readFile(path),
  async writeNewFileDurably(path, data, mode) {
    const handle = await open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, mode);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
  rename: (from, to) => rename(from, to),
  unlink: (path) => unlink(path),
  readdir: (dir) => readdir(dir),
  mkdirRecursive: async (dir) => {
    await mkdir(dir, { recursive: true, mode: 0o700 });
  },
  async fsyncDir(dir) {
    const handle = await open(dir, constants.O_RDONLY);
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
};
