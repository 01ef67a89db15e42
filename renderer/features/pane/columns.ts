/**
 * The grid's columns in display order. One table so the header, the rows and
 * the CSS template (`grid-template-columns` in grid.css) stay in step.
 */
import type { SortKey } from '../../stores/pane/sort.js';

export interface Column {
  readonly key: SortKey;
  readonly label: string;
  /** Right-aligned numbers read better (sizes line up by magnitude). */
  readonly numeric?: boolean;
}

export const COLUMNS: readonly Column[] = [
  { key: 'name', label: 'Name' },
  { key: 'size', label: 'Size', numeric: true },
  { key: 'modified', label: 'Modified' },
  { key: 'permissions', label: 'Permissions' },
  { key: 'owner', label: 'Owner' },
];

/** Height of the sticky header row in CSS pixels; must match grid.css. */
export const HEADER_HEIGHT = 28;
