/**
 * A pane's file list as an ARIA grid. The grid element itself holds focus and
 * points at the focused row with `aria-activedescendant`, which works with
 * virtualised rows (only the visible window plus the focused row exist in the
 * DOM) and keeps Tab free to jump to the other pane's grid.
 */
import { useCallback, useId, useMemo, type KeyboardEvent, type MouseEvent, type ReactElement, type RefObject } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { PaneStore } from '../../stores/pane/pane-store.js';
import type { SortKey } from '../../stores/pane/sort.js';
import { GridHeader } from './grid-header.js';
import { GridRow } from './grid-row.js';
import { gridCommand, moveIndex, type GridCommand } from './grid-keys.js';
import { ROW_HEIGHT, rowWindow } from './virtual-window.js';
import { HEADER_HEIGHT, COLUMNS } from './columns.js';
import { useGridViewport } from './use-grid-viewport.js';

interface FileGridProps {
  readonly store: StoreApi<PaneStore>;
  readonly label: string;
  readonly gridRef: RefObject<HTMLDivElement | null>;
  /** Tab: the app moves focus to the other pane's grid. */
  readonly onTab: () => void;
}

function rowIndexOf(event: MouseEvent): number {
  const row = (event.target as Element).closest('[data-index]');
  return row ? Number(row.getAttribute('data-index')) : -1;
}

export function FileGrid({ store, label, gridRef, onTab }: FileGridProps): ReactElement {
  const { view, selected, focusIndex, sort, path, load } = useStore(store);
  const baseId = useId();
  const viewport = useGridViewport(gridRef, focusIndex, path);
  const rowId = useCallback((index: number) => `${baseId}-row-${index}`, [baseId]);

  const run = (command: GridCommand): void => {
    const s = store.getState();
    switch (command.type) {
      case 'tab':
        return onTab();
      case 'move':
        return s.moveFocus(moveIndex(command.to, s.focusIndex, s.view.length, viewport.page), command);
      case 'selectAll':
        return s.selectAll();
      case 'open':
        return void s.openFocused();
      case 'up':
        return void s.up();
      case 'toggle':
        return s.toggleFocused();
      case 'clear':
        return s.clearSelection();
      case 'type':
        return s.typeAhead(command.char);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.target !== event.currentTarget || event.nativeEvent.isComposing) return;
    const command = gridCommand(event, store.getState().typeAheadActive());
    if (!command) return;
    event.preventDefault();
    run(command);
  };

  const onClick = (event: MouseEvent<HTMLDivElement>): void => {
    if ((event.target as Element).closest('.grid-head')) return;
    const index = rowIndexOf(event);
    if (index < 0) return store.getState().clearSelection();
    store.getState().click(index, { range: event.shiftKey, toggle: event.ctrlKey || event.metaKey });
  };

  const onDoubleClick = (event: MouseEvent<HTMLDivElement>): void => {
    const entry = store.getState().view[rowIndexOf(event)];
    if (entry) void store.getState().openEntry(entry.name);
  };

  const onSort = useCallback(
    (key: SortKey) => {
      store.getState().sortBy(key);
      gridRef.current?.focus();
    },
    [store, gridRef],
  );

  const { start, end } = rowWindow(viewport.scrollTop, viewport.height - HEADER_HEIGHT, view.length);
  const indices = useMemo(() => {
    const list: number[] = [];
    for (let i = start; i < end; i++) list.push(i);
    // The active descendant must exist in the DOM even when scrolled away.
    if (focusIndex >= 0 && (focusIndex < start || focusIndex >= end)) list.push(focusIndex);
    return list;
  }, [start, end, focusIndex]);

  return (
    <div
      ref={gridRef}
      role="grid"
      aria-label={label}
      aria-multiselectable="true"
      aria-rowcount={view.length + 1}
      aria-colcount={COLUMNS.length}
      aria-activedescendant={focusIndex >= 0 ? rowId(focusIndex) : undefined}
      aria-busy={load.status === 'loading'}
      tabIndex={0}
      className="grid"
      onKeyDown={onKeyDown}
      onScroll={viewport.onScroll}
      onClick={onClick}
      onDoubleClick={onDoubleClick}
    >
      <GridHeader sort={sort} onSort={onSort} />
      <div role="rowgroup" className="grid-body" style={{ height: view.length * ROW_HEIGHT }}>
        {indices.map((index) => {
          const entry = view[index];
          if (!entry) return null;
          return <GridRow key={entry.name} id={rowId(index)} entry={entry} index={index} selected={selected.has(entry.name)} focused={index === focusIndex} />;
        })}
      </div>
    </div>
  );
}
