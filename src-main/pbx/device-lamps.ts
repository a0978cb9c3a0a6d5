import type { LampState } from '../../src-preload/state';
import { hintDevices } from './calls/device-match';

/**
 * A FreePBX-style hint `PJSIP/100&Custom:DND100`: Asterisk folds the DND device into the hint's state
 * (DND on reads Busy), so such a tile's lamp is worked out from its other devices' own states.
 */
const DND_DEVICE = /^Custom:DND/i;

/** DeviceStateChange `State` words that mean the device is engaged. */
const ENGAGED = new Set(['INUSE', 'BUSY', 'RINGING', 'RINGINUSE', 'ONHOLD']);

export function dndDeviceOf(hint: string): string | undefined {
  return hintDevices(hint).find((device) => DND_DEVICE.test(device));
}

/** Whether the hint's DND device says DND is on (FreePBX sets it BUSY), given device states by lower-cased name. */
export function dndIsOn(hint: string, states: ReadonlyMap<string, string>): boolean {
  const device = dndDeviceOf(hint);
  return device !== undefined && ENGAGED.has(states.get(device.toLowerCase()) ?? '');
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
export function lampWithoutDnd(hint: string, states: ReadonlyMap<string, string>): LampState | undefined {
  if (!dndDeviceOf(hint)) return undefined;
  const lamps: LampState[] = [];
  for (const device of hintDevices(hint)) {
    if (DND_DEVICE.test(device)) continue;
    const lamp = LAMP_OF_DEVICE_STATE[states.get(device.toLowerCase()) ?? ''];
    if (!lamp) return undefined;
    lamps.push(lamp);
  }
  if (lamps.length === 0) return undefined;
  return WEIGHT.find((lamp) => lamps.includes(lamp)) ?? 'unavailable';
}
