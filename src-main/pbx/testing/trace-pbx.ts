import type { AmiMessage } from '../../ami/message';
import { startScriptedPeer, type PeerConnection, type ScriptedPeer } from '../../ami/testing/scripted-peer';
import { EventAsk } from './event-ask';
import { liveEvents, recordedReply, type TracedMessage } from './traces';

/**
 * Test-only: the lab PBX of ../shared/ami-traces on a loopback socket, as the console meets it after
 * a login. Asterisk's own recorded answers to the connect-time actions (names and hints from trace 25,
 * device states from trace 05, CoreSettings from trace 01), empty channel and presence lists (every
 * scenario starts idle), then a scenario's live events, in order, as far as `play` is told.
 */
export interface TracePbx {
  readonly host: string;
  readonly port: number;
  readonly username: string;
  readonly secret: string;
  /** Every action the console sent, oldest first. */
  readonly actions: readonly AmiMessage[];
  /** Sends the scenario's live events up to (not including) trace time `until`. */
  play(until?: number): void;
  close(): Promise<void>;
}

/** Lists the lab PBX answered at connect time, from the traces that asked. */
const RECORDED: Readonly<Record<string, readonly [trace: string, action: string]>> = {
  coresettings: ['01-login-plain', 'CoreSettings'],
  extensionstatelist: ['receptionist/25-names-and-directory', 'ExtensionStateList'],
  voicemailuserslist: ['receptionist/25-names-and-directory', 'VoicemailUsersList'],
  devicestatelist: ['05-hints', 'DeviceStateList'],
};

/** Lists that are empty on the idle lab PBX: response, then the Complete event. */
const EMPTY_LISTS: Readonly<Record<string, string>> = {
  coreshowchannels: 'CoreShowChannelsComplete',
  bridgelist: 'BridgeListComplete',
  parkedcalls: 'ParkedCallsComplete',
  // The recorder sets every presence to not_set between scenarios.
  presencestatelist: 'PresenceStateListComplete',
};

/** Operator actions, acknowledged with the words the lab PBX used (traces 21, 22, 24). */
const ACKNOWLEDGED: Readonly<Record<string, string>> = {
  setvar: 'Variable Set',
  dbput: 'Updated database successfully',
  dbdel: 'Key deleted successfully',
  redirect: 'Redirect successful',
  originate: 'Originate successfully queued',
};

export interface TracePbxOptions {
  /** Lists answered with what Asterisk answered at a moment of a trace, by action: `{ CoreShowChannels: 'rec-3' }`. */
  readonly listedAs?: { readonly trace: string; readonly actionIds: Readonly<Record<string, string>> };
  /**
   * `asAsked` (default), as Asterisk 20 does: only the events of the classes the login asked for
   * that pass the session's Filters. `everything`: every event recorded, as the recorder (read=all,
   * Events: on, no filter) received them.
   */
  readonly sends?: 'asAsked' | 'everything';
}

export async function startTracePbx(
  scenario: readonly TracedMessage[],
  options: TracePbxOptions = {},
): Promise<TracePbx> {
  const events = liveEvents(scenario);
  let sent = 0;
  let peer: PeerConnection | undefined;
  let ask = new EventAsk();
  const server: ScriptedPeer = await startScriptedPeer({
    onConnection: (connection) => {
      peer = connection;
      ask = new EventAsk();
    },
    onAction: (action, connection) => {
      switch (action.get('Action')?.toLowerCase()) {
        case 'login':
          ask.login(action.get('Events'));
          return 'default';
        case 'filter':
          ask.filter(action.get('Filter') ?? '');
          connection.reply(action, { Response: 'Success', Message: 'Success' });
          return;
        default:
          return answer(action, connection, options);
      }
    },
  });
  const everything = options.sends === 'everything';
  return {
    host: server.host,
    port: server.port,
    get actions() {
      return server.connections.flatMap((connection) => connection.actions);
    },
    username: 'demo',
    secret: 'demo',
    play(until = Infinity) {
      for (; sent < events.length && events[sent]!.t < until; sent++) {
        const text = wire(events[sent]!.message);
        if (everything || ask.passes(events[sent]!.message, text)) peer?.send(text);
      }
    },
    close: () => server.close(),
  };
}

function answer(action: AmiMessage, peer: PeerConnection, options: TracePbxOptions): void | 'default' {
  const actionName = action.get('Action') ?? '';
  const name = actionName.toLowerCase();
  const listedAt = options.listedAs?.actionIds[actionName];
  if (listedAt && options.listedAs) {
    for (const message of recordedReply(options.listedAs.trace, actionName, listedAt))
      peer.send(wire(message, action.actionId));
    return;
  }
  const recorded = RECORDED[name];
  if (recorded) {
    for (const message of recordedReply(...recorded)) peer.send(wire(message, action.actionId));
    return;
  }
  const acknowledged = ACKNOWLEDGED[name];
  if (acknowledged) {
    peer.reply(action, { Response: 'Success', Message: acknowledged });
    return;
  }
  const complete = EMPTY_LISTS[name];
  if (complete) {
    peer.reply(action, { Response: 'Success', EventList: 'start', Message: 'Events will follow' });
    peer.event({ Event: complete, ActionID: action.actionId ?? '', EventList: 'Complete', ListItems: '0' });
    return;
  }
  return 'default';
}

/** A message as Asterisk wrote it, its ActionID swapped for the console's. */
function wire(message: AmiMessage, actionId?: string): string {
  const lines = message.headers.map(([name, value]) =>
    actionId !== undefined && name.toLowerCase() === 'actionid' ? `${name}: ${actionId}` : `${name}: ${value}`,
  );
  return `${lines.join('\r\n')}\r\n\r\n`;
}
