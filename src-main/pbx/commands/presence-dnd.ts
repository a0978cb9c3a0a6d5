import { refusal } from '../../../src-shared/refusals';
import type { ExtensionTile, PresenceState } from '../../../src-preload/state';
import type { DndMethod } from '../../../src-shared/profile';
import { dndDeviceOf } from '../device-lamps';
import { presenceProviderOf } from '../presence';
import { fail, runAction, succeed, type CommandContext, type CommandResult } from './context';

/** What an operator may set someone's presence to; `not_set` clears it. */
export type SettablePresence = PresenceState | 'not_set';

type Ami = Pick<CommandContext, 'ami'>;

/** The only provider Asterisk lets AMI write (trace 22: any other gives "Variable not set"). */
const CUSTOM_PRESENCE = /^CustomPresence:(.+)$/i;

/**
 * Sets someone's presence: `Setvar` of `PRESENCE_STATE(CustomPresence:N)` with no channel, the value
 * `state,,message` (func_presencestate: state[,subtype[,message[,options]]]). The tile changes when
 * the PBX's PresenceStateChange says so, not here.
 */
export async function setPresence(
  ctx: Ami,
  tile: ExtensionTile,
  state: SettablePresence,
  message: string,
): Promise<CommandResult> {
  const provider = presenceProviderOf(tile.hint);
  if (!provider || !CUSTOM_PRESENCE.test(provider)) {
    return fail('unsupported', refusal('noSettablePresence', { exten: tile.exten }));
  }
  const value = message ? `${state},,${message}` : state;
  const sent = await runAction(ctx, 'Setvar', { Variable: `PRESENCE_STATE(${provider})`, Value: value }, 'changed');
  return sent.ok ? succeed(undefined) : sent;
}

/** The method a tile's DND is set by: the profile's, or for `auto` the one the tile's hint shows. */
export function dndMethodFor(tile: ExtensionTile, method: DndMethod): Exclude<DndMethod, 'auto'> {
  if (method !== 'auto') return method;
  return dndDeviceOf(tile.hint) ? 'freepbx' : 'presence';
}

/**
 * Turns someone's DND on or off. `presence`: their presence `dnd` (off: `available`). `freepbx`: as
 * FreePBX's own feature code does, the flag `DND/<exten>` in AstDB (its dialplan reads it) and the
 * hint's `Custom:DND<exten>` device BUSY (on) or NOT_INUSE (off), whose DeviceStateChange moves the lamp.
 */
export async function setDnd(ctx: Ami, tile: ExtensionTile, on: boolean, method: DndMethod): Promise<CommandResult> {
  if (dndMethodFor(tile, method) === 'presence') return setPresence(ctx, tile, on ? 'dnd' : 'available', '');
  const device = dndDeviceOf(tile.hint) ?? `Custom:DND${tile.exten}`;
  const flag = on
    ? await runAction(ctx, 'DBPut', { Family: 'DND', Key: tile.exten, Val: 'YES' }, 'changed')
    : await runAction(ctx, 'DBDel', { Family: 'DND', Key: tile.exten }, 'changed');
  // Deleting a flag that is not there is what "off" wants (trace 22: "could not be deleted").
  if (!flag.ok && !(flag.error.code === 'refused' && !on)) return flag;
  const state = await runAction(
    ctx,
    'Setvar',
    { Variable: `DEVICE_STATE(${device})`, Value: on ? 'BUSY' : 'NOT_INUSE' },
    'changed',
  );
  return state.ok ? succeed(undefined) : state;
}
