import { describe, expect, it } from 'vitest';
import { AmiMessage } from '../ami/message';
import { ExtensionBoard, fetchHintTiles } from './board';
import { PictureStore } from './picture-store';
import type { AmiRequester } from './requester';

const status = (exten: string, code: number, extra: Record<string, string> = {}) =>
  AmiMessage.of({
    Event: 'ExtensionStatus',
    ActionID: 'x-2',
    Exten: exten,
    Context: 'internal',
    Hint: `PJSIP/${exten}`,
    Status: code,
    ...extra,
  });

function pbx(answers: {
  list?: AmiMessage;
  items?: AmiMessage[];
  /** Items of other lists than the hints, by action. */
  lists?: Record<string, AmiMessage[]>;
  command?: AmiMessage;
  output?: string[];
}) {
  const asked: string[] = [];
  const requester: AmiRequester = {
    action: async (name) => {
      asked.push(name);
      return AmiMessage.of({ Response: 'Success' });
    },
    list: async (name) => {
      asked.push(name);
      return {
        response: answers.list ?? AmiMessage.of({ Response: 'Success' }),
        items: answers.lists?.[name] ?? (name === 'ExtensionStateList' ? (answers.items ?? []) : []),
        complete: undefined,
      };
    },
    command: async (cli) => {
      asked.push(`Command: ${cli}`);
      return { response: answers.command ?? AmiMessage.of({ Response: 'Success' }), output: answers.output ?? [] };
    },
  };
  return { requester, asked };
}

const mailbox = (box: string, name: string, context = 'default') =>
  AmiMessage.of({ Event: 'VoicemailUserEntry', VMContext: context, VoiceMailbox: box, Fullname: name });

describe('loading the board', () => {
  it('lists hints with ExtensionStateList where Asterisk has it (13+)', async () => {
    const { requester, asked } = pbx({ items: [status('100', 0), status('101', 8)] });
    const tiles = await fetchHintTiles(requester);
    expect(asked).toEqual(['ExtensionStateList']);
    expect(tiles.map((tile) => [tile.id, tile.lamp])).toEqual([
      ['100@internal', 'idle'],
      ['101@internal', 'ringing'],
    ]);
  });

  it('falls back to `core show hints` when the action is unknown (Asterisk 11)', async () => {
    const { requester, asked } = pbx({
      list: AmiMessage.of({ Response: 'Error', Message: 'Invalid/unknown command' }),
      command: AmiMessage.of({ Response: 'Follows', Privilege: 'Command' }),
      output: ['   100@internal   : SIP/100   State:Busy   Watchers  0'],
    });
    const tiles = await fetchHintTiles(requester);
    expect(asked).toEqual(['ExtensionStateList', 'Command: core show hints']);
    expect(tiles).toMatchObject([{ id: '100@internal', hint: 'SIP/100', lamp: 'busy' }]);
  });

  it('says plainly when the AMI user may not list hints', async () => {
    const { requester } = pbx({ list: AmiMessage.of({ Response: 'Error', Message: 'Permission denied' }) });
    await expect(fetchHintTiles(requester)).rejects.toThrow(
      "Your AMI user may not list the extensions: ask your PBX admin to add 'reporting' to its read and write permissions in manager.conf.",
    );
  });
});

