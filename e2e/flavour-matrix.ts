import type { SimFlavour } from '../src-main/sim';

/**
 * The PBXs the call e2e runs against: the demo, the traces' lab PBX whose handsets are Local
 * channels, and a FreePBX-style one. Each says how its phones and their channels are named.
 */
export interface PbxFlavour {
  readonly flavour: SimFlavour;
  /** The operator's "my device" at 100, as that PBX names it. */
  readonly myDevice: string;
  /** The device whose state lights 1NN's lamp. */
  device(exten: string): string;
  /** The channel a call to or from 1NN is bridged with, as a pattern (its sequence number varies). */
  channel(exten: string): RegExp;
  /** That channel without its sequence number (`PJSIP/105`, `Local/105@phones;1`). */
  channelBase(exten: string): string;
}

export const FLAVOUR_MATRIX: readonly PbxFlavour[] = [
  {
    flavour: 'demo',
    myDevice: 'PJSIP/100',
    device: (exten) => `PJSIP/${exten}`,
    channel: (exten) => new RegExp(`^PJSIP/${exten}-[0-9a-f]{8}$`),
    channelBase: (exten) => `PJSIP/${exten}`,
  },
  {
    flavour: 'local-handsets',
    myDevice: 'Local/100@phones',
    device: (exten) => `Custom:${exten}`,
    channel: (exten) => new RegExp(`^Local/${exten}@phones-[0-9a-f]{8};1$`),
    channelBase: (exten) => `Local/${exten}@phones;1`,
  },
  {
    flavour: 'freepbx',
    myDevice: 'PJSIP/100',
    device: (exten) => `PJSIP/${exten}`,
    channel: (exten) => new RegExp(`^PJSIP/${exten}-[0-9a-f]{8}$`),
    channelBase: (exten) => `PJSIP/${exten}`,
  },
];

/** A channel name without its sequence number. */
export const withoutSequence = (name: string | undefined) => name?.replace(/-[0-9a-f]{8}(;[12])?$/, '$1');
