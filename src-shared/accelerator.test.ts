import { describe, expect, it } from 'vitest';
import { acceleratorProblem } from './accelerator';
import { refusal } from './refusals';
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
    const needsBoth = refusal('shortcutNeedsModifiersAndKey', { example: 'CommandOrControl+Alt+S' });
    expect(acceleratorProblem('S')).toEqual(needsBoth);
    expect(acceleratorProblem('Ctrl+')).toEqual(needsBoth);
    expect(acceleratorProblem('Hyper+S')).toEqual(refusal('shortcutUnknownModifier', {}));
    expect(acceleratorProblem('Ctrl+Ctrl+S')).toEqual(refusal('shortcutModifierTwice', {}));
    expect(acceleratorProblem('Ctrl+F25')).toEqual(refusal('shortcutNotKey', { key: 'F25' }));
    expect(acceleratorProblem('Ctrl+S\r\n')).toEqual(refusal('shortcutNotKey', { key: 'S\r\n' }));
    expect(acceleratorProblem(`Ctrl+${'A'.repeat(80)}`)).toEqual(refusal('shortcutTooLong', {}));
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