describe('the extension board', () => {
  it('follows ExtensionStatus events and keeps the names the PBX gave', async () => {
    const store = new PictureStore();
    const board = new ExtensionBoard(store);
    await board.rebuild(
      pbx({ items: [status('100', 0)], lists: { VoicemailUsersList: [mailbox('100', 'Reception')] } }).requester,
    );
    board.handleEvent(status('100', 8));
    expect(store.get('extensions', '100@internal')).toMatchObject({ lamp: 'ringing', name: 'Reception' });
  });

  it('replaces the whole board on rebuild, dropping hints the PBX no longer has', async () => {
    const store = new PictureStore();
    const board = new ExtensionBoard(store);
    await board.rebuild(pbx({ items: [status('100', 0), status('101', 0)] }).requester);
    await board.rebuild(pbx({ items: [status('101', 1)] }).requester);
    expect(Object.keys(store.snapshot().extensions)).toEqual(['101@internal']);
    expect(store.get('extensions', '101@internal')?.lamp).toBe('inUse');
  });

  it('lights a FreePBX-style hint from the phone, shows DND from its Custom:DND device, and presence apart', async () => {
    const hint = 'PJSIP/100&Custom:DND100,CustomPresence:100';
    const device = (name: string, state: string) =>
      AmiMessage.of({ Event: 'DeviceStateChange', Device: name, State: state });
    const store = new PictureStore();
    const board = new ExtensionBoard(store);
    // DND on: Asterisk folds the BUSY DND device into the hint, which reads Busy though the phone is idle.
    await board.rebuild(
      pbx({
        items: [status('100', 2, { Hint: hint })],
        lists: {
          DeviceStateList: [device('PJSIP/100', 'NOT_INUSE'), device('Custom:DND100', 'BUSY')],
          PresenceStateList: [
            AmiMessage.of({
              Event: 'PresenceStateChange',
              Presentity: 'CustomPresence:100',
              Status: 'away',
              Subtype: 'lunch',
              Message: '',
            }),
          ],
        },
      }).requester,
    );
    expect(store.get('extensions', '100@internal')).toMatchObject({
      lamp: 'idle',
      dnd: true,
      presence: { state: 'away', subtype: 'lunch', message: '' },
    });
    board.handleEvent(device('PJSIP/100', 'RINGING'));
    board.handleEvent(status('100', 10, { Hint: hint }));
    expect(store.get('extensions', '100@internal')).toMatchObject({ lamp: 'ringing', dnd: true });
    board.handleEvent(device('Custom:DND100', 'NOT_INUSE'));
    board.handleEvent(
      AmiMessage.of({ Event: 'PresenceStatus', Exten: '100', Context: 'internal', Hint: hint, Status: 'not_set' }),
    );
    expect(store.get('extensions', '100@internal')).toMatchObject({ lamp: 'ringing', dnd: false, presence: undefined });
  });

  it('ignores events that are not hint changes', () => {
    const store = new PictureStore();
    new ExtensionBoard(store).handleEvent(AmiMessage.of({ Event: 'Newchannel', Exten: '100', Context: 'internal' }));
    expect(store.values('extensions')).toHaveLength(0);
  });
});

describe('names on tiles', () => {
  it('come from the mailboxes, then the PJSIP endpoints, and a number in two voicemail contexts names no one', async () => {
    const store = new PictureStore();
    const board = new ExtensionBoard(store);
    const endpoint = AmiMessage.of({ Event: 'EndpointDetail', ObjectName: '102', Callerid: '"Ben Carter" <102>' });
    await board.rebuild(
      pbx({
        items: [status('100', 0), status('101', 0), status('102', 0)],
        lists: {
          VoicemailUsersList: [
            mailbox('100', 'Anna Berg'),
            mailbox('101', 'Desk A'),
            mailbox('101', 'Desk B', 'sales'),
          ],
          PJSIPShowEndpoint: [endpoint],
        },
      }).requester,
    );
    expect(['100', '101', '102'].map((exten) => store.get('extensions', `${exten}@internal`)?.name)).toEqual([
      'Anna Berg',
      'Ben Carter',
      'Ben Carter',
    ]);
  });

  const call = (extensionId: string, number: string, name: string) => ({
    id: 'c1',
    state: 'up' as const,
    direction: 'internal' as const,
    startedAt: 0,
    answeredAt: 0,
    parties: [{ partyId: 'p1', extensionId, number, name, state: 'up' as const, recording: 'none' as const }],
  });

  it("are learned from an extension's own caller ID, and kept across a rebuild", async () => {
    const store = new PictureStore();
    const board = new ExtensionBoard(store);
    await board.rebuild(pbx({ items: [status('100', 0), status('101', 0)] }).requester);
    store.replace('calls', [call('100@internal', '100', 'Anna Berg')]);
    expect(store.get('extensions', '100@internal')?.name).toBe('Anna Berg');
    await board.rebuild(pbx({ items: [status('100', 0)] }).requester);
    expect(store.get('extensions', '100@internal')?.name).toBe('Anna Berg');
  });

  it("are not taken from a caller who merely talks to the extension, nor from 'unknown'", async () => {
    const store = new PictureStore();
    const board = new ExtensionBoard(store);
    await board.rebuild(pbx({ items: [status('100', 0)] }).requester);
    store.replace('calls', [call('100@internal', '+4930901820', 'Outside Caller')]);
    store.replace('calls', [call('100@internal', '100', '<unknown>')]);
    expect(store.get('extensions', '100@internal')?.name).toBe('');
  });

  it("never override the PBX's own names", async () => {
    const store = new PictureStore();
    const board = new ExtensionBoard(store);
    await board.rebuild(
      pbx({ items: [status('100', 0)], lists: { VoicemailUsersList: [mailbox('100', 'Reception')] } }).requester,
    );
    store.replace('calls', [call('100@internal', '100', 'Anna Berg')]);
    expect(store.get('extensions', '100@internal')?.name).toBe('Reception');
  });
});
