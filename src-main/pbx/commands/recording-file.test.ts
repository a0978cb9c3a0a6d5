import { describe, expect, it } from 'vitest';
import { RECORDING_PLACEHOLDERS } from '../../../src-shared/profile';
import { recordingFileName } from './recording-file';

const parts = {
  now: Date.UTC(2026, 10, 22, 20, 23, 19),
  caller: '+4930901820',
  callee: '105',
  exten: '105',
  uniqueid: '1795379000.24',
};

describe('recording file names', () => {
  it('fill every placeholder a profile may use', () => {
    const pattern = RECORDING_PLACEHOLDERS.map((name) => `\${${name}}`).join('_');
    expect(recordingFileName(pattern, parts)).toBe('20261122-202319_202319_+4930901820_105_105_1795379000.24');
  });

  it('reduce caller IDs to safe file-name characters', () => {
    const name = recordingFileName('${caller}', { ...parts, caller: '../etc/x\r\nAction: Command' });
    expect(name).toBe('_etc_x__Action__Command');
    expect(name).toMatch(/^[A-Za-z0-9+_-][A-Za-z0-9+_.-]*$/);
  });
});
