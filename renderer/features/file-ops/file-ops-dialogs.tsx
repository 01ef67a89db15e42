/**
 * The dialogs of the file operations (new folder/file, delete, properties,
 * permissions, remote search), the remote-edit questions, and the progress /
 * failure line of a running operation.
 */
import { useId, useRef, useState, type FormEvent, type ReactElement } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { ModalDialog } from '../../ui/modal-dialog.js';
import { ConfirmDialog } from '../../ui/confirm-dialog.js';
import { DialogActions } from '../../ui/dialog-actions.js';
import { entrySize, formatModified, formatOwner } from '../pane/format.js';
import type { FileOps, FileOpsDialog, SearchHit } from './file-ops.js';
import { formatOctal, hasBit, modeFromString, parseOctal, withBit, WHAT, WHO } from './permissions.js';
import { baseNameOf } from './base.js';

type Of<K extends FileOpsDialog['kind']> = Extract<FileOpsDialog, { kind: K }>;

function CreateDialog({ ops, dialog }: { readonly ops: StoreApi<FileOps>; readonly dialog: Of<'create'> }): ReactElement {
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const id = useId();
  const title = dialog.what === 'folder' ? 'New folder' : 'New file';
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    void ops
      .getState()
      .create(dialog.side, dialog.what, name)
      .then((p) => setProblem(p));
  };
  return (
    <ModalDialog title={title} onCancel={() => ops.getState().close()} className="dialog-narrow">
      <form onSubmit={submit}>
        <div className="dialog-body">
          <label htmlFor={`${id}-name`}>Name</label>
          <input
            id={`${id}-name`}
            type="text"
            value={name}
            autoComplete="off"
            spellCheck={false}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? `${id}-problem` : undefined}
            onChange={(e) => {
              setName(e.target.value);
              setProblem(null);
            }}
          />
          {problem ? (
            <p id={`${id}-problem`} role="alert" className="status-line status-error">
              {problem}
            </p>
          ) : null}
        </div>
        <DialogActions onCancel={() => ops.getState().close()} submitLabel="Create" />
      </form>
    </ModalDialog>
  );
}

const LISTED = 10;

function DeleteDialog({ ops, dialog }: { readonly ops: StoreApi<FileOps>; readonly dialog: Of<'delete'> }): ReactElement {
  const more = dialog.names.length - LISTED;
  return (
    <ConfirmDialog
      title="Delete"
      message={
        <>
          {`Delete ${dialog.names.length === 1 ? 'this item' : `these ${dialog.names.length} items`}? Folders are deleted with everything in them.`}
          <ul className="delete-list">
            {dialog.names.slice(0, LISTED).map((n) => (
              <li key={n}>{n}</li>
            ))}
            {more > 0 ? <li>{`and ${more} more`}</li> : null}
          </ul>
        </>
      }
      actions={[{ label: 'Delete', tone: 'danger', onClick: () => void ops.getState().remove(dialog.side, dialog.sessionId, dialog.paths) }]}
      onCancel={() => ops.getState().close()}
    />
  );
}

