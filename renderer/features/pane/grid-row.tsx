/**
 * One entry row. Memoised: scrolling re-renders only rows entering the
 * window, and selection changes only the rows whose state flipped.
 */
import { memo, type ReactElement, type ReactNode } from 'react';
import type { Entry } from '../../../shared/model/entry.js';
import { FileIcon, FolderIcon, LinkIcon } from '../../ui/icons.js';
import { ROW_HEIGHT } from './virtual-window.js';
import { entrySize, formatModified, formatOwner } from './format.js';

interface GridRowProps {
  readonly id: string;
  readonly entry: Entry;
  readonly index: number;
  readonly selected: boolean;
  readonly focused: boolean;
  /** Rows can be dragged to the other pane (transfers). */
  readonly draggable?: boolean;
  /** A drag is over this folder row: a drop lands in it. */
  readonly dropTarget?: boolean;
  /** Replaces the name (the inline rename editor). */
  readonly editor?: ReactNode;
}

function TypeIcon({ entry }: { readonly entry: Entry }): ReactElement {
  if (entry.type === 'dir') return <FolderIcon />;
  if (entry.type === 'link') return <LinkIcon />;
  return <FileIcon />;
}

export const GridRow = memo(function GridRow({ id, entry, index, selected, focused, draggable, dropTarget, editor }: GridRowProps): ReactElement {
  const target = entry.type === 'link' && entry.linkTarget ? entry.linkTarget : null;
  const size = entrySize(entry);
  const modified = formatModified(entry.modified);
  const owner = formatOwner(entry.owner, entry.group);
  return (
    <div
      id={id}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      data-index={index}
      draggable={draggable && !editor}
      className={`grid-row grid-entry type-${entry.type}${selected ? ' is-selected' : ''}${focused ? ' is-focused' : ''}${dropTarget ? ' is-drop-target' : ''}`}
      style={{ transform: `translateY(${index * ROW_HEIGHT}px)` }}
    >
      <div role="gridcell" aria-colindex={1} className="grid-cell cell-name" title={target ? `${entry.name} → ${target}` : entry.name}>
        <TypeIcon entry={entry} />
        {editor ?? <span className="entry-name">{entry.name}</span>}
        {target && !editor ? <span className="link-target"> → {target}</span> : null}
      </div>
      <div role="gridcell" aria-colindex={2} className="grid-cell is-numeric">
        {size}
      </div>
      <div role="gridcell" aria-colindex={3} className="grid-cell">
        {modified}
      </div>
      <div role="gridcell" aria-colindex={4} className="grid-cell cell-mono">
        {entry.permissions ?? ''}
      </div>
      <div role="gridcell" aria-colindex={5} className="grid-cell" title={owner || undefined}>
        {owner}
      </div>
    </div>
  );
});
