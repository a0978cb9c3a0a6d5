import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { afterAll, describe, expect, it } from 'vitest';
import afterPack, { packedElectron } from './after-pack.mjs';

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** A fuse's byte: ASCII '1' on, '0' off (@electron/fuses' FuseState, which its index does not export). */
const FuseState = { ENABLE: 0x31, DISABLE: 0x30 } as const;
const work = mkdtempSync(join(tmpdir(), 'after-pack-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/**
 * A file laid out as Electron 45's binary is where the fuses live: the sentinel, wire version 1,
 * eight fuses at Electron's defaults. (The real binary is not installed here.)
 */
function electronLikeBinary(path: string): void {
  const defaults = [
    FuseState.ENABLE, // RunAsNode
    FuseState.DISABLE, // EnableCookieEncryption
    FuseState.ENABLE, // EnableNodeOptionsEnvironmentVariable
    FuseState.ENABLE, // EnableNodeCliInspectArguments
    FuseState.DISABLE, // EnableEmbeddedAsarIntegrityValidation
    FuseState.DISABLE, // OnlyLoadAppFromAsar
    FuseState.DISABLE, // LoadBrowserProcessSpecificV8Snapshot
    FuseState.ENABLE, // GrantFileProtocolExtraPrivileges
  ];
  const wire = Buffer.concat([Buffer.from(SENTINEL, 'latin1'), Buffer.from([1, defaults.length, ...defaults])]);
  writeFileSync(path, Buffer.concat([Buffer.alloc(4096, 0x90), wire, Buffer.alloc(4096, 0x90)]));
}

describe('the afterPack hook', () => {
  it("turns Electron's fuses to Switchboard's in the packed Linux binary", async () => {
    const context = {
      appOutDir: work,
      electronPlatformName: 'linux',
      arch: 1,
      packager: { executableName: 'switchboard', appInfo: { productFilename: 'Switchboard' } },
    };
    expect(packedElectron(context)).toBe(join(work, 'switchboard'));
    electronLikeBinary(join(work, 'switchboard'));
    await afterPack(context);
    const wire = await getCurrentFuseWire(join(work, 'switchboard'));
    expect({
      runAsNode: wire[FuseV1Options.RunAsNode],
      cookieEncryption: wire[FuseV1Options.EnableCookieEncryption],
      nodeOptions: wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable],
      inspect: wire[FuseV1Options.EnableNodeCliInspectArguments],
      asarIntegrity: wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation],
      onlyAsar: wire[FuseV1Options.OnlyLoadAppFromAsar],
      fileProtocolPrivileges: wire[FuseV1Options.GrantFileProtocolExtraPrivileges],
    }).toEqual({
      runAsNode: FuseState.DISABLE,
      cookieEncryption: FuseState.ENABLE,
      nodeOptions: FuseState.DISABLE,
      inspect: FuseState.DISABLE,
      asarIntegrity: FuseState.ENABLE,
      onlyAsar: FuseState.ENABLE,
      fileProtocolPrivileges: FuseState.DISABLE,
    });
  });

  it('names the .exe on Windows and the .app bundle on macOS', () => {
    const packager = { executableName: 'switchboard', appInfo: { productFilename: 'Switchboard' } };
    expect(packedElectron({ appOutDir: work, electronPlatformName: 'win32', arch: 1, packager })).toBe(
      join(work, 'Switchboard.exe'),
    );
    expect(packedElectron({ appOutDir: work, electronPlatformName: 'darwin', arch: 3, packager })).toBe(
      join(work, 'Switchboard.app'),
    );
  });

  it('fails the build when the binary has no fuse wire', async () => {
    writeFileSync(join(work, 'not-electron'), 'no fuses here');
    const context = {
      appOutDir: work,
      electronPlatformName: 'linux',
      arch: 1,
      packager: { executableName: 'not-electron', appInfo: { productFilename: 'x' } },
    };
    await expect(afterPack(context)).rejects.toThrow(/sentinel/);
  });
});