function PropertiesDialog({ ops, dialog }: { readonly ops: StoreApi<FileOps>; readonly dialog: Of<'properties'> }): ReactElement {
  const close = useRef<HTMLButtonElement>(null);
  const e = dialog.entry;
  const rows: [string, string][] = e
    ? [
        ['Name', e.name],
        ['Path', dialog.path],
        ['Type', e.type === 'dir' ? 'Folder' : e.type === 'link' ? 'Link' : e.type === 'file' ? 'File' : 'Other'],
        ['Size', e.size === null ? 'Unknown' : `${entrySize(e)} (${e.size.toLocaleString()} bytes)`],
        ['Modified', e.modified === null ? 'Unknown' : formatModified(e.modified)],
        ['Permissions', e.permissions ?? 'Unknown'],
        ['Owner', formatOwner(e.owner, e.group) || 'Unknown'],
      ]
    : [['Path', dialog.path]];
  if (e?.type === 'link') rows.push(['Link target', e.linkTarget ?? 'Unknown']);
  return (
    <ModalDialog title="Properties" onCancel={() => ops.getState().close()} initialFocus={close} failure={dialog.error} className="dialog-narrow">
      <div className="dialog-body">
        {dialog.loading ? <p role="status">Loading…</p> : null}
        <dl className="properties-list">
          {rows.map(([k, v]) => (
            <div key={k} className="properties-row">
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
        </dl>
      </div>
      <div className="dialog-actions">
        <button ref={close} type="button" className="button" onClick={() => ops.getState().close()}>
          Close
        </button>
      </div>
    </ModalDialog>
  );
}

function PermissionsDialog({ ops, dialog }: { readonly ops: StoreApi<FileOps>; readonly dialog: Of<'permissions'> }): ReactElement {
  const first = dialog.entries[0];
  const [mode, setMode] = useState(modeFromString(first?.permissions ?? null) ?? 0o644);
  const [text, setText] = useState(formatOctal(mode));
  const [applyTo, setApplyTo] = useState<'none' | 'all' | 'files' | 'folders'>('none');
  const hasFolder = dialog.entries.some((e) => e.type === 'dir');
  const id = useId();
  const valid = parseOctal(text) !== null;
  const change = (next: number): void => {
    setMode(next);
    setText(formatOctal(next));
  };
  const title = dialog.entries.length === 1 ? (first?.name ?? '') : `${dialog.entries.length} items`;
  return (
    <ModalDialog title="Permissions" onCancel={() => ops.getState().close()} className="dialog-narrow">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (valid) void ops.getState().chmod(dialog.side, dialog.paths, mode, hasFolder ? applyTo : 'none');
        }}
      >
        <div className="dialog-body permissions">
          <p className="dialog-message">{title}</p>
          <table className="permissions-table">
            <thead>
              <tr>
                <th />
                {WHAT.map((w) => (
                  <th key={w} scope="col">
                    {w[0]?.toUpperCase() + w.slice(1)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {WHO.map((who) => (
                <tr key={who}>
                  <th scope="row">{who}</th>
                  {WHAT.map((what) => (
                    <td key={what}>
                      <input type="checkbox" aria-label={`${who} ${what}`} checked={hasBit(mode, who, what)} onChange={(e) => change(withBit(mode, who, what, e.target.checked))} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <label htmlFor={`${id}-octal`}>Numeric value</label>
          <input
            id={`${id}-octal`}
            type="text"
            inputMode="numeric"
            value={text}
            aria-invalid={valid ? undefined : true}
            aria-describedby={valid ? undefined : `${id}-bad`}
            onChange={(e) => {
              setText(e.target.value);
              const parsed = parseOctal(e.target.value);
              if (parsed !== null) setMode(parsed);
            }}
          />
          {valid ? null : (
            <p id={`${id}-bad`} role="alert" className="status-line status-error">
              Enter three or four octal digits (0–7), e.g. 755.
            </p>
          )}
          {hasFolder ? (
            <>
              <label htmlFor={`${id}-apply`}>Apply to</label>
              <select id={`${id}-apply`} value={applyTo} onChange={(e) => setApplyTo(e.target.value as typeof applyTo)}>
                <option value="none">This item only</option>
                <option value="all">All</option>
                <option value="files">Files only</option>
                <option value="folders">Folders only</option>
              </select>
            </>
          ) : null}
        </div>
        <DialogActions onCancel={() => ops.getState().close()} submitDisabled={!valid} />
      </form>
    </ModalDialog>
  );
}

function toMs(date: string): number | undefined {
  if (!date) return undefined;
  const t = Date.parse(date);
  return Number.isNaN(t) ? undefined : t;
}
function toBytes(text: string): number | undefined {
  if (text.trim() === '') return undefined;
  const n = Number(text);
  return Number.isFinite(n) && n >= 0 ? Math.floor(n) : undefined;
}

function SearchDialog({ ops }: { readonly ops: StoreApi<FileOps> }): ReactElement {
  const search = useStore(ops, (s) => s.search);
  const [pattern, setPattern] = useState('');
  const [minSize, setMin] = useState('');
  const [maxSize, setMax] = useState('');
  const [after, setAfter] = useState('');
  const [before, setBefore] = useState('');
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const [problem, setProblem] = useState<string | null>(null);
  const id = useId();
  const chosen: SearchHit[] = search.hits.filter((h) => picked.has(h.path));
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    if (pattern.trim() === '' || pattern.includes('/') || pattern.includes('\0')) {
      setProblem('Enter a name pattern (no “/”), e.g. *.log');
      return;
    }
    setProblem(null);
    setPicked(new Set());
    const query = { pattern: pattern.trim(), minSize: toBytes(minSize), maxSize: toBytes(maxSize), modifiedAfter: toMs(after), modifiedBefore: toMs(before) };
    void ops.getState().runSearch(Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined)) as { pattern: string });
  };
  const toggle = (path: string): void =>
    setPicked((p) => {
      const next = new Set(p);
      if (next.has(path)) next.delete(path);
      else next.add(path);
      return next;
    });
  const field = (label: string, value: string, set: (v: string) => void, type = 'text'): ReactElement => (
    <div className="search-field">
      <label htmlFor={`${id}-${label}`}>{label}</label>
      <input id={`${id}-${label}`} type={type} value={value} onChange={(e) => set(e.target.value)} />
    </div>
  );
  const [confirm, setConfirm] = useState(false);
  return (
    <ModalDialog
      title="Search remote files"
      onCancel={() => {
        ops.getState().stopSearch();
        ops.getState().close();
      }}
      className="dialog-wide"
    >
      <form onSubmit={submit}>
        <div className="dialog-body search-form">
          {field('Name pattern', pattern, setPattern)}
          {field('Minimum size', minSize, setMin, 'number')}
          {field('Maximum size', maxSize, setMax, 'number')}
          {field('Modified after', after, setAfter, 'date')}
          {field('Modified before', before, setBefore, 'date')}
          {problem ? (
            <p role="alert" className="status-line status-error">
              {problem}
            </p>
          ) : null}
          <div className="search-buttons">
            <button type="submit" className="button button-primary" disabled={search.running}>
              Search
            </button>
            {search.running ? (
              <button type="button" className="button" onClick={() => ops.getState().stopSearch()}>
                Stop
              </button>
            ) : null}
            <span role="status" className="search-status">
              {search.running ? `Searching… ${search.hits.length} found` : (search.message ?? '')}
            </span>
          </div>
        </div>
      </form>
      <table className="search-results" aria-label="Search results">
        <thead>
          <tr>
            <th scope="col">
              <span className="visually-hidden">Selected</span>
            </th>
            <th scope="col">Path</th>
            <th scope="col">Size</th>
            <th scope="col">Modified</th>
          </tr>
        </thead>
        <tbody>
          {search.hits.map((h) => (
            <tr key={h.path} className={picked.has(h.path) ? 'is-selected' : undefined}>
              <td>
                <input type="checkbox" aria-label={`Select ${h.path}`} checked={picked.has(h.path)} onChange={() => toggle(h.path)} />
              </td>
              <td>{h.path}</td>
              <td>{entrySize(h.entry)}</td>
              <td>{formatModified(h.entry.modified)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="dialog-actions">
        <button type="button" className="button" disabled={chosen.length === 0} onClick={() => void ops.getState().downloadHits(chosen)}>
          Download
        </button>
        <button type="button" className="button button-danger" disabled={chosen.length === 0} onClick={() => setConfirm(true)}>
          Delete
        </button>
        <button
          type="button"
          className="button"
          onClick={() => {
            ops.getState().stopSearch();
            ops.getState().close();
          }}
        >
          Close
        </button>
      </div>
      {confirm ? (
        <ConfirmDialog
          title="Delete"
          message={`Delete ${chosen.length === 1 ? baseNameOf(chosen[0]?.path ?? '') : `these ${chosen.length} items`} from the server?`}
          actions={[
            {
              label: 'Delete',
              tone: 'danger',
              onClick: () => {
                setConfirm(false);
                const id = ops.getState().searchSession();
                if (id) void ops.getState().removeHits(id, chosen.map((h) => h.path));
                setPicked(new Set());
              },
            },
          ]}
          onCancel={() => setConfirm(false)}
        />
      ) : null}
    </ModalDialog>
  );
}

function EditQuestion({ ops }: { readonly ops: StoreApi<FileOps> }): ReactElement | null {
  const edit = useStore(ops, (s) => s.edit);
  const [never, setNever] = useState(false);
  if (!edit) return null;
  const name = baseNameOf(edit.remotePath);
  if (edit.status === 'remote-changed') {
    return (
      <ConfirmDialog
        key={edit.editId}
        title="Remote file changed"
        message={`${name} changed on the server since you opened it. Overwrite the server's copy with yours, or download theirs?`}
        actions={[
          { label: 'Overwrite', tone: 'danger', onClick: () => void ops.getState().answerEdit('overwrite') },
          { label: 'Download theirs', onClick: () => void ops.getState().answerEdit('reload') },
        ]}
        onCancel={() => void ops.getState().answerEdit('cancel')}
      />
    );
  }
  return (
    <ModalDialog key={edit.editId} title="File changed" onCancel={() => void ops.getState().answerEdit('not-now')} className="dialog-narrow">
      <div className="dialog-body">
        <p className="dialog-message">{`${name} was saved. Upload it to the server?`}</p>
        <label className="checkbox">
          <input type="checkbox" checked={never} onChange={(e) => setNever(e.target.checked)} />
          <span>Don&apos;t ask again for this file</span>
        </label>
      </div>
      <div className="dialog-actions">
        <button type="button" className="button button-primary" onClick={() => void ops.getState().answerEdit('upload', never)}>
          Upload
        </button>
        <button type="button" className="button" onClick={() => void ops.getState().answerEdit('not-now')}>
          Not now
        </button>
      </div>
    </ModalDialog>
  );
}

/** The operation line (progress, Cancel, failures) and the notice under the panes. */
export function FileOpsStatus({ ops }: { readonly ops: StoreApi<FileOps> }): ReactElement {
  const op = useStore(ops, (s) => s.operation);
  const notice = useStore(ops, (s) => s.notice);
  // Always rendered: it is a row of the window's grid (empty, it takes no room).
  if (!op && !notice) return <div className="file-ops-status" />;
  return (
    <div className="file-ops-status">
      {op ? (
        <div role="status" className="file-ops-operation">
          <span>
            {op.running
              ? `${op.label}… ${op.done}${op.total !== null ? ` of ${op.total}` : ''} done${op.current ? ` — ${op.current}` : ''}`
              : `${op.label}: ${op.cancelled ? 'cancelled' : 'finished'}${op.failures.length > 0 ? `, ${op.failures.length} failed` : ''}.`}
          </span>
          {op.running ? (
            <button type="button" className="button" onClick={() => ops.getState().cancelOperation()}>
              Cancel
            </button>
          ) : (
            <button type="button" className="button" onClick={() => ops.getState().dismissOperation()}>
              Dismiss
            </button>
          )}
          {op.failures.length > 0 ? (
            <ul className="file-ops-failures" aria-label="Failures">
              {op.failures.map((f) => (
                <li key={`${f.path}:${f.reason}`}>
                  <span className="cell-mono">{f.path}</span>: {f.reason}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {notice ? (
        <p role="status" className="file-ops-notice">
          {notice}
          <button type="button" className="button button-link" onClick={() => ops.getState().setNotice(null)}>
            Dismiss
          </button>
        </p>
      ) : null}
    </div>
  );
}

export function FileOpsDialogs({ ops }: { readonly ops: StoreApi<FileOps> }): ReactElement {
  const dialog = useStore(ops, (s) => s.dialog);
  return (
    <>
      {dialog?.kind === 'create' ? <CreateDialog ops={ops} dialog={dialog} /> : null}
      {dialog?.kind === 'delete' ? <DeleteDialog ops={ops} dialog={dialog} /> : null}
      {dialog?.kind === 'properties' ? <PropertiesDialog ops={ops} dialog={dialog} /> : null}
      {dialog?.kind === 'permissions' ? <PermissionsDialog ops={ops} dialog={dialog} /> : null}
      {dialog?.kind === 'search' ? <SearchDialog ops={ops} /> : null}
      <EditQuestion ops={ops} />
    </>
  );
}
