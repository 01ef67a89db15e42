/**
 * The Site Manager's tree (`role="tree"` named "Sites"): one focusable row at
 * a time (roving tabindex), the keys of the WAI-ARIA tree pattern (see
 * `treeKeyAction`), and HTML5 drag and drop to move a node into a folder,
 * before or after another node, or to the top level (the strip below).
 */
import { useEffect, useRef, useState, type DragEvent, type KeyboardEvent, type ReactElement, type RefObject } from 'react';
import type { SiteTree as Tree } from '../../../shared/model/site-tree.js';
import { SiteTreeRow, type RowDragHandlers } from './site-tree-row.js';
import { dropPlacement, treeKeyAction, type DropPlacement, type DropWhere, type TreeAction, type TreeRow } from './tree-model.js';

interface SiteTreeProps {
  /** The tree as stored (drop rules are checked against it, not the filtered view). */
  readonly tree: Tree;
  readonly rows: readonly TreeRow[];
  readonly selectedId: string | null;
  readonly draftId: string | null;
  readonly renamingId: string | null;
  /** Set to the row that takes focus (for the dialog's initial focus). */
  readonly activeRef: RefObject<HTMLDivElement | null>;
  readonly canEdit: boolean;
  readonly emptyText: string;
  readonly onAction: (action: TreeAction) => void;
  readonly onRenameDone: (id: string, name: string | null) => void;
  readonly onMove: (id: string, placement: DropPlacement) => void;
}

const DRAG_TYPE = 'application/x-ferry-site-node';

/** Which part of the row the pointer is over: folders take drops "into" except at their top edge. */
function whereOnRow(event: DragEvent<HTMLDivElement>, row: TreeRow): DropWhere {
  const rect = event.currentTarget.getBoundingClientRect();
  const ratio = (event.clientY - rect.top) / Math.max(1, rect.height);
  if (row.node.kind === 'folder') return ratio < 0.25 ? 'before' : 'into';
  return ratio < 0.5 ? 'before' : 'after';
}

/** The tree; what the keys and drops mean is decided in tree-model.ts. */
export function SiteTree(props: SiteTreeProps): ReactElement {
  const { tree, rows, selectedId, draftId, renamingId, activeRef, canEdit, emptyText, onAction, onRenameDone, onMove } = props;
  const treeRef = useRef<HTMLDivElement>(null);
  const [dragged, setDragged] = useState<string | null>(null);
  const [over, setOver] = useState<{ readonly id: string | null; readonly where: DropWhere } | null>(null);
  const tabStopId = rows.some((row) => row.node.id === selectedId) ? selectedId : (rows[0]?.node.id ?? null);

  // Focus follows the selection while the tree has focus (arrow keys), and comes back to the
  // tree when what had it went away (the inline rename input, a deleted row).
  useEffect(() => {
    const root = treeRef.current;
    const active = document.activeElement;
    if (!root || renamingId !== null) return;
    if (root.contains(active) || active === null || active === document.body) activeRef.current?.focus();
  }, [selectedId, renamingId, activeRef]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.target !== event.currentTarget && !(event.target as HTMLElement).matches('[role="treeitem"]')) return;
    const action = treeKeyAction(rows, selectedId, event.key);
    if (!action || ((action.type === 'rename' || action.type === 'delete') && !canEdit)) return;
    event.preventDefault();
    onAction(action);
  };

  const end = (): void => {
    setDragged(null);
    setOver(null);
  };

  const placementFor = (targetId: string | null, where: DropWhere): DropPlacement | null => (dragged === null ? null : dropPlacement(tree, dragged, targetId, where));

  const drag: RowDragHandlers = {
    draggable: canEdit,
    onDragStart(event, id) {
      event.dataTransfer.setData(DRAG_TYPE, id);
      event.dataTransfer.effectAllowed = 'move';
      setDragged(id);
    },
    onDragOver(event, row) {
      const where = whereOnRow(event, row);
      if (!placementFor(row.node.id, where)) return;
      event.preventDefault();
      event.stopPropagation();
      event.dataTransfer.dropEffect = 'move';
      if (over?.id !== row.node.id || over.where !== where) setOver({ id: row.node.id, where });
    },
    onDrop(event, row) {
      event.preventDefault();
      event.stopPropagation();
      const placement = placementFor(row.node.id, whereOnRow(event, row));
      if (dragged !== null && placement) onMove(dragged, placement);
      end();
    },
    onDragEnd: end,
  };

  const onRootOver = (event: DragEvent<HTMLElement>): void => {
    if (!placementFor(null, 'into')) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'move';
    if (over?.id !== null) setOver({ id: null, where: 'into' });
  };

  const onRootDrop = (event: DragEvent<HTMLElement>): void => {
    event.preventDefault();
    if (dragged !== null && placementFor(null, 'into')) onMove(dragged, { parentId: null });
    end();
  };

  return (
    <div className="site-tree-wrap" onDragOver={onRootOver} onDrop={onRootDrop} onDragLeave={(e) => e.currentTarget === e.target && setOver(null)}>
      <div ref={treeRef} role="tree" aria-label="Sites" className="site-tree" onKeyDown={onKeyDown}>
        {rows.map((row) => (
          <SiteTreeRow
            key={row.node.id}
            row={row}
            selected={row.node.id === selectedId}
            tabStop={row.node.id === tabStopId}
            isDraft={row.node.id === draftId}
            renaming={row.node.id === renamingId}
            dropWhere={over?.id === row.node.id ? over.where : null}
            rowRef={row.node.id === tabStopId ? activeRef : undefined}
            drag={drag}
            onSelect={(id) => onAction({ type: 'select', id })}
            onToggle={(id) => onAction({ type: row.expanded ? 'collapse' : 'expand', id })}
            onActivate={(id) => onAction({ type: 'activate', id })}
            onRenameDone={onRenameDone}
          />
        ))}
      </div>
      {rows.length === 0 ? <p className="site-tree-empty">{emptyText}</p> : null}
      {dragged !== null ? <p className={`site-tree-root-drop${over?.id === null ? ' is-over' : ''}`}>Drop here to move to the top level</p> : null}
    </div>
  );
}
