import type { LampState } from '../../src-preload/state';
import { hintDevices } from './calls/device-match';
import { presenceProviderOf } from './presence';

/**
 * A FreePBX-style hint `PJSIP/100&Custom:DND100`: Asterisk folds the DND device into the hint's state
 * (DND on reads Busy), so such a tile's lamp is worked out from its other devices' own states.
 */
const DND_DEVICE = /^Custom:DND/i;

/** DeviceStateChange `State` words that mean the device is engaged. */
const ENGAGED = new Set(['INUSE', 'BUSY', 'RINGING', 'RINGINUSE', 'ONHOLD']);

/**
 * A hint taken apart once, when it is learned: a lamp flicker then reads device states by these
 * names instead of splitting the hint again. Names lower-cased, as device states are kept.
 */
export interface ParsedHint {
  /** Every device of the hint. */
  readonly devices: readonly string[];
  /** The FreePBX DND device, when the hint has one. */
  readonly dndDevice: string | undefined;
  /** The devices that light the lamp of the phone itself (all but the DND device). */
  readonly phoneDevices: readonly string[];
  readonly presenceProvider: string | undefined;
}

export function parseHint(hint: string): ParsedHint {
  const devices = hintDevices(hint);
  const dndDevice = dndDeviceOf(hint);
  return {
    devices: devices.map((device) => device.toLowerCase()),
    dndDevice: dndDevice?.toLowerCase(),
    phoneDevices: devices.filter((device) => !DND_DEVICE.test(device)).map((device) => device.toLowerCase()),
    presenceProvider: presenceProviderOf(hint)?.toLowerCase(),
  };
}

export function dndDeviceOf(hint: string): string | undefined {
  return hintDevices(hint).find((device) => DND_DEVICE.test(device));
}

/** Whether the hint's DND device says DND is on (FreePBX sets it BUSY), given device states by lower-cased name. */
export function dndIsOn(hint: ParsedHint, states: ReadonlyMap<string, string>): boolean {
  return hint.dndDevice !== undefined && ENGAGED.has(states.get(hint.dndDevice) ?? '');
}

const LAMP_OF_DEVICE_STATE: Readonly<Record<string, LampState>> = {
  NOT_INUSE: 'idle',
  INUSE: 'inUse',
  BUSY: 'busy',
  RINGING: 'ringing',
  RINGINUSE: 'inUseRinging',
  ONHOLD: 'onHold',
  UNAVAILABLE: 'unavailable',
  INVALID: 'unavailable',
};

/** The order in which one device's state outweighs another's on a shared lamp. */
const WEIGHT: readonly LampState[] = ['inUseRinging', 'ringing', 'inUseOnHold', 'onHold', 'inUse', 'busy', 'idle'];

/**
 * The lamp of a hint with a DND device, from its other devices' states; `undefined` when a state is
 * not known (the hint's own status is then all there is).
 */
export function lampWithoutDnd(hint: ParsedHint, states: ReadonlyMap<string, string>): LampState | undefined {
  if (hint.dndDevice === undefined) return undefined;
  const lamps: LampState[] = [];
  for (const device of hint.phoneDevices) {
    const lamp = LAMP_OF_DEVICE_STATE[states.get(device) ?? ''];
    if (!lamp) return undefined;
    lamps.push(lamp);
  }
  if (lamps.length === 0) return undefined;
  return WEIGHT.find((lamp) => lamps.includes(lamp)) ?? 'unavailable';
}
