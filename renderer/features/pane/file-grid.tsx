/**
 * A pane's file list as an ARIA grid. The grid element itself holds focus and
 * points at the focused row with `aria-activedescendant`, which works with
 * virtualised rows (only the visible window plus the focused row exist in the
 * DOM) and keeps Tab free to jump to the other pane's grid.
 */
import { useCallback, useId, useMemo, useRef, useState, type DragEvent, type KeyboardEvent, type MouseEvent, type ReactElement, type RefObject } from 'react';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { PaneStore } from '../../stores/pane/pane-store.js';
import type { SortKey } from '../../stores/pane/sort.js';
import { GridHeader } from './grid-header.js';
import { GridRow } from './grid-row.js';
import { gridCommand, moveIndex, type GridCommand } from './grid-keys.js';
import { ROW_HEIGHT, rowWindow } from './virtual-window.js';
import { HEADER_HEIGHT, COLUMNS } from './columns.js';
import { useGridViewport } from './use-grid-viewport.js';
import { ContextMenu } from '../../ui/context-menu.js';
import { DRAG_MIME, encodeDragPayload, isFerryDrag, isFileDrag, parseDragPayload, sideMarker, type PaneSide } from '../transfers/drag-payload.js';
import { TRANSFER_SHORTCUTS, type TransferActions } from '../transfers/transfer-actions.js';
import type { FileOps } from '../file-ops/file-ops.js';
import { RenameInput } from '../file-ops/rename-input.js';
import { baseName } from '../../stores/pane/base-name.js';
import type { ContextMenuItem } from '../../ui/context-menu.js';

/** File operations on this grid's rows (menu items, F2/F7/Delete, inline rename, moves by drag). */
export interface GridFileOps {
  readonly side: PaneSide;
  readonly store: StoreApi<FileOps>;
}

/** How long after a click on the focused row's name a second, slow click starts a rename. */
const SLOW_CLICK_MS = 500;

/** Transfers from and to this grid: drag rows out, drop rows (and, remote, OS files) in, the context menu. */
export interface GridTransfer {
  readonly side: PaneSide;
  readonly actions: TransferActions;
}

/** Where a drag over the grid would land: the listed folder, or a folder row. */
type DropTarget = { readonly index: number | null } | null;

interface FileGridProps {
  readonly store: StoreApi<PaneStore>;
  readonly label: string;
  readonly gridRef: RefObject<HTMLDivElement | null>;
  /** Tab: the app moves focus to the other pane's grid. */
  readonly onTab: () => void;
  readonly transfer?: GridTransfer;
  readonly fileOps?: GridFileOps;
}

/** Stands in for the file-ops store when a grid has none (hooks cannot be conditional). */
const EMPTY_OPS = createStore<{ renaming: FileOps['renaming'] }>()(() => ({ renaming: null }));

function rowIndexOf(event: MouseEvent): number {
  const row = (event.target as Element).closest('[data-index]');
  return row ? Number(row.getAttribute('data-index')) : -1;
}

