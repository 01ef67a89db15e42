/**
 * The Site Manager's left side: the search box, the tree and the buttons
 * that act on it (New site, New folder, Rename, Duplicate, Delete). Escape
 * in a non-empty search clears it instead of closing the dialog.
 */
import type { KeyboardEvent, ReactElement, RefObject } from 'react';
import { SiteTree } from './site-tree.js';
import type { SiteManagerModel } from './use-site-manager.js';

interface SiteTreePanelProps {
  readonly model: SiteManagerModel;
  readonly searchRef: RefObject<HTMLInputElement | null>;
  readonly activeRef: RefObject<HTMLDivElement | null>;
  readonly idPrefix: string;
}

/** Search, tree and tree buttons; editing buttons are disabled while read-only or while a call to main runs. */
export function SiteTreePanel({ model, searchRef, activeRef, idPrefix }: SiteTreePanelProps): ReactElement {
  const { selected, readOnly, busy, draft, query, rows, state, loadError } = model;
  const canEdit = !readOnly && !busy;
  const isDraft = selected !== null && draft?.site.id === selected.id;

  const onSearchKey = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'Escape' && query !== '') {
      event.preventDefault();
      event.stopPropagation();
      model.setQuery('');
    } else if ((event.key === 'ArrowDown' || (event.key === 'Enter' && !event.nativeEvent.isComposing)) && rows.length > 0) {
      event.preventDefault();
      model.onTreeAction({ type: 'select', id: rows[0]?.node.id ?? '' });
      requestAnimationFrame(() => activeRef.current?.focus());
    }
  };

  const emptyText =
    state === null
      ? (loadError ?? 'Loading sites…')
      : query.trim() !== ''
        ? `No site or folder matches “${query.trim()}”.`
        : readOnly
          ? 'No sites to show.'
          : 'No saved sites yet. Create one with “New site”, or import them.';

  return (
    <div className="site-manager-side">
      <label htmlFor={`${idPrefix}-search`} className="site-search-label">
        Search sites
      </label>
      <input
        ref={searchRef}
        id={`${idPrefix}-search`}
        className="site-search"
        type="search"
        value={query}
        placeholder="Name or host"
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => model.setQuery(e.target.value)}
        onKeyDown={onSearchKey}
      />
      <SiteTree
        tree={model.tree}
        rows={rows}
        selectedId={selected?.id ?? null}
        draftId={draft?.site.id ?? null}
        renamingId={model.renamingId}
        activeRef={activeRef}
        canEdit={canEdit}
        emptyText={emptyText}
        onAction={model.onTreeAction}
        onRenameDone={model.renameDone}
        onMove={model.move}
      />
      <div className="tree-buttons">
        <button type="button" className="button" disabled={!canEdit} onClick={model.newSite}>
          New site
        </button>
        <button type="button" className="button" disabled={!canEdit} onClick={model.newFolder}>
          New folder
        </button>
        <button type="button" className="button" disabled={!canEdit || !selected} onClick={() => selected && model.rename(selected.id)}>
          Rename
        </button>
        <button type="button" className="button" disabled={!canEdit || !selected || isDraft} onClick={() => selected && model.duplicate(selected.id)}>
          Duplicate
        </button>
        <button type="button" className="button" disabled={!canEdit || !selected} onClick={() => selected && model.askDelete(selected.id)}>
          Delete
        </button>
      </div>
    </div>
  );
}
