/**
 * A keyboard shortcut in Electron's accelerator syntax (`CommandOrControl+Alt+S`), for the global
 * shortcut that brings the console to the front. At least one modifier: a bare key would be taken
 * from every other program on the computer.
 */

import { refusal, type Refusal } from './refusals';

/** Shown in the empty field: key syntax, the same in every language. */
export const EXAMPLE_ACCELERATOR = 'CommandOrControl+Alt+S';

const MODIFIERS = new Set([
  'command',
  'cmd',
  'control',
  'ctrl',
  'commandorcontrol',
  'cmdorctrl',
  'alt',
  'option',
  'altgr',
  'shift',
  'super',
  'meta',
]);

const NAMED_KEYS = new Set([
  'plus',
  'space',
  'tab',
  'backspace',
  'delete',
  'insert',
  'return',
  'enter',
  'up',
  'down',
  'left',
  'right',
  'home',
  'end',
  'pageup',
  'pagedown',
  'escape',
  'esc',
  'printscreen',
  'capslock',
  'numlock',
  'scrolllock',
  'volumeup',
  'volumedown',
  'volumemute',
  'medianexttrack',
  'mediaprevioustrack',
  'mediastop',
  'mediaplaypause',
  'num0',
  'num1',
  'num2',
  'num3',
  'num4',
  'num5',
  'num6',
  'num7',
  'num8',
  'num9',
  'numdec',
  'numadd',
  'numsub',
  'nummult',
  'numdiv',
]);

const MAX_ACCELERATOR = 60;

function isKey(part: string): boolean {
  const lower = part.toLowerCase();
  return (
    /^[A-Za-z0-9]$/.test(part) ||
    /^f([1-9]|1[0-9]|2[0-4])$/.test(lower) ||
    /^[)!@#$%^&*(:;<=>?_\-~`[\]{}|\\/'",.]$/.test(part) ||
    NAMED_KEYS.has(lower)
  );
}

/** Why `text` is not a usable shortcut, or undefined when it is one. */
export function acceleratorProblem(text: string): Refusal | undefined {
  if (text.length > MAX_ACCELERATOR) return refusal('shortcutTooLong', {});
  // `+` separates the parts; a literal plus is written `Plus`.
  const parts = text.split('+');
  const key = parts.pop() ?? '';
  const modifiers = parts.map((part) => part.toLowerCase());
  if (modifiers.length === 0 || key === '')
    return refusal('shortcutNeedsModifiersAndKey', { example: EXAMPLE_ACCELERATOR });
  if (!modifiers.every((modifier) => MODIFIERS.has(modifier))) return refusal('shortcutUnknownModifier', {});
  if (new Set(modifiers).size !== modifiers.length) return refusal('shortcutModifierTwice', {});
  if (!isKey(key)) return refusal('shortcutNotKey', { key });
  return undefined;
}
