import { describe, expect, it } from 'vitest';
import { acceleratorProblem } from './accelerator';
import { ProfileChangesSchema } from './profile';

describe('the bring-to-front shortcut', () => {
  it("accepts Electron's accelerators with a modifier", () => {
    for (const text of [
      'CommandOrControl+Alt+S',
      'Ctrl+Shift+F12',
      'Super+Space',
      'Alt+Plus',
      'CmdOrCtrl+1',
      'Shift+Alt+/',
    ]) {
      expect(acceleratorProblem(text), text).toBeUndefined();
    }
  });

  it('refuses a bare key, an unknown modifier or key, a repeated modifier and CR/LF', () => {
    expect(acceleratorProblem('S')).toMatch(/modifiers and a key/);
    expect(acceleratorProblem('Ctrl+')).toMatch(/modifiers and a key/);
    expect(acceleratorProblem('Hyper+S')).toMatch(/only Ctrl, Alt/);
    expect(acceleratorProblem('Ctrl+Ctrl+S')).toMatch(/twice/);
    expect(acceleratorProblem('Ctrl+F25')).toMatch(/not a key/);
    expect(acceleratorProblem('Ctrl+S\r\n')).toMatch(/not a key/);
    expect(acceleratorProblem(`Ctrl+${'A'.repeat(80)}`)).toMatch(/too long/);
  });

  it('is checked when a profile is edited, and empty means none', () => {
    expect(ProfileChangesSchema.safeParse({ desktop: { bringToFrontShortcut: '' } }).success).toBe(true);
    expect(ProfileChangesSchema.safeParse({ desktop: { bringToFrontShortcut: 'Ctrl+Alt+S' } }).success).toBe(true);
    const refused = ProfileChangesSchema.safeParse({ desktop: { bringToFrontShortcut: 'S' } });
    expect(refused.success).toBe(false);
    expect(ProfileChangesSchema.safeParse({ desktop: { keepInTray: 'yes' } }).success).toBe(false);
    expect(ProfileChangesSchema.safeParse({ desktop: { openDevTools: true } }).success).toBe(false);
  });
});
