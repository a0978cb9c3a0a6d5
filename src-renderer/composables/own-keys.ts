/**
 * A key pressed on a row itself (not in a control inside it, and without Ctrl, Meta or Alt) runs that
 * row's action for it; the board's own shortcuts then do not see the key. Letters match either case.
 */
export function onOwnKey(event: KeyboardEvent, actions: Readonly<Record<string, (() => void) | undefined>>): void {
  if (event.target !== event.currentTarget || event.ctrlKey || event.metaKey || event.altKey) return;
  const action = actions[event.key.length === 1 ? event.key.toLowerCase() : event.key];
  if (!action) return;
  event.preventDefault();
  event.stopPropagation();
  action();
}
