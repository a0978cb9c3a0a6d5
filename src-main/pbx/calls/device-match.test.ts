import { describe, expect, it } from 'vitest';
import { dialectForAmiVersion } from '../dialect';
import { ExtensionMatcher, deviceOfChannel, hintDevices } from './device-match';

describe('channel → extension matching, with no configuration', () => {
  const matcher = new ExtensionMatcher([
    { id: '100@ext-local', exten: '100', hint: 'PJSIP/100&Custom:DND100,CustomPresence:100' },
    { id: '105@internal', exten: '105', hint: 'PJSIP/105&Custom:DND105' },
    { id: '106@internal', exten: '106', hint: 'SIP/alice-desk' },
    { id: '107@internal', exten: '107', hint: 'IAX2/107' },
    { id: '108@internal', exten: '108', hint: 'DAHDI/1' },
    { id: '110@internal', exten: '110', hint: 'Custom:110,CustomPresence:110' },
    { id: '200@sales', exten: '200', hint: 'PJSIP/sales-desk' },
    { id: '200@support', exten: '200', hint: 'PJSIP/support-desk' },
  ]);
  const tileOf = (channel: string) => matcher.extensionOfChannel(channel)?.id;

  it('finds the tile whose hint lists the channel device, in any technology', () => {
    expect(deviceOfChannel('PJSIP/105-00000012')).toBe('PJSIP/105');
    expect(tileOf('PJSIP/105-00000012')).toBe('105@internal');
    expect(tileOf('SIP/alice-desk-0a1b2c3d')).toBe('106@internal');
    expect(tileOf('IAX2/107-1234')).toBe('107@internal');
    expect(tileOf('DAHDI/1-1')).toBe('108@internal');
    expect(tileOf('PJSIP/1050-00000001')).toBeUndefined();
  });

  it('matches a phone whose hint also names a DND device and a presence provider', () => {
    expect(tileOf('PJSIP/100-0000002a')).toBe('100@ext-local');
    expect(matcher.extensionOfDevice('Custom:DND100')?.id).toBe('100@ext-local');
  });

  it('counts either half of a Local channel for the extension it dials, in its context or by its number alone', () => {
    expect(tileOf('Local/110@phones-0000000d;1')).toBe('110@internal');
    expect(tileOf('Local/110@phones-0000000d;2')).toBe('110@internal');
    expect(tileOf('Local/110@internal-0000000c;1')).toBe('110@internal');
    // FreePBX's queue members and ring groups dial `Local/100@from-queue/n`.
    expect(tileOf('Local/100@from-queue-0000001f;1')).toBe('100@ext-local');
    expect(matcher.extensionOfDevice('Local/100@from-queue/n')?.id).toBe('100@ext-local');
    expect(matcher.extensionOfDevice('Local/110@phones')?.id).toBe('110@internal');
    expect(tileOf('Local/999@phones-0000000e;1')).toBeUndefined();
  });

  it('needs the context for a number that two contexts use', () => {
    expect(tileOf('Local/200@sales-00000001;1')).toBe('200@sales');
    expect(tileOf('Local/200@support-00000002;1')).toBe('200@support');
    expect(tileOf('Local/200@from-queue-00000003;1')).toBeUndefined();
  });

  it('reads hint devices without the presence part', () => {
    expect(hintDevices('Custom:110,CustomPresence:110')).toEqual(['Custom:110']);
    expect(hintDevices('PJSIP/105&Custom:DND105')).toEqual(['PJSIP/105', 'Custom:DND105']);
  });
});

describe('dialect from the AMI version', () => {
  it('takes AMI 1.x for the Asterisk 11 family and 2.x+ for 13+', () => {
    expect(dialectForAmiVersion('1.3').family).toBe('asterisk-11');
    expect(dialectForAmiVersion('1.1').family).toBe('asterisk-11');
    expect(dialectForAmiVersion('2.8.0').family).toBe('asterisk-13');
    expect(dialectForAmiVersion('9.0.0').family).toBe('asterisk-13');
    expect(dialectForAmiVersion('11.0.0').family).toBe('asterisk-13');
  });
});
