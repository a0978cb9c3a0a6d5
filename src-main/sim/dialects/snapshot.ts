/**
 * Header blocks shared by the dialects' events: channel and bridge snapshots (12+); hints,
 * mailboxes, Shutdown and OriginateResponse (all).
 */
import type { AmiHeader } from '../../ami/message';
import {
  CHANNEL_STATE_CODE,
  type Hint,
  type Mailbox,
  type ModelEvent,
  type Presence,
  type SimBridge,
  type SimChannel,
} from '../model';
import type { EventClass, RenderContext, RenderedEvent } from './types';

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

/** OriginateResponse: Context and Exten, or Application and Data (manager.c). */
function originateResponseFields(event: Extract<ModelEvent, { kind: 'originateResponse' }>): AmiHeader[] {
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

export function hintText(hint: Hint): string {
  const devices = hint.dndDevice ? `${hint.device}&${hint.dndDevice}` : hint.device;
  return hint.presenceProvider ? `${devices},${hint.presenceProvider}` : devices;
}

/** The hint an ExtensionStatus or PresenceStatus is about. */
export function hintHeaders(hint: Hint): AmiHeader[] {
  return [
    ['Exten', hint.exten],
    ['Context', hint.context],
    ['Hint', hintText(hint)],
  ];
}

/** PresenceStatus: one a hint that shows the provider's presence. */
export function presenceStatusHeaders(hint: Hint, presence: Presence): AmiHeader[] {
  return [...hintHeaders(hint), ...presenceHeaders(presence)];
}

export function presenceHeaders(presence: Presence): AmiHeader[] {
  return [
    ['Status', presence.state],
    ['Subtype', presence.subtype],
    ['Message', presence.message],
  ];
}

function messageWaitingHeaders(mailbox: Mailbox): AmiHeader[] {
  return [
    ['Mailbox', mailbox.id],
    ['Waiting', mailbox.newCount > 0 ? '1' : '0'],
    ['New', String(mailbox.newCount)],
    ['Old', String(mailbox.oldCount)],
  ];
}

export function shutdownHeaders(restart: boolean): AmiHeader[] {
  return [
    ['Shutdown', 'Cleanly'],
    ['Restart', restart ? 'True' : 'False'],
  ];
}

/** Events that read the same from Asterisk 1.8 to 22 after the dialect's own leading headers. */
export function sameInEveryDialect(
  event: ModelEvent,
): [name: string, eventClass: EventClass, headers: AmiHeader[]] | undefined {
  switch (event.kind) {
    case 'originateResponse':
      return ['OriginateResponse', 'call', originateResponseFields(event)];
    case 'messageWaiting':
      return ['MessageWaiting', 'call', messageWaitingHeaders(event.mailbox)];
    default:
      return undefined;
  }
}

/** A render's events, each led by Event, Privilege, Timestamp and then the dialect's `own` headers. */
export function eventsOut(ctx: RenderContext, own: readonly AmiHeader[]) {
  const out: RenderedEvent[] = [];
  const add = (name: string, eventClass: EventClass, headers: readonly AmiHeader[]) => {
    out.push({
      name,
      eventClass,
      headers: [
        ['Event', name],
        ['Privilege', `${eventClass},all`],
        ['Timestamp', amiTimestamp(ctx.now)],
        ...own,
        ...headers,
      ],
    });
  };
  return { out, add };
}
