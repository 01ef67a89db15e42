/**
 * A pane's toolbar: the editable path (Enter goes there, Escape restores the
 * current one), Up, Refresh and the hidden-files switch.
 */
import { useEffect, useId, useState, type KeyboardEvent, type ReactElement, type ReactNode } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { parentPath } from '../../../shared/path.js';
import type { PaneStore } from '../../stores/pane/pane-store.js';
import { RefreshIcon, UpIcon } from '../../ui/icons.js';

interface PathBarProps {
  readonly store: StoreApi<PaneStore>;
  /** "Local" or "Remote": prefixes the path input's label. */
  readonly side: string;
  /** Controls after the built-in ones (e.g. the Bookmarks menu). */
  readonly extra?: ReactNode;
}

export function PathBar({ store, side, extra }: PathBarProps): ReactElement {
  const session = useStore(store, (s) => s.session);
  const path = useStore(store, (s) => s.path);
  const entries = useStore(store, (s) => s.entries);
  const showHidden = useStore(store, (s) => s.showHidden);
  const loading = useStore(store, (s) => s.load.status === 'loading');
  const [draft, setDraft] = useState(path);
  const id = useId();

  // A new listing (even of the same path) shows its canonical path.
  useEffect(() => setDraft(path), [path, entries]);

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'Enter' && !event.nativeEvent.isComposing) {
      event.preventDefault();
      const target = draft.trim();
      if (target !== '') void store.getState().navigate(target);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      setDraft(path);
    }
  };

  const atRoot = !session || path === '' || parentPath(session.pathStyle, path) === null;

  return (
    <div className="path-bar">
      <label htmlFor={`${id}-path`} className="visually-hidden">
        {`${side} path`}
      </label>
      <input
        id={`${id}-path`}
        className="path-input"
        type="text"
        value={draft}
        disabled={!session}
        spellCheck={false}
        autoComplete="off"
        onChange={(e) => setDraft(e.target.value)}
        onKeyDown={onKeyDown}
      />
      <button type="button" className="button button-icon" disabled={atRoot} onClick={() => void store.getState().up()} title="Parent folder (Backspace)">
        <UpIcon />
        <span>Up</span>
      </button>
      <button type="button" className="button button-icon" disabled={!session || loading} onClick={() => void store.getState().refresh()} title="Reload this folder">
        <RefreshIcon />
        <span>Refresh</span>
      </button>
      <label className="checkbox">
        <input type="checkbox" checked={showHidden} onChange={(e) => store.getState().setShowHidden(e.target.checked)} />
        <span>Show hidden files</span>
      </label>
      {extra}
    </div>
  );
}
