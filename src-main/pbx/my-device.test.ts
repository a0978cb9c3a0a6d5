import { describe, expect, it } from 'vitest';
import { ExtensionMatcher } from './calls/device-match';
import { resolveMyDevice } from './my-device';

const board = new ExtensionMatcher([
  { id: '100@internal', exten: '100', hint: 'Custom:100' },
  { id: '101@ext-local', exten: '101', hint: 'PJSIP/101&Custom:DND101,CustomPresence:101' },
  { id: '102@internal', exten: '102', hint: 'SIP/102' },
  { id: '103@internal', exten: '103', hint: 'IAX2/103' },
  { id: '104@internal', exten: '104', hint: 'DAHDI/1' },
]);
const resolved = (myDevice: string) => {
  const me = resolveMyDevice(myDevice, board, 'internal');
  return me && { device: me.device, tile: me.extension?.id };
};

describe('my device, in any form the PBX uses', () => {
  it.each([
    ['PJSIP/101', 'PJSIP/101', '101@ext-local'],
    ['SIP/102', 'SIP/102', '102@internal'],
    ['IAX2/103', 'IAX2/103', '103@internal'],
    ['DAHDI/1', 'DAHDI/1', '104@internal'],
    ['Local/100@phones', 'Local/100@phones', '100@internal'],
    ['Local/101@from-queue/n', 'Local/101@from-queue/n', '101@ext-local'],
  ])('%s is called as %s and is tile %s', (myDevice, device, tile) => {
    expect(resolved(myDevice)).toEqual({ device, tile });
  });

  it('takes a bare extension number through the phone its hint names', () => {
    expect(resolved('101')).toEqual({ device: 'PJSIP/101', tile: '101@ext-local' });
    expect(resolved('102')).toEqual({ device: 'SIP/102', tile: '102@internal' });
  });

  it('reaches an extension whose hint only carries a state through its own dialplan', () => {
    expect(resolved('100')).toEqual({ device: 'Local/100@internal', tile: '100@internal' });
  });

  it('knows no device for an extension without a hint, and no tile for a device none lists', () => {
    expect(resolved('199')).toBeUndefined();
    expect(resolved('PJSIP/199')).toEqual({ device: 'PJSIP/199', tile: undefined });
  });
});
