import { describe, expect, it } from 'vitest';
import { AmiMessage } from '../ami/message';
import { lampFromCliWord, lampFromStatusCode, tileFromExtensionStatus, tilesFromCoreShowHints } from './hints';

describe('extension lamps', () => {
  it.each([
    [-2, 'removed'],
    [-1, 'removed'],
    [0, 'idle'],
    [1, 'inUse'],
    [2, 'busy'],
    [4, 'unavailable'],
    [8, 'ringing'],
    [9, 'inUseRinging'],
    [16, 'onHold'],
    [17, 'inUseOnHold'],
  ])('decodes hint status %i as %s', (code, lamp) => {
    expect(lampFromStatusCode(code)).toBe(lamp);
  });

  it('treats a status outside the bit field as unknown rather than guessing', () => {
    expect(lampFromStatusCode(-7)).toBe('unknown');
    expect(lampFromStatusCode(Number.NaN)).toBe('unknown');
    expect(lampFromCliWord('Sleeping')).toBe('unknown');
  });

  it('reads the CLI state words, including the combined ones', () => {
    expect(
      ['Idle', 'InUse', 'Busy', 'Unavailable', 'Ringing', 'InUse&Ringing', 'Hold', 'InUse&Hold'].map(lampFromCliWord),
    ).toEqual(['idle', 'inUse', 'busy', 'unavailable', 'ringing', 'inUseRinging', 'onHold', 'inUseOnHold']);
  });
});

describe('hint tiles', () => {
  it('come from an ExtensionStatus event as Asterisk 20 sends it', () => {
    const event = AmiMessage.of({
      Event: 'ExtensionStatus',
      Privilege: 'call,all',
      Exten: '101',
      Context: 'internal',
      Hint: 'Custom:101',
      Status: 9,
      StatusText: 'InUse&Ringing',
    });
    expect(tileFromExtensionStatus(event)).toEqual({
      id: '101@internal',
      exten: '101',
      context: 'internal',
      hint: 'Custom:101',
      name: '',
      lamp: 'inUseRinging',
      presence: undefined,
      dnd: false,
    });
  });

  it('are not made from an event naming no extension', () => {
    expect(tileFromExtensionStatus(AmiMessage.of({ Event: 'ExtensionStatus', Status: 0 }))).toBeUndefined();
  });

  it('come from `core show hints` in both the Asterisk 11 and the Asterisk 20 layout', () => {
    const lines = [
      '',
      '    -= Registered Asterisk Dial Plan Hints =-',
      '                   100@internal          : SIP/100               State:Idle            Watchers  0',
      '                   205@sales             : SIP/205&SIP/206       State:InUse&Ringing   Watchers  1',
      '111@internal                  : Custom:111,CustomPresence:111                                 State:Hold            Presence:not_set         Watchers  0',
      '----------------',
      '- 3 hints registered',
    ];
    expect(tilesFromCoreShowHints(lines).map(({ id, hint, lamp }) => ({ id, hint, lamp }))).toEqual([
      { id: '100@internal', hint: 'SIP/100', lamp: 'idle' },
      { id: '205@sales', hint: 'SIP/205&SIP/206', lamp: 'inUseRinging' },
      { id: '111@internal', hint: 'Custom:111,CustomPresence:111', lamp: 'onHold' },
    ]);
  });
});
