/** Header blocks shared by the dialects' events: channel and bridge snapshots (12+), OriginateResponse (all). */
import type { AmiHeader } from '../../ami/message';
import { CHANNEL_STATE_CODE, type ModelEvent, type SimBridge, type SimChannel } from '../model';

export function channelSnapshot(channel: SimChannel, prefix = ''): AmiHeader[] {
  return [
    [`${prefix}Channel`, channel.name],
    [`${prefix}ChannelState`, String(CHANNEL_STATE_CODE[channel.state])],
    [`${prefix}ChannelStateDesc`, channel.state],
    [`${prefix}CallerIDNum`, channel.callerIdNum],
    [`${prefix}CallerIDName`, channel.callerIdName],
    [`${prefix}ConnectedLineNum`, channel.connectedNum],
    [`${prefix}ConnectedLineName`, channel.connectedName],
    [`${prefix}Language`, 'en'],
    [`${prefix}AccountCode`, ''],
    [`${prefix}Context`, channel.context],
    [`${prefix}Exten`, channel.exten],
    [`${prefix}Priority`, String(channel.priority)],
    [`${prefix}Uniqueid`, channel.uniqueid],
    [`${prefix}Linkedid`, channel.linkedid],
  ];
}

export function bridgeSnapshot(bridge: SimBridge, prefix = ''): AmiHeader[] {
  const parking = bridge.type === 'parking';
  return [
    [`${prefix}BridgeUniqueid`, bridge.id],
    [`${prefix}BridgeType`, bridge.type],
    [`${prefix}BridgeTechnology`, bridge.technology],
    [`${prefix}BridgeCreator`, parking ? 'Parking' : '<unknown>'],
    [`${prefix}BridgeName`, parking ? 'default' : '<unknown>'],
    [`${prefix}BridgeNumChannels`, String(bridge.channels.length)],
    [`${prefix}BridgeVideoSourceMode`, 'none'],
  ];
}

/** `1795378952.562254`: seconds with microseconds, as Asterisk's Timestamp header. */
export function amiTimestamp(ms: number): string {
  return `${Math.floor(ms / 1000)}.${String((ms % 1000) * 1000).padStart(6, '0')}`;
}

export function durationHms(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(s / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;
}

/** OriginateResponse reads the same from Asterisk 1.8 to 22: Context and Exten, or Application and Data (manager.c). */
export function originateResponseFields(event: Extract<ModelEvent, { kind: 'originateResponse' }>): AmiHeader[] {
  return [
    ...(event.actionId !== undefined ? ([['ActionID', event.actionId]] as AmiHeader[]) : []),
    ['Response', event.success ? 'Success' : 'Failure'],
    ['Channel', event.channelName],
    ...(('application' in event.target
      ? [
          ['Application', event.target.application],
          ['Data', event.target.data],
        ]
      : [
          ['Context', event.target.context],
          ['Exten', event.target.exten],
        ]) as AmiHeader[]),
    ['Reason', String(event.reason)],
    ['Uniqueid', event.uniqueid],
    ['CallerIDNum', event.callerIdNum],
    ['CallerIDName', event.callerIdName],
  ];
}
