/**
 * Table tests from the examples in the project's seed documents (../shared/seeds): each example put back
 * into its wire form (the copies lost the line ends; the documents say CRLF, and bare LF where Asterisk
 * sends it), framed in one chunk and one byte a chunk. Older Asterisk forms the traces cannot show.
 */
import { describe, expect, it } from 'vitest';
import { AmiClient } from './client';
import type { AmiMessage } from './message';
import { AmiFrameParser } from './parser';
import { startScriptedPeer } from './testing/scripted-peer';

type Header = [string, string];
interface Expected {
  headers: Header[];
  raw?: string[];
}

const crlf = (...lines: string[]) => lines.map((line) => `${line}\r\n`).join('') + '\r\n';

/** 002 (Asterisk 13 `Status` with AllVariables): repeated Variable and Linkedid, ActionID as the last header. */
const STATUS_ITEM_LINES = [
  'Event: Status',
  'Privilege: Call',
  'Channel: SIP/300-0000000c',
  'ChannelState: 6',
  'Uniqueid: 1481806671.27',
  'Linkedid: 1481806671.27',
  'AccountCode: ',
  'BridgeID: 299de6ea-1dc7-4144-9e46-d6513723333e',
  'Linkedid: 1481806671.27',
  'Data: ',
  'Writetrans: (gsm@8000)->(slin@8000)->(ulaw@8000)',
  'Variable: SIPCALLID=1945371327@pluto.pchero21.com',
  'Variable: SIPDOMAIN=pluto.pchero21.com',
  'Variable: SIPURI=sip:300@10.1.27.60:5060',
];

