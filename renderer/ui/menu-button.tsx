/**
 * A button that opens a short menu (the WAI-ARIA menu button pattern): used
 * for Import…, Recent servers and Bookmarks. The menu is `position: fixed`
 * under the button so a scrolling dialog or pane never clips it. Keyboard:
 * Enter/Space/Down open on the first item, Up on the last; arrows, Home and
 * End move; Escape closes and returns to the button; Tab closes.
 */
import { useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactElement, type ReactNode } from 'react';
import { ChevronIcon } from './icons.js';
import { moveMenuFocus } from './menu-focus.js';

export interface MenuItem {
  readonly key: string;
  readonly label: string;
  /** A second, quieter line (e.g. a bookmark's folder). */
  readonly detail?: string;
  readonly onSelect: () => void;
}

interface MenuButtonProps {
  /** The button's text, and so its accessible name. */
  readonly label: string;
  readonly items: readonly MenuItem[];
  readonly disabled?: boolean;
  readonly className?: string;
  /** Extra content before the label (an icon). */
  readonly icon?: ReactNode;
  readonly title?: string;
}

export function MenuButton({ label, items, disabled, className, icon, title }: MenuButtonProps): ReactElement {
  const [open, setOpen] = useState<'first' | 'last' | null>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const id = useId();

  const close = (refocus: boolean): void => {
    setOpen(null);
    if (refocus) buttonRef.current?.focus();
  };

  useLayoutEffect(() => {
    const button = buttonRef.current;
    const menu = menuRef.current;
    if (!open || !button || !menu) return;
    const rect = button.getBoundingClientRect();
    const width = menu.offsetWidth;
    const height = menu.offsetHeight;
    const left = Math.max(4, Math.min(rect.left, window.innerWidth - width - 4));
    const below = rect.bottom + 2;
    const top = below + height > window.innerHeight - 4 ? Math.max(4, rect.top - height - 2) : below;
    // Placed before paint, straight on the element: it must be visible (focusable) right now.
    menu.style.top = `${top}px`;
    menu.style.left = `${left}px`;
    menu.style.visibility = 'visible';
    const items = menu.querySelectorAll<HTMLElement>('[role="menuitem"]');
    (open === 'first' ? items[0] : items[items.length - 1])?.focus();
  }, [open]);

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent): void => {
      const target = event.target as Node;
      if (!menuRef.current?.contains(target) && !buttonRef.current?.contains(target)) close(false);
    };
    const onResize = (): void => close(false);
    document.addEventListener('pointerdown', onPointer, true);
    window.addEventListener('resize', onResize);
    return () => {
      document.removeEventListener('pointerdown', onPointer, true);
      window.removeEventListener('resize', onResize);
    };
  }, [open]);

  const onButtonKey = (event: KeyboardEvent<HTMLButtonElement>): void => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setOpen(event.key === 'ArrowDown' ? 'first' : 'last');
    }
  };

  const onMenuKey = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (moveMenuFocus(menuRef.current, event.key)) {
      event.preventDefault();
      event.stopPropagation();
      return;
    }
    if (event.key === 'Escape') close(true);
    else if (event.key === 'Tab') {
      close(false);
      return;
    } else return;
    event.preventDefault();
    // Escape must not also reach an enclosing dialog (which would close it).
    event.stopPropagation();
  };

  return (
    <span className="menu-button">
      <button
        ref={buttonRef}
        type="button"
        className={`button${className ? ` ${className}` : ''}`}
        aria-haspopup="menu"
        aria-expanded={open !== null}
        aria-controls={open ? `${id}-menu` : undefined}
        disabled={disabled}
        title={title}
        onClick={() => (open ? close(false) : setOpen('first'))}
        onKeyDown={onButtonKey}
      >
        {icon}
        {label}
        <ChevronIcon className="menu-chevron" />
      </button>
      {open ? (
        <div
          ref={menuRef}
          id={`${id}-menu`}
          role="menu"
          aria-label={label}
          className="menu"
          onKeyDown={onMenuKey}
        >
          {items.map((item) => (
            <button
              key={item.key}
              type="button"
              role="menuitem"
              tabIndex={-1}
              className="menu-item"
              onClick={() => {
                close(true);
                item.onSelect();
              }}
            >
              <span className="menu-item-label">{item.label}</span>
              {item.detail ? <span className="menu-item-detail">{item.detail}</span> : null}
            </button>
          ))}
        </div>
      ) : null}
    </span>
  );
}
