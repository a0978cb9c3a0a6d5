import { describe, expect, it } from 'vitest';
import { ExtensionMatcher } from './calls/device-match';
import { HintIndex } from './hint-index';

describe('tiles by the devices and presence their hints name', () => {
  it('finds every tile a device or provider shows on, in any case, and follows a changed hint', () => {
    const index = new HintIndex();
    index.set('100@ext-local', 'PJSIP/100&Custom:DND100,CustomPresence:100');
    index.set('101@ext-local', 'PJSIP/101 & Custom:DND100');
    expect([...index.tilesWithDevice('custom:dnd100')].sort()).toEqual(['100@ext-local', '101@ext-local']);
    expect([...index.tilesWithDevice('pjsip/100')]).toEqual(['100@ext-local']);
    expect([...index.tilesWithProvider('custompresence:100')]).toEqual(['100@ext-local']);
    // A presence provider is not a device.
    expect([...index.tilesWithDevice('custompresence:100')]).toEqual([]);

    index.set('100@ext-local', 'PJSIP/100a');
    expect([...index.tilesWithDevice('custom:dnd100')]).toEqual(['101@ext-local']);
    expect([...index.tilesWithDevice('pjsip/100a')]).toEqual(['100@ext-local']);
    expect([...index.tilesWithProvider('custompresence:100')]).toEqual([]);

    index.clear();
    expect([...index.tilesWithDevice('pjsip/101')]).toEqual([]);
  });
});

describe('what a tile change means to the channel matcher', () => {
  const tile = { id: '105@internal', exten: '105', hint: 'PJSIP/105', name: 'Ann' };
  const matcher = new ExtensionMatcher([tile]);

  it('knows a tile whose lamp alone changed, not one renamed, re-hinted or new', () => {
    expect(matcher.knowsAlready([{ ...tile }])).toBe(true);
    expect(matcher.knowsAlready([{ ...tile, name: 'Ann Lee' }])).toBe(false);
    expect(matcher.knowsAlready([{ ...tile, hint: 'PJSIP/105&Custom:DND105' }])).toBe(false);
    expect(matcher.knowsAlready([{ ...tile, id: '106@internal', exten: '106' }])).toBe(false);
  });
});