const TABLE: Array<{ example: string; wire: string; expected: Expected[] }> = [
  {
    example: '003 §Command (1.4): old-style output, CLI lines ended by bare LF, a colon inside one',
    wire:
      'Response: Follows\r\nPrivilege: Command\r\nActionID: 12\r\n' +
      'Channel Location State Application(Data)\n' +
      'SIP/x7065551212b-1af (None) Ringing AppDial((Outgoing Line))\n' +
      'SIP/x7065551212c-2aa 29@default:2 Ring Dial(SIP/x7065551212b)\n' +
      '2 active channels\n1 active call\r\n--END COMMAND--\r\n\r\n',
    expected: [
      {
        headers: [
          ['Response', 'Follows'],
          ['Privilege', 'Command'],
          ['ActionID', '12'],
        ],
        raw: [
          'Channel Location State Application(Data)',
          'SIP/x7065551212b-1af (None) Ringing AppDial((Outgoing Line))',
          'SIP/x7065551212c-2aa 29@default:2 Ring Dial(SIP/x7065551212b)',
          '2 active channels',
          '1 active call',
        ],
      },
    ],
  },
  {
    example: '003 §Hangup (1.2): Unlink with Channel1/Channel2, two Hangups, then a reply without ActionID',
    wire:
      crlf(
        'Event: Unlink',
        'Channel1: SIP/127.180.254.109-44df88e8',
        'Channel2: SIP/x7065558529-99a0',
        'Uniqueid1: 1124989110.20473',
        'Uniqueid2: 1124989110.20474',
      ) +
      crlf('Event: Hangup', 'Channel: SIP/x7065558529-99a0', 'Uniqueid: 1124989110.20474', 'Cause: 16') +
      crlf('Event: Hangup', 'Channel: SIP/127.180.254.109-44df88e8', 'Uniqueid: 1124989110.20473', 'Cause: 16') +
      crlf('Response: Success', 'Message: Channel Hungup'),
    expected: [
      {
        headers: [
          ['Event', 'Unlink'],
          ['Channel1', 'SIP/127.180.254.109-44df88e8'],
          ['Channel2', 'SIP/x7065558529-99a0'],
          ['Uniqueid1', '1124989110.20473'],
          ['Uniqueid2', '1124989110.20474'],
        ],
      },
      {
        headers: [
          ['Event', 'Hangup'],
          ['Channel', 'SIP/x7065558529-99a0'],
          ['Uniqueid', '1124989110.20474'],
          ['Cause', '16'],
        ],
      },
      {
        headers: [
          ['Event', 'Hangup'],
          ['Channel', 'SIP/127.180.254.109-44df88e8'],
          ['Uniqueid', '1124989110.20473'],
          ['Cause', '16'],
        ],
      },
      {
        headers: [
          ['Response', 'Success'],
          ['Message', 'Channel Hungup'],
        ],
      },
    ],
  },
  {
    example: '003 §Agentcallbacklogoff (1.2): headers with no value, with and without the space',
    wire: 'Event: Agentcallbacklogoff\r\nAgent:\r\nLoginchan: \r\nLogintime:\r\nReason: Autologoff\r\nUniqueid:\r\n\r\n',
    expected: [
      {
        headers: [
          ['Event', 'Agentcallbacklogoff'],
          ['Agent', ''],
          ['Loginchan', ''],
          ['Logintime', ''],
          ['Reason', 'Autologoff'],
          ['Uniqueid', ''],
        ],
      },
    ],
  },
  {
    example: '003 §Ping and 000 §Events (1.4): Response: Pong, Response: Events Off',
    wire: crlf('Response: Pong') + crlf('Response: Events Off'),
    expected: [{ headers: [['Response', 'Pong']] }, { headers: [['Response', 'Events Off']] }],
  },
  {
    example: '001 §FullyBooted (1.4): the event without Uptime',
    wire: crlf('Event: FullyBooted', 'Privilege: system,all', 'Status: Fully Booted'),
    expected: [
      {
        headers: [
          ['Event', 'FullyBooted'],
          ['Privilege', 'system,all'],
          ['Status', 'Fully Booted'],
        ],
      },
    ],
  },
  {
    example: '003 §SIPpeers (1.4): an old list, no EventList, ended by PeerlistComplete',
    wire:
      crlf('Response: Success', 'Message: Peer status list will follow') +
      crlf('Event: PeerEntry', 'Channeltype: SIP', 'ObjectName: 3001', 'IPaddress: -none-', 'Status: UNKNOWN') +
      crlf('Event: PeerlistComplete', 'ListItems: 1'),
    expected: [
      {
        headers: [
          ['Response', 'Success'],
          ['Message', 'Peer status list will follow'],
        ],
      },
      {
        headers: [
          ['Event', 'PeerEntry'],
          ['Channeltype', 'SIP'],
          ['ObjectName', '3001'],
          ['IPaddress', '-none-'],
          ['Status', 'UNKNOWN'],
        ],
      },
      {
        headers: [
          ['Event', 'PeerlistComplete'],
          ['ListItems', '1'],
        ],
      },
    ],
  },
  {
    example: '002 §BlindTransfer (13): reply, then the event with empty TransfererAccountCode and TransfereeExten',
    wire:
      crlf('Response: Success', 'Message: Transfer succeeded') +
      crlf(
        'Event: BlindTransfer',
        'Privilege: call,all',
        'Result: Success',
        'TransfererChannel: SIP/agent-01-00000005',
        'TransfererAccountCode: ',
        'TransfereeChannel: SIP/agent-01-00000006',
        'TransfereeExten: ',
        'BridgeUniqueid: b9ad516f-984d-4dce-a465-d95690edc656',
        'IsExternal: Yes',
        'Context: sample_musiconhold',
        'Extension: s',
      ),
    expected: [
      {
        headers: [
          ['Response', 'Success'],
          ['Message', 'Transfer succeeded'],
        ],
      },
      {
        headers: [
          ['Event', 'BlindTransfer'],
          ['Privilege', 'call,all'],
          ['Result', 'Success'],
          ['TransfererChannel', 'SIP/agent-01-00000005'],
          ['TransfererAccountCode', ''],
          ['TransfereeChannel', 'SIP/agent-01-00000006'],
          ['TransfereeExten', ''],
          ['BridgeUniqueid', 'b9ad516f-984d-4dce-a465-d95690edc656'],
          ['IsExternal', 'Yes'],
          ['Context', 'sample_musiconhold'],
          ['Extension', 's'],
        ],
      },
    ],
  },
  {
    example: '002 §Status (13): repeated Variable and Linkedid kept in order, ActionID last',
    wire: crlf(...STATUS_ITEM_LINES, 'ActionID: a6519095'),
    expected: [
      {
        headers: [
          ...STATUS_ITEM_LINES.map((line) => line.split(/: ?(.*)/s).slice(0, 2) as Header),
          ['ActionID', 'a6519095'],
        ],
      },
    ],
  },
  {
    example: 'AMI-NOTES case 11 (1.8): ChanVariable(chan) names beside repeated ChanVariable, values holding =',
    wire: crlf(
      'Event: Newexten',
      'Channel: SIP/x-1',
      'ChanVariable(SIP/x-1): C=3',
      'ChanVariable: A=1',
      'ChanVariable: B=x=y',
    ),
    expected: [
      {
        headers: [
          ['Event', 'Newexten'],
          ['Channel', 'SIP/x-1'],
          ['ChanVariable(SIP/x-1)', 'C=3'],
          ['ChanVariable', 'A=1'],
          ['ChanVariable', 'B=x=y'],
        ],
      },
    ],
  },
];

