/** Status, CoreShowChannels, BridgeList, BridgeInfo, Hangup, Getvar, Setvar. */
import { setGlobalFunction } from './functions';
import type { AmiHeader } from '../../ami/message';
import { bridgeSnapshot, channelSnapshot, durationHms } from '../dialects/snapshot';
import { CHANNEL_STATE_CODE, type HangupCause, HANGUP_CAUSE_TEXT, type SimChannel } from '../model';
import { requireChannel, type ActionDefinition, type ListItem } from './types';

/** The one codec every simulated channel speaks. */
const CODEC = 'ulaw';

/** One direction of a channel's audio: the simulator never transcodes. */
const codecPath = (direction: 'Read' | 'Write'): AmiHeader[] => [
  [`${direction}format`, CODEC],
  [`${direction}trans`, ''],
];

function statusItem(c: SimChannel, now: number, modern: boolean, peer: SimChannel | undefined): ListItem {
  const seconds = String(Math.floor((now - c.createdAt) / 1000));
  if (!modern) {
    return {
      event: 'Status',
      fields: [
        ['Privilege', 'Call'],
        ['Channel', c.name],
        ['CallerIDNum', c.callerIdNum],
        ['CallerIDName', c.callerIdName],
        ['ConnectedLineNum', c.connectedNum],
        ['ConnectedLineName', c.connectedName],
        ['Accountcode', ''],
        ['ChannelState', String(CHANNEL_STATE_CODE[c.state])],
        ['ChannelStateDesc', c.state],
        ['Context', c.context],
        ['Extension', c.exten],
        ['Priority', String(c.priority)],
        ['Seconds', seconds],
        ...(peer
          ? ([
              ['BridgedChannel', peer.name],
              ['BridgedUniqueid', peer.uniqueid],
            ] as AmiHeader[])
          : []),
        ['Uniqueid', c.uniqueid],
      ],
    };
  }
  return {
    event: 'Status',
    actionIdLast: true,
    fields: [
      ['Privilege', 'Call'],
      ...channelSnapshot(c),
      ['Type', c.device.split('/')[0] ?? ''],
      ['DNID', ''],
      ['EffectiveConnectedLineNum', c.connectedNum],
      ['EffectiveConnectedLineName', c.connectedName],
      ['TimeToHangup', '0'],
      ['BridgeID', c.bridgeId ?? ''],
      ['Application', c.application],
      ['Data', c.appData],
      ['Nativeformats', `(${CODEC})`],
      ...(['Read', 'Write'] as const).flatMap(codecPath),
      ['Callgroup', '0'],
      ['Pickupgroup', '0'],
      ['Seconds', seconds],
    ],
  };
}

export const channelActions: ActionDefinition[] = [
  {
    name: 'Status',
    privilege: ['system', 'call', 'reporting'],
    handle(ctx) {
      const { model, profile: dialect, clock } = ctx.pbx;
      const wanted = ctx.header('Channel');
      let channels = [...model.channels.values()];
      if (wanted) {
        channels = channels.filter((c) => c.name === wanted);
        if (channels.length === 0) {
          ctx.error('No such channel');
          return;
        }
      }
      const items = channels.map((c) => statusItem(c, clock.now(), dialect.modernActions, model.bridgePeers(c)[0]));
      ctx.list('Channel status will follow', items, 'StatusComplete', [['Items', String(items.length)]]);
    },
  },
  {
    name: 'CoreShowChannels',
    privilege: ['system', 'reporting'],
    handle(ctx) {
      const { model, clock } = ctx.pbx;
      const items: ListItem[] = [...model.channels.values()].map((c) => ({
        event: 'CoreShowChannel',
        fields: [
          ...channelSnapshot(c),
          ['Application', c.application],
          ['ApplicationData', c.appData],
          ['Duration', durationHms(clock.now() - c.createdAt)],
          ['BridgeId', c.bridgeId ?? ''],
        ],
      }));
      ctx.list('Channels will follow', items, 'CoreShowChannelsComplete');
    },
  },
  {
    name: 'BridgeList',
    privilege: [],
    available: (d) => d.modernActions,
    handle(ctx) {
      const items: ListItem[] = [...ctx.pbx.model.bridges.values()].map((b) => ({
        event: 'BridgeListItem',
        fields: bridgeSnapshot(b),
      }));
      ctx.list('Bridge listing will follow', items, 'BridgeListComplete');
    },
  },
  {
    name: 'BridgeInfo',
    privilege: [],
    available: (d) => d.modernActions,
    handle(ctx) {
      const bridge = ctx.pbx.model.bridges.get(ctx.header('BridgeUniqueid') ?? '');
      if (!bridge) {
        ctx.error(`Bridge ${ctx.header('BridgeUniqueid') ?? ''} not found`);
        return;
      }
      const items: ListItem[] = bridge.channels.map((c) => ({
        event: 'BridgeInfoChannel',
        fields: channelSnapshot(c),
      }));
      ctx.list('Bridge channel listing will follow', items, 'BridgeInfoComplete', bridgeSnapshot(bridge));
    },
  },
  {
    name: 'Hangup',
    privilege: ['system', 'call'],
    handle(ctx) {
      const channel = requireChannel(ctx, ctx.header('Channel'));
      if (!channel) return;
      const requested = Number(ctx.header('Cause') ?? 16);
      const cause = (requested in HANGUP_CAUSE_TEXT ? requested : 16) as HangupCause;
      ctx.success('Channel Hungup');
      ctx.pbx.telephony.hangup(channel, cause);
    },
  },
  {
    name: 'Getvar',
    privilege: ['call', 'reporting'],
    handle(ctx) {
      const variable = ctx.header('Variable') ?? '';
      const name = ctx.header('Channel');
      if (!name) {
        ctx.respond('Success', [
          ['Variable', variable],
          ['Value', ''],
        ]);
        return;
      }
      const channel = requireChannel(ctx, name);
      if (!channel) return;
      ctx.respond('Success', [
        ['Variable', variable],
        ['Value', channel.vars.get(variable) ?? ''],
      ]);
    },
  },
  {
    name: 'Setvar',
    privilege: ['call'],
    handle(ctx) {
      const variable = ctx.header('Variable');
      if (!variable) {
        ctx.error('No variable specified');
        return;
      }
      const name = ctx.header('Channel');
      if (name) {
        const channel = requireChannel(ctx, name);
        if (!channel) return;
        channel.vars.set(variable, ctx.header('Value') ?? '');
      } else if (!setGlobalFunction(ctx.pbx, variable, ctx.header('Value') ?? '')) {
        ctx.error('Variable not set');
        return;
      }
      ctx.success('Variable Set');
    },
  },
];
