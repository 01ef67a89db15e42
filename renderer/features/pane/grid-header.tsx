/**
 * The grid's sticky header row: one sort button per column, `aria-sort` on
 * the sorted column. The buttons are kept out of the Tab order (Tab moves
 * between the two grids, as in FileZilla) but stay clickable and reachable
 * by screen-reader browse mode.
 */
import { memo, type ReactElement } from 'react';
import type { SortKey, SortSpec } from '../../stores/pane/sort.js';
import { COLUMNS } from './columns.js';

interface GridHeaderProps {
  readonly sort: SortSpec;
  readonly onSort: (key: SortKey) => void;
}

export const GridHeader = memo(function GridHeader({ sort, onSort }: GridHeaderProps): ReactElement {
  return (
    <div role="rowgroup" className="grid-head">
      <div role="row" aria-rowindex={1} className="grid-row grid-header-row">
        {COLUMNS.map((column, i) => {
          const sorted = sort.key === column.key;
          return (
            <div
              key={column.key}
              role="columnheader"
              aria-colindex={i + 1}
              aria-sort={sorted ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined}
              className={`grid-cell grid-columnheader${column.numeric ? ' is-numeric' : ''}`}
            >
              <button
                type="button"
                tabIndex={-1}
                className="grid-sort-button"
                data-sorted={sorted ? sort.direction : undefined}
                // Keep focus on the grid so the keyboard carries on where it was.
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => onSort(column.key)}
              >
                {column.label}
              </button>
            </div>
          );
        })}
      </div>
    </div>
  );
});
