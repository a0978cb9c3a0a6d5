import { describe, expect, it } from 'vitest';
import { dialectForAmiVersion } from '../dialect';
import { ExtensionMatcher, deviceOfChannel, hintDevices } from './device-match';

describe('channel → extension matching', () => {
  const matcher = new ExtensionMatcher(
    [
      { id: '105@internal', exten: '105', hint: 'PJSIP/105&Custom:DND105' },
      { id: '106@internal', exten: '106', hint: 'SIP/alice-desk' },
      { id: '110@internal', exten: '110', hint: 'Custom:110,CustomPresence:110' },
    ],
    { handsetContexts: ['phones'] },
  );

  it('finds the tile whose hint lists the channel device', () => {
    expect(deviceOfChannel('PJSIP/105-00000012')).toBe('PJSIP/105');
    expect(matcher.extensionOfChannel('PJSIP/105-00000012')?.id).toBe('105@internal');
    expect(matcher.extensionOfChannel('SIP/alice-desk-0a1b2c3d')?.id).toBe('106@internal');
    expect(matcher.extensionOfChannel('PJSIP/1050-00000001')).toBeUndefined();
  });

  it('counts a handset Local channel by its ;1 half only, and ignores other Local plumbing', () => {
    expect(matcher.extensionOfChannel('Local/110@phones-0000000d;1')?.id).toBe('110@internal');
    expect(matcher.extensionOfChannel('Local/110@phones-0000000d;2')).toBeUndefined();
    expect(matcher.extensionOfChannel('Local/110@internal-0000000c;1')).toBeUndefined();
    expect(matcher.extensionOfDevice('Local/110@phones')?.id).toBe('110@internal');
  });

  it('reads hint devices without the presence part', () => {
    expect(hintDevices('Custom:110,CustomPresence:110')).toEqual(['Custom:110']);
    expect(hintDevices('PJSIP/105&Custom:DND105')).toEqual(['PJSIP/105', 'Custom:DND105']);
  });
});

describe('dialect from the AMI version', () => {
  it('takes AMI 1.x for the Asterisk 11 family and 2.x+ for 13+, with Monitor gone from AMI 10', () => {
    expect(dialectForAmiVersion('1.3').family).toBe('asterisk-11');
    expect(dialectForAmiVersion('1.1').family).toBe('asterisk-11');
    expect(dialectForAmiVersion('2.8.0').family).toBe('asterisk-13');
    expect(dialectForAmiVersion('9.0.0')).toMatchObject({ family: 'asterisk-13', monitorAvailable: true });
    expect(dialectForAmiVersion('11.0.0')).toMatchObject({ family: 'asterisk-13', monitorAvailable: false });
  });
});