function frame(chunks: Uint8Array[]): AmiMessage[] {
  const messages: AmiMessage[] = [];
  const parser = new AmiFrameParser({ onMessage: (m) => messages.push(m) });
  for (const chunk of chunks) parser.push(chunk);
  return messages;
}

const shape = (m: AmiMessage): Expected => {
  const headers = m.headers.map(([name, value]): Header => [name, value]);
  return m.rawLines.length > 0 ? { headers, raw: [...m.rawLines] } : { headers };
};

describe('AMI framing of the seed documents’ examples', () => {
  it.each(TABLE.map((row) => [row.example, row] as const))('%s', (_example, row) => {
    const bytes = Buffer.from(row.wire, 'utf8');
    expect(frame([bytes]).map(shape)).toEqual(row.expected);
    expect(frame([...bytes].map((b) => Uint8Array.of(b))).map(shape)).toEqual(row.expected);
  });

  it('reads the 1.x forms by name: Unlink channels, an empty Agent, ChanVariable(chan) apart from ChanVariable', () => {
    const [unlink] = frame([Buffer.from(TABLE[1]!.wire)]);
    expect(unlink!.get('channel2')).toBe('SIP/x7065558529-99a0');
    const [logoff] = frame([Buffer.from(TABLE[2]!.wire)]);
    expect(logoff!.get('Agent')).toBe('');
    expect(logoff!.has('Agent')).toBe(true);
    const [newexten] = frame([Buffer.from(TABLE[8]!.wire)]);
    expect(newexten!.getAll('ChanVariable')).toEqual(['A=1', 'B=x=y']);
    expect(newexten!.get('ChanVariable')).toBe('A=1');
    expect(newexten!.get('chanvariable(sip/x-1)')).toBe('C=3');
  });

  it('collects the Status list of 002 (ActionID after the Variables) and the old SIPpeers list of 003 through the client', async () => {
    const peer = await startScriptedPeer({
      onAction: (action, conn) => {
        const id = action.actionId!;
        if (action.get('Action') === 'Status') {
          conn.send(
            crlf('Response: Success', `ActionID: ${id}`, 'EventList: start', 'Message: Channel status will follow'),
          );
          conn.send(crlf('Event: Newstate', 'Channel: SIP/9-1'));
          conn.send(crlf(...STATUS_ITEM_LINES, `ActionID: ${id}`));
          conn.send(
            crlf('Event: StatusComplete', `ActionID: ${id}`, 'EventList: Complete', 'ListItems: 1', 'Items: 1'),
          );
          return;
        }
        if (action.get('Action') === 'SIPpeers') {
          conn.send(crlf('Response: Success', `ActionID: ${id}`, 'Message: Peer status list will follow'));
          conn.send(crlf('Event: PeerEntry', `ActionID: ${id}`, 'Channeltype: SIP', 'ObjectName: 3001'));
          conn.send(crlf('Event: PeerlistComplete', `ActionID: ${id}`, 'ListItems: 1'));
          return;
        }
        return 'default';
      },
    });
    const client = new AmiClient({
      host: peer.host,
      port: peer.port,
      username: 'demo',
      secret: 'demo',
      keepalive: false,
      reconnect: false,
    });
    const events: string[] = [];
    client.on('event', (m) => events.push(m.event ?? ''));
    try {
      client.start();
      const status = await client.list('Status', { AllVariables: 'true' });
      expect(status.items.map((m) => m.getAll('Variable'))).toEqual([
        ['SIPCALLID=1945371327@pluto.pchero21.com', 'SIPDOMAIN=pluto.pchero21.com', 'SIPURI=sip:300@10.1.27.60:5060'],
      ]);
      expect(status.items[0]!.getAll('Linkedid')).toEqual(['1481806671.27', '1481806671.27']);
      expect(status.complete?.get('ListItems')).toBe('1');
      const peers = await client.list('SIPpeers');
      expect(peers.items.map((m) => m.get('ObjectName'))).toEqual(['3001']);
      expect(peers.complete?.event).toBe('PeerlistComplete');
      expect(events).toContain('Newstate');
      expect(events).not.toContain('Status');
    } finally {
      await client.stop();
      await peer.close();
    }
  });
});
