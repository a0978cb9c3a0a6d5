// electron-builder's afterPack hook (electron-builder.yml): sets Electron's fuses in the packed
// binary, before it is signed. Each fuse is a switch compiled into Electron that nothing at run time
// can turn back.
import { join } from 'node:path';
import { flipFuses, FuseV1Options, FuseVersion } from '@electron/fuses';
import { Arch } from 'electron-builder';

/** Every fuse of the V1 wire, each set on purpose: a new Electron fuse fails the build until decided. */
export const SWITCHBOARD_FUSES = {
  version: FuseVersion.V1,
  strictlyRequireAllFuses: true,
  // ELECTRON_RUN_AS_NODE would turn the signed app into a general Node.js interpreter.
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  // The page is served from app://, never file://.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
};

/** The packed Electron binary (the .app bundle on macOS), as electron-builder names it. */
export function packedElectron(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') {
    return join(appOutDir, `${packager.appInfo.productFilename}.app`);
  }
  if (electronPlatformName === 'win32') return join(appOutDir, `${packager.appInfo.productFilename}.exe`);
  return join(appOutDir, packager.executableName);
}

export default async function afterPack(context) {
  await flipFuses(packedElectron(context), {
    ...SWITCHBOARD_FUSES,
    // Flipping fuses breaks the ad-hoc signature Apple silicon requires before the real signing.
    resetAdHocDarwinSignature: context.electronPlatformName === 'darwin' && context.arch === Arch.arm64,
  });
}
