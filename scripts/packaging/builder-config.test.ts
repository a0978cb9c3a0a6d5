import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import type { Configuration } from 'app-builder-lib';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
type DebugLogger = Parameters<typeof validateConfiguration>[1];
const quietLogger: DebugLogger = {
  isEnabled: false,
  data: new Map(),
  add: () => undefined,
  save: async () => undefined,
};

/** The configuration exactly as `electron-builder` finds and reads it in this project. */
const builderConfig = () => getConfig(root, null, null);

describe('the installer configuration', () => {
  it("passes app-builder-lib's own schema (node_modules/app-builder-lib/scheme.json)", async () => {
    await expect(validateConfiguration(await builderConfig(), quietLogger)).resolves.toBeUndefined();
  });

  it('would be refused by that schema if it were wrong (the check bites)', async () => {
    const config = await builderConfig();
    const broken = { ...config, nsis: { ...config.nsis, perMachine: 'sometimes' } } as unknown as Configuration;
    await expect(validateConfiguration(broken, quietLogger)).rejects.toThrow(/configuration\.nsis/);
    const unknown = { ...config, mac: { ...config.mac, hardenedRuntim: true } } as unknown as Configuration;
    await expect(validateConfiguration(unknown, quietLogger)).rejects.toThrow(/configuration\.mac/);
  });

  it('builds AppImage and deb, NSIS for one user or the whole machine, and a hardened dmg', async () => {
    const config = await builderConfig();
    expect(config.appId).toBe('org.switchboard.console');
    expect(config.productName).toBe('Switchboard');
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.win?.target).toEqual(['nsis']);
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, allowElevation: true });
    expect(config.mac).toMatchObject({ target: ['dmg'], hardenedRuntime: true });
    expect(config.npmRebuild).toBe(true);
    expect(config.asar).toBe(true);
    expect(config.afterPack).toBe('./scripts/packaging/after-pack.mjs');
  });

  it('names only files that exist: icons, entitlements and the hook', async () => {
    const config = await builderConfig();
    const files = [
      config.win?.icon,
      config.mac?.icon,
      config.mac?.entitlements,
      config.mac?.entitlementsInherit,
      config.afterPack,
    ];
    for (const file of files)
      expect(typeof file === 'string' && existsSync(resolve(root, file)), String(file)).toBe(true);
    expect(existsSync(resolve(root, String(config.linux?.icon), '512x512.png'))).toBe(true);
    const entitlements = readFileSync(resolve(root, String(config.mac?.entitlements)), 'utf8');
    expect(entitlements).toContain('com.apple.security.cs.allow-jit');
    expect(entitlements).not.toContain('disable-library-validation');
  });

  it('offers npm run dist and one script per platform', () => {
    const { scripts } = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(scripts['dist']).toBe('electron-vite build && electron-builder');
    expect(scripts['dist:linux']).toContain('electron-builder --linux');
    expect(scripts['dist:win']).toContain('electron-builder --win');
    expect(scripts['dist:mac']).toContain('electron-builder --mac');
  });
});
