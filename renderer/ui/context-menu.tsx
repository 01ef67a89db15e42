/**
 * A context menu at a point (right-click, or the Menu key / Shift+F10 at the
 * focused row): `position: fixed`, kept inside the window, focus on the first
 * item; arrows, Home and End move; Escape and Tab close it and give focus
 * back to `returnFocus`; a pointer press outside closes it.
 */
import { useEffect, useLayoutEffect, useRef, type KeyboardEvent, type ReactElement, type RefObject } from 'react';
import { moveMenuFocus } from './menu-focus.js';

export interface ContextMenuItem {
  readonly key: string;
  readonly label: string;
  /** Shown at the end of the row, e.g. `Ctrl+U`; `keyshortcuts` is its ARIA form. */
  readonly shortcut?: string;
  readonly keyshortcuts?: string;
  readonly disabled?: boolean;
  readonly onSelect: () => void;
}

interface ContextMenuProps {
  readonly label: string;
  readonly x: number;
  readonly y: number;
  readonly items: readonly ContextMenuItem[];
  readonly onClose: () => void;
  readonly returnFocus?: RefObject<HTMLElement | null>;
}

export function ContextMenu({ label, x, y, items, onClose, returnFocus }: ContextMenuProps): ReactElement {
  const ref = useRef<HTMLDivElement>(null);
  const close = useRef(onClose);
  useLayoutEffect(() => {
    close.current = onClose;
  });

  useLayoutEffect(() => {
    const menu = ref.current;
    if (!menu) return;
    const left = Math.max(4, Math.min(x, window.innerWidth - menu.offsetWidth - 4));
    const top = Math.max(4, Math.min(y, window.innerHeight - menu.offsetHeight - 4));
    menu.style.left = `${left}px`;
    menu.style.top = `${top}px`;
    menu.style.visibility = 'visible';
    menu.querySelector<HTMLElement>('[role="menuitem"]:not([aria-disabled="true"])')?.focus();
  }, [x, y]);

  useEffect(() => {
    const onPointer = (event: PointerEvent): void => {
      if (!ref.current?.contains(event.target as Node)) close.current();
    };
    const onResize = (): void => close.current();
    document.addEventListener('pointerdown', onPointer, true);
    window.addEventListener('resize', onResize);
    window.addEventListener('blur', onResize);
    return () => {
      document.removeEventListener('pointerdown', onPointer, true);
      window.removeEventListener('resize', onResize);
      window.removeEventListener('blur', onResize);
    };
  }, []);

  const dismiss = (): void => {
    onClose();
    returnFocus?.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const moved = moveMenuFocus(ref.current, event.key);
    if (!moved && (event.key === 'Escape' || event.key === 'Tab')) dismiss();
    else if (!moved) return;
    event.preventDefault();
    event.stopPropagation();
  };

  return (
    <div ref={ref} role="menu" aria-label={label} className="menu context-menu" style={{ visibility: 'hidden' }} onKeyDown={onKeyDown}>
      {items.map((item) => (
        <button
          key={item.key}
          type="button"
          role="menuitem"
          tabIndex={-1}
          aria-disabled={item.disabled ? true : undefined}
          aria-keyshortcuts={item.keyshortcuts}
          className="menu-item"
          onClick={() => {
            if (item.disabled) return;
            dismiss();
            item.onSelect();
          }}
        >
          <span className="menu-item-label">{item.label}</span>
          {item.shortcut ? (
            <span className="menu-item-shortcut" aria-hidden="true">
              {item.shortcut}
            </span>
          ) : null}
        </button>
      ))}
    </div>
  );
}
