/**
 * Arrow-key movement among a menu's items (WAI-ARIA menu pattern): Down/Up
 * wrap around, Home/End jump to the ends. Shared by the context menu and the
 * menu button so both menus answer the same keys the same way.
 */

/** Moves focus for `key` inside `menu`; true when the key was one of these (the caller then prevents its default). */
export function moveMenuFocus(menu: HTMLElement | null, key: string): boolean {
  const items = [...(menu?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
  const index = items.indexOf(document.activeElement as HTMLElement);
  const go = (i: number): void => items[(i + items.length) % items.length]?.focus();
  if (key === 'ArrowDown') go(index + 1);
  else if (key === 'ArrowUp') go(index - 1);
  else if (key === 'Home') go(0);
  else if (key === 'End') go(items.length - 1);
  else return false;
  return true;
}
