import type { FuseV1Config } from '@electron/fuses';

/** The part of electron-builder's AfterPackContext the hook reads. */
interface PackedApp {
  readonly appOutDir: string;
  readonly electronPlatformName: string;
  readonly arch: number;
  readonly packager: { readonly executableName: string; readonly appInfo: { readonly productFilename: string } };
}

export declare const SWITCHBOARD_FUSES: FuseV1Config;
export declare function packedElectron(context: PackedApp): string;
export default function afterPack(context: PackedApp): Promise<void>;