export function FileGrid({ store, label, gridRef, onTab, transfer, fileOps }: FileGridProps): ReactElement {
  const { view, selected, focusIndex, sort, path, load } = useStore(store);
  const baseId = useId();
  const viewport = useGridViewport(gridRef, focusIndex, path);
  const rowId = useCallback((index: number) => `${baseId}-row-${index}`, [baseId]);
  const [drop, setDrop] = useState<DropTarget>(null);
  const [menu, setMenu] = useState<{ x: number; y: number } | null>(null);
  const side = transfer?.side ?? fileOps?.side;
  const renaming = useStore(fileOps?.store ?? EMPTY_OPS, (s: { renaming: FileOps['renaming'] }) => (s.renaming && s.renaming.side === side ? s.renaming.name : null));
  const slowClick = useRef<ReturnType<typeof setTimeout> | null>(null);
  const cancelSlowClick = (): void => {
    if (slowClick.current !== null) clearTimeout(slowClick.current);
    slowClick.current = null;
  };
  const other: PaneSide = side === 'local' ? 'remote' : 'local';
  const actionLabel = side === 'local' ? 'Upload' : 'Download';

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

  const openMenuAtFocus = (): void => {
    const grid = gridRef.current;
    if (!grid) return;
    const row = grid.querySelector<HTMLElement>('.grid-entry.is-focused');
    const rect = (row ?? grid).getBoundingClientRect();
    setMenu({ x: rect.left + 24, y: row ? rect.bottom : rect.top + HEADER_HEIGHT });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.target !== event.currentTarget || event.nativeEvent.isComposing) return;
    if (fileOps && !event.ctrlKey && !event.metaKey && !event.altKey) {
      const ops = fileOps.store.getState();
      const key = event.key;
      if (key === 'F2' || key === 'F7' || (key === 'Delete' && !event.shiftKey)) {
        event.preventDefault();
        if (key === 'F2') ops.startRename(fileOps.side);
        else if (key === 'F7') ops.askCreate(fileOps.side, 'folder');
        else ops.askDelete(fileOps.side);
        return;
      }
    }
    if (side && (event.key === 'ContextMenu' || (event.shiftKey && event.key === 'F10'))) {
      event.preventDefault();
      openMenuAtFocus();
      return;
    }
    if (transfer && side) {
      const primary = event.ctrlKey || event.metaKey;
      if (primary && !event.shiftKey && !event.altKey && event.key.toLowerCase() === TRANSFER_SHORTCUTS[side].key) {
        event.preventDefault();
        void transfer.actions.transferSelection(side);
        return;
      }
    }
    const command = gridCommand(event, store.getState().typeAheadActive());
    if (!command) return;
    event.preventDefault();
    run(command);
  };

  const onClick = (event: MouseEvent<HTMLDivElement>): void => {
    if ((event.target as Element).closest('.grid-head')) return;
    const index = rowIndexOf(event);
    if (index < 0) return store.getState().clearSelection();
    const before = store.getState();
    const plain = !event.shiftKey && !event.ctrlKey && !event.metaKey && event.detail === 1;
    const name = before.view[index]?.name;
    const wasOnly = name !== undefined && before.focus === name && before.selected.size === 1 && before.selected.has(name);
    store.getState().click(index, { range: event.shiftKey, toggle: event.ctrlKey || event.metaKey });
    cancelSlowClick();
    if (fileOps && plain && wasOnly && (event.target as Element).closest('.entry-name')) {
      slowClick.current = setTimeout(() => {
        slowClick.current = null;
        fileOps.store.getState().startRename(fileOps.side, name);
      }, SLOW_CLICK_MS);
    }
  };

  const onContextMenu = (event: MouseEvent<HTMLDivElement>): void => {
    if (!side || (event.target as Element).closest('.grid-head')) return;
    event.preventDefault();
    const index = rowIndexOf(event);
    const s = store.getState();
    const entry = s.view[index];
    if (entry && !s.selected.has(entry.name)) s.click(index);
    gridRef.current?.focus();
    setMenu({ x: event.clientX, y: event.clientY });
  };

  const onDragStart = (event: DragEvent<HTMLDivElement>): void => {
    if (!transfer || !side) return;
    const index = rowIndexOf(event);
    const s = store.getState();
    const entry = s.view[index];
    if (!entry) return;
    if (!s.selected.has(entry.name)) s.click(index);
    const payload = transfer.actions.selectionOf(side);
    if (!payload) {
      event.preventDefault();
      return;
    }
    draggedNames.current = payload.entries.map((e) => baseName(s.session?.pathStyle ?? 'posix', e.path)).filter((n): n is string => n !== null);
    event.dataTransfer.setData(DRAG_MIME, encodeDragPayload(payload));
    event.dataTransfer.setData(sideMarker(side), '1');
    event.dataTransfer.effectAllowed = fileOps ? 'copyMove' : 'copy';
  };

  /** Names being dragged from this grid (a drop back onto one of its folders is a move). */
  const draggedNames = useRef<readonly string[]>([]);
  /** A drag of this grid's own rows: only a folder row that is not being dragged takes it. */
  const ownDrag = (types: readonly string[]): boolean => side !== undefined && isFerryDrag(types) && types.includes(sideMarker(side));
  const moveTargetOf = (event: DragEvent): number | null => {
    const index = rowIndexOf(event);
    const entry = store.getState().view[index];
    return entry?.type === 'dir' && !draggedNames.current.includes(entry.name) ? index : null;
  };

  /** Whether this grid takes the drag: Ferry rows from the other pane, or (remote) OS files. */
  const accepts = (types: readonly string[]): boolean => {
    if (!side) return false;
    if (isFerryDrag(types)) return types.includes(sideMarker(other));
    return side === 'remote' && isFileDrag(types);
  };

  const dropTargetOf = (event: DragEvent): DropTarget => {
    const index = rowIndexOf(event);
    const entry = store.getState().view[index];
    return { index: entry?.type === 'dir' ? index : null };
  };

  const onDragOver = (event: DragEvent<HTMLDivElement>): void => {
    if (fileOps && ownDrag([...event.dataTransfer.types])) {
      const index = moveTargetOf(event);
      if (index === null) {
        if (drop !== null) setDrop(null);
        return;
      }
      event.preventDefault();
      event.dataTransfer.dropEffect = 'move';
      if (drop?.index !== index) setDrop({ index });
      return;
    }
    if (!accepts([...event.dataTransfer.types])) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    const target = dropTargetOf(event);
    if (drop?.index !== target?.index || drop === null) setDrop(target);
  };

  const onDragLeave = (event: DragEvent<HTMLDivElement>): void => {
    const next = event.relatedTarget as Node | null;
    if (!next || !event.currentTarget.contains(next)) setDrop(null);
  };

  const onDrop = (event: DragEvent<HTMLDivElement>): void => {
    setDrop(null);
    if (fileOps && ownDrag([...event.dataTransfer.types])) {
      const index = moveTargetOf(event);
      const folder = index === null ? null : store.getState().view[index]?.name;
      if (!folder) return;
      event.preventDefault();
      void fileOps.store.getState().moveInto(fileOps.side, draggedNames.current, folder);
      return;
    }
    if (!transfer || !side || !accepts([...event.dataTransfer.types])) return;
    event.preventDefault();
    const target = dropTargetOf(event);
    const folder = target?.index === null || target === null ? null : (store.getState().view[target.index]?.name ?? null);
    const payload = parseDragPayload(event.dataTransfer.getData(DRAG_MIME));
    if (payload) void transfer.actions.dropRows(payload, side, folder);
    else if (side === 'remote') void transfer.actions.dropFiles(event.dataTransfer, folder);
  };

  const onDoubleClick = (event: MouseEvent<HTMLDivElement>): void => {
    cancelSlowClick();
    if ((event.target as Element).closest('.rename-box')) return;
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

  const dropIndex = drop?.index ?? null;

  function menuItems(): ContextMenuItem[] {
    if (!side) return [];
    const none = selected.size === 0 && focusIndex < 0;
    const items: ContextMenuItem[] = [];
    if (transfer) {
      items.push({
        key: 'transfer',
        label: actionLabel,
        shortcut: TRANSFER_SHORTCUTS[side].label,
        keyshortcuts: `Control+${TRANSFER_SHORTCUTS[side].key.toUpperCase()}`,
        disabled: none,
        onSelect: () => void transfer.actions.transferSelection(side),
      });
    }
    if (fileOps) {
      const ops = fileOps.store.getState();
      const focused = view[focusIndex];
      const single = selected.size <= 1 && (focused !== undefined || selected.size === 1);
      const firstIsFile = (selected.size > 0 ? view.find((e) => selected.has(e.name)) : focused)?.type !== 'dir';
      items.push(
        { key: 'view-edit', label: 'View/Edit', disabled: none || !single || !firstIsFile, onSelect: () => void ops.viewEdit(side) },
        { key: 'new-folder', label: 'New folder', shortcut: 'F7', keyshortcuts: 'F7', onSelect: () => ops.askCreate(side, 'folder') },
        { key: 'new-file', label: 'New file', onSelect: () => ops.askCreate(side, 'file') },
        { key: 'rename', label: 'Rename', shortcut: 'F2', keyshortcuts: 'F2', disabled: none || !single, onSelect: () => ops.startRename(side) },
        { key: 'delete', label: 'Delete', shortcut: 'Del', keyshortcuts: 'Delete', disabled: none, onSelect: () => ops.askDelete(side) },
        { key: 'copy-path', label: 'Copy path', onSelect: () => void ops.copyPath(side, false) },
        { key: 'copy-url', label: 'Copy URL', onSelect: () => void ops.copyPath(side, true) },
        { key: 'properties', label: 'Properties', disabled: none || !single, onSelect: () => void ops.properties(side) },
        { key: 'permissions', label: 'Permissions…', disabled: none, onSelect: () => ops.askPermissions(side) },
      );
    }
    items.push({ key: 'refresh', label: 'Refresh', onSelect: () => void store.getState().refresh() });
    return items;
  }
  return (
    <>
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
        className={`grid${drop && dropIndex === null ? ' is-drop-target' : ''}`}
        onKeyDown={onKeyDown}
        onContextMenu={onContextMenu}
        onDragStart={onDragStart}
        onDragOver={onDragOver}
        onDragLeave={onDragLeave}
        onDrop={onDrop}
        onScroll={viewport.onScroll}
        onClick={onClick}
        onDoubleClick={onDoubleClick}
      >
        <GridHeader sort={sort} onSort={onSort} />
        <div role="rowgroup" className="grid-body" style={{ height: view.length * ROW_HEIGHT }}>
          {indices.map((index) => {
            const entry = view[index];
            if (!entry) return null;
            return (
              <GridRow
                key={entry.name}
                id={rowId(index)}
                entry={entry}
                index={index}
                selected={selected.has(entry.name)}
                focused={index === focusIndex}
                draggable={transfer !== undefined}
                dropTarget={dropIndex === index}
                editor={
                  fileOps && renaming === entry.name ? (
                    <RenameInput
                      initial={entry.name}
                      onCommit={async (name) => {
                        const problem = await fileOps.store.getState().rename(fileOps.side, entry.name, name);
                        if (problem === null) gridRef.current?.focus();
                        return problem;
                      }}
                      onCancel={() => {
                        fileOps.store.getState().cancelRename();
                        gridRef.current?.focus();
                      }}
                    />
                  ) : undefined
                }
              />
            );
          })}
        </div>
      </div>
      {menu && side ? (
        <ContextMenu
          label={`${side === 'local' ? 'Local' : 'Remote'} file actions`}
          x={menu.x}
          y={menu.y}
          returnFocus={gridRef}
          onClose={() => setMenu(null)}
          items={menuItems()}
        />
      ) : null}
    </>
  );
}
