/** Monitor family (asterisk-11, asterisk-18) and MixMonitor family. */
import { requireChannel, type ActionDefinition } from './types';

const hasMonitor = (d: { hasMonitor: boolean }) => d.hasMonitor;

export const recordingActions: ActionDefinition[] = [
  {
    name: 'Monitor',
    privilege: ['call'],
    available: hasMonitor,
    handle(ctx) {
      const channel = requireChannel(ctx, ctx.header('Channel'));
      if (!channel) return;
      if (channel.monitor) {
        ctx.error('Could not start monitoring channel');
        return;
      }
      channel.monitor = { file: ctx.header('File') ?? channel.name.replace('/', '-'), paused: false, muted: false };
      ctx.success('Started monitoring channel');
      ctx.pbx.model.emit({ kind: 'monitorStart', channel });
    },
  },
  {
    name: 'StopMonitor',
    privilege: ['call'],
    available: hasMonitor,
    handle(ctx) {
      const channel = requireChannel(ctx, ctx.header('Channel'));
      if (!channel) return;
      ctx.success('Stopped monitoring channel');
      if (channel.monitor) {
        channel.monitor = undefined;
        ctx.pbx.model.emit({ kind: 'monitorStop', channel });
      }
    },
  },
  {
    name: 'PauseMonitor',
    privilege: ['call'],
    available: hasMonitor,
    handle(ctx) {
      const channel = requireChannel(ctx, ctx.header('Channel'));
      if (!channel) return;
      if (!channel.monitor) return ctx.error('Could not pause monitoring of the channel');
      channel.monitor.paused = true;
      ctx.success('Paused monitoring of the channel');
    },
  },
  {
    name: 'UnpauseMonitor',
    privilege: ['call'],
    available: hasMonitor,
    handle(ctx) {
      const channel = requireChannel(ctx, ctx.header('Channel'));
      if (!channel) return;
      if (!channel.monitor) return ctx.error('Could not unpause monitoring of the channel');
      channel.monitor.paused = false;
      ctx.success('Unpaused monitoring of the channel');
    },
  },
  {
    name: 'ChangeMonitor',
    privilege: ['call'],
    available: hasMonitor,
    handle(ctx) {
      const channel = requireChannel(ctx, ctx.header('Channel'));
      if (!channel) return;
      const file = ctx.header('File');
      if (!file) return ctx.error('No filename specified');
      if (!channel.monitor) return ctx.error('Could not change monitored filename of channel');
      channel.monitor.file = file;
      ctx.success('Changed monitor filename');
    },
  },
  {
    name: 'MixMonitor',
    privilege: ['system'],
    handle(ctx) {
      const channel = requireChannel(ctx, ctx.header('Channel'));
      if (!channel) return;
      channel.mixMonitor = { file: ctx.header('File') ?? `${channel.uniqueid}.wav`, paused: false, muted: false };
      ctx.respond('Success');
      ctx.pbx.model.emit({ kind: 'mixMonitorStart', channel });
    },
  },
  {
    name: 'StopMixMonitor',
    privilege: ['system', 'call'],
    handle(ctx) {
      const channel = requireChannel(ctx, ctx.header('Channel'));
      if (!channel) return;
      if (!channel.mixMonitor) return ctx.error('Could not stop monitoring channel');
      channel.mixMonitor = undefined;
      ctx.respond('Success');
      ctx.pbx.model.emit({ kind: 'mixMonitorStop', channel });
    },
  },
  {
    name: 'MixMonitorMute',
    privilege: ['system', 'call'],
    handle(ctx) {
      const channel = requireChannel(ctx, ctx.header('Channel'));
      if (!channel) return;
      if (!channel.mixMonitor) return ctx.error('Cannot set mute flag');
      const muted = /^(1|true|yes|on)$/i.test(ctx.header('State') ?? '');
      channel.mixMonitor.muted = muted;
      ctx.respond('Success');
      ctx.pbx.model.emit({ kind: 'mixMonitorMute', channel, direction: ctx.header('Direction') ?? 'both', muted });
    },
  },
];
