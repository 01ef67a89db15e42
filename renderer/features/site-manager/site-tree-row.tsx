/**
 * One row of the Site Manager tree: a `treeitem` with its level, position,
 * open state and colour dot, or the inline name editor while renaming (F2).
 * The row's text is exactly the node's name, so it is the accessible name.
 */
import { useEffect, useRef, type DragEvent, type KeyboardEvent, type ReactElement, type RefObject } from 'react';
import { FolderIcon, ServerIcon, TreeChevronIcon } from '../../ui/icons.js';
import { COLOR_LABELS } from './labels.js';
import type { DropWhere, TreeRow } from './tree-model.js';

/** The tree’s drag-and-drop handlers, shared by every row (the tree keeps the drag state). */
export interface RowDragHandlers {
  readonly draggable: boolean;
  readonly onDragStart: (event: DragEvent<HTMLDivElement>, id: string) => void;
  readonly onDragOver: (event: DragEvent<HTMLDivElement>, row: TreeRow) => void;
  readonly onDrop: (event: DragEvent<HTMLDivElement>, row: TreeRow) => void;
  readonly onDragEnd: () => void;
}

interface SiteTreeRowProps {
  readonly row: TreeRow;
  readonly selected: boolean;
  /** The row that takes Tab focus (the selected one, or the first). */
  readonly tabStop: boolean;
  readonly isDraft: boolean;
  readonly renaming: boolean;
  /** The drop indicator on this row while something is dragged over it. */
  readonly dropWhere: DropWhere | null;
  readonly rowRef: RefObject<HTMLDivElement | null> | undefined;
  readonly drag: RowDragHandlers;
  readonly onSelect: (id: string) => void;
  readonly onToggle: (id: string) => void;
  readonly onActivate: (id: string) => void;
  readonly onRenameDone: (id: string, name: string | null) => void;
}

/** One flat row: nesting is expressed with aria-level and indentation, so each row’s name is only its own text. */
export function SiteTreeRow(props: SiteTreeRowProps): ReactElement {
  const { row, selected, tabStop, isDraft, renaming, dropWhere, rowRef, drag, onSelect, onToggle, onActivate } = props;
  const { node } = row;
  const classes = ['tree-row', selected ? 'is-selected' : '', isDraft ? 'is-draft' : '', dropWhere ? `drop-${dropWhere}` : ''].filter(Boolean).join(' ');
  return (
    <div
      ref={rowRef}
      role="treeitem"
      data-id={node.id}
      aria-level={row.level}
      aria-posinset={row.posInSet}
      aria-setsize={row.setSize}
      aria-selected={selected}
      aria-expanded={row.expanded ?? undefined}
      tabIndex={tabStop ? 0 : -1}
      className={classes}
      style={{ paddingLeft: `${(row.level - 1) * 16 + 4}px` }}
      draggable={drag.draggable && !renaming && !isDraft}
      onClick={() => onSelect(node.id)}
      onDoubleClick={() => (node.kind === 'site' ? onActivate(node.id) : onToggle(node.id))}
      onDragStart={(e) => drag.onDragStart(e, node.id)}
      onDragOver={(e) => drag.onDragOver(e, row)}
      onDrop={(e) => drag.onDrop(e, row)}
      onDragEnd={drag.onDragEnd}
    >
      {node.kind === 'folder' ? (
        <span
          className={`tree-toggle${row.expanded ? ' is-open' : ''}`}
          aria-hidden="true"
          onClick={(e) => {
            e.stopPropagation();
            onToggle(node.id);
          }}
        >
          <TreeChevronIcon />
        </span>
      ) : (
        <span className="tree-toggle" aria-hidden="true" />
      )}
      {node.kind === 'folder' ? <FolderIcon /> : <ServerIcon />}
      {node.kind === 'site' && node.color ? <span className={`site-dot site-dot-${node.color}`} aria-hidden="true" title={COLOR_LABELS[node.color]} /> : null}
      {renaming ? <RenameInput name={node.name} onDone={(name) => props.onRenameDone(node.id, name)} /> : <span className="tree-name">{node.name}</span>}
    </div>
  );
}

/** The inline name editor: Enter or leaving keeps the name, Escape drops it. */
function RenameInput({ name, onDone }: { readonly name: string; readonly onDone: (name: string | null) => void }): ReactElement {
  const ref = useRef<HTMLInputElement>(null);
  const done = useRef(false);
  useEffect(() => {
    ref.current?.focus();
    ref.current?.select();
  }, []);
  const finish = (value: string | null): void => {
    if (done.current) return;
    done.current = true;
    onDone(value);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    // The tree's keys (arrows, Enter, Delete) and the dialog's Escape must not act while typing.
    event.stopPropagation();
    if (event.key === 'Enter' && !event.nativeEvent.isComposing) {
      event.preventDefault();
      finish(event.currentTarget.value);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      finish(null);
    }
  };
  return (
    <input
      ref={ref}
      className="tree-rename"
      type="text"
      aria-label="Edit title"
      defaultValue={name}
      autoComplete="off"
      spellCheck={false}
      onKeyDown={onKeyDown}
      onClick={(e) => e.stopPropagation()}
      onBlur={(e) => finish(e.currentTarget.value)}
    />
  );
}
