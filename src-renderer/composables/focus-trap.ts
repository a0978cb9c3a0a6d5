const FOCUSABLE = 'button:not([disabled]), input:not([disabled]), select:not([disabled]), [tabindex="0"]';

const focusableIn = (container: HTMLElement) => [...container.querySelectorAll<HTMLElement>(FOCUSABLE)];

/** A dialog opens with focus on its first control, so the keyboard is already where the operator looks. */
export function focusFirstIn(container: HTMLElement | undefined): void {
  if (container) focusableIn(container)[0]?.focus();
}

/** Tab and Shift+Tab stay inside a modal dialog: the board behind it cannot be reached by mistake. */
export function keepTabInside(event: KeyboardEvent): void {
  if (event.key !== 'Tab' || !(event.currentTarget instanceof HTMLElement)) return;
  const focusable = focusableIn(event.currentTarget);
  const first = focusable[0];
  const last = focusable.at(-1);
  if (!first || !last) return;
  if (event.shiftKey && document.activeElement === first) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && document.activeElement === last) {
    event.preventDefault();
    first.focus();
  }
}
