/**
 * Dialplan functions written by `Setvar` with no channel (trace 22): PRESENCE_STATE of a
 * CustomPresence provider, DEVICE_STATE of a Custom device. Any other name is a global variable.
 */
import type { DeviceState, PresenceState } from '../model';
import type { PbxRuntime } from './types';

const PRESENCE_STATES: readonly PresenceState[] = ['not_set', 'unavailable', 'available', 'away', 'xa', 'chat', 'dnd'];
const DEVICE_STATES: readonly DeviceState[] = [
  'UNKNOWN',
  'NOT_INUSE',
  'INUSE',
  'BUSY',
  'INVALID',
  'UNAVAILABLE',
  'RINGING',
  'RINGINUSE',
  'ONHOLD',
];

/** Whether the write took: `false` is Asterisk's "Variable not set". */
export function setGlobalFunction(pbx: PbxRuntime, variable: string, value: string): boolean {
  const call = /^([A-Z_]+)\((.*)\)$/i.exec(variable.trim());
  if (!call) return true;
  const [, name = '', argument = ''] = call;
  switch (name.toUpperCase()) {
    case 'PRESENCE_STATE':
      return setPresence(pbx, argument, value);
    case 'DEVICE_STATE':
      return setCustomDevice(pbx, argument, value);
    default:
      return true;
  }
}

/** func_presencestate: `state[,subtype[,message[,options]]]`, only for `CustomPresence:` providers. */
function setPresence(pbx: PbxRuntime, provider: string, value: string): boolean {
  const custom = /^CustomPresence:(.+)$/i.exec(provider);
  const [state = '', subtype = '', message = '', options = ''] = value.split(',');
  if (!custom || !(PRESENCE_STATES as readonly string[]).includes(state) || options.includes('e')) return false;
  pbx.model.astdb.set(`CustomPresence/${custom[1]}`, value);
  pbx.model.setPresence(`CustomPresence:${custom[1]}`, state as PresenceState, subtype, message);
  return true;
}

/** func_devstate: only `Custom:` devices are writable. */
function setCustomDevice(pbx: PbxRuntime, device: string, value: string): boolean {
  const state = value.trim().toUpperCase();
  if (!/^Custom:.+$/i.test(device) || !(DEVICE_STATES as readonly string[]).includes(state)) return false;
  const { model } = pbx;
  if (model.isKnownDevice(device)) model.setDeviceState(device, state as DeviceState);
  else model.emit({ kind: 'deviceState', device, state: state as DeviceState });
  pbx.model.astdb.set(`CustomDevstate/${device.slice('Custom:'.length)}`, state);
  return true;
}
