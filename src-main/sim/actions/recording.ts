/** Monitor family (asterisk-11, asterisk-18) and MixMonitor family. */
import type { DialectProfile } from '../dialects';
import type { SimChannel } from '../model';
import { requireChannel, type ActionContext, type ActionDefinition } from './types';

/** An action on the channel its Channel header names: a missing or unknown one is refused first. */
function onChannel(
  name: string,
  privilege: readonly string[],
  handle: (ctx: ActionContext, channel: SimChannel) => void,
  available?: (dialect: DialectProfile) => boolean,
): ActionDefinition {
  return {
    name,
    privilege,
    ...(available ? { available } : {}),
    handle(ctx) {
      const channel = requireChannel(ctx, ctx.header('Channel'));
      if (channel) handle(ctx, channel);
    },
  };
}

/** Monitor's actions: Asterisk 12 on has MixMonitor only. */
const monitorAction = (name: string, handle: (ctx: ActionContext, channel: SimChannel) => void) =>
  onChannel(name, ['call'], handle, (dialect) => dialect.hasMonitor);

/** PauseMonitor and UnpauseMonitor, each with app_monitor's words. */
const pauseAction = (name: string, paused: boolean, done: string, refused: string) =>
  monitorAction(name, (ctx, channel) => {
    if (!channel.monitor) return ctx.error(refused);
    channel.monitor.paused = paused;
    ctx.success(done);
  });

export const recordingActions: ActionDefinition[] = [
  monitorAction('Monitor', (ctx, channel) => {
    if (channel.monitor) return ctx.error('Could not start monitoring channel');
    channel.monitor = { file: ctx.header('File') ?? channel.name.replace('/', '-'), paused: false, muted: false };
    ctx.success('Started monitoring channel');
    ctx.pbx.model.emit({ kind: 'monitorStart', channel });
  }),
  monitorAction('StopMonitor', (ctx, channel) => {
    ctx.success('Stopped monitoring channel');
    if (!channel.monitor) return;
    channel.monitor = undefined;
    ctx.pbx.model.emit({ kind: 'monitorStop', channel });
  }),
  pauseAction('PauseMonitor', true, 'Paused monitoring of the channel', 'Could not pause monitoring of the channel'),
  pauseAction(
    'UnpauseMonitor',
    false,
    'Unpaused monitoring of the channel',
    'Could not unpause monitoring of the channel',
  ),
  monitorAction('ChangeMonitor', (ctx, channel) => {
    const file = ctx.header('File');
    if (!file) return ctx.error('No filename specified');
    if (!channel.monitor) return ctx.error('Could not change monitored filename of channel');
    channel.monitor.file = file;
    ctx.success('Changed monitor filename');
  }),
  onChannel('MixMonitor', ['system'], (ctx, channel) => {
    channel.mixMonitor = { file: ctx.header('File') ?? `${channel.uniqueid}.wav`, paused: false, muted: false };
    ctx.respond('Success');
    ctx.pbx.model.emit({ kind: 'mixMonitorStart', channel });
  }),
  onChannel('StopMixMonitor', ['system', 'call'], (ctx, channel) => {
    if (!channel.mixMonitor) return ctx.error('Could not stop monitoring channel');
    channel.mixMonitor = undefined;
    ctx.respond('Success');
    ctx.pbx.model.emit({ kind: 'mixMonitorStop', channel });
  }),
  onChannel('MixMonitorMute', ['system', 'call'], (ctx, channel) => {
    if (!channel.mixMonitor) return ctx.error('Cannot set mute flag');
    const muted = /^(1|true|yes|on)$/i.test(ctx.header('State') ?? '');
    channel.mixMonitor.muted = muted;
    ctx.respond('Success');
    ctx.pbx.model.emit({ kind: 'mixMonitorMute', channel, direction: ctx.header('Direction') ?? 'both', muted });
  }),
];
