/**
 * The "Transfers" section of Settings: how many transfers run at once and per
 * site, retries, speed limits, temporary names, checksum verification,
 * modification times, the default answer to "file exists" and the FTP
 * transfer type (binary, ASCII, auto by extension). Saved with
 * `queue.updateSettings`; main applies it to the running queue.
 */
import { useEffect, useId, useState, type FormEvent, type ReactElement } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { CONFLICT_ACTIONS, MAX_CONCURRENCY, MAX_RETRIES, type ConflictDefault, type TransferType } from '../../../shared/model/transfer.js';
import type { QueueStore } from '../../stores/queue-store.js';
import { StatusLine } from '../../ui/status-line.js';
import { CONFLICT_LABELS } from '../prompts/file-exists-dialog.js';
import { formFromSettings, patchFromForm, type TransferSettingsForm } from './transfer-settings-form.js';

type TextKey = 'concurrency' | 'perSiteLimit' | 'retries' | 'downloadLimit' | 'uploadLimit';
type CheckKey = 'tempNames' | 'verifyChecksums' | 'preserveTimes';

const NUMBER_FIELDS: readonly { key: TextKey; label: string; min: number; max?: number; placeholder?: string }[] = [
  { key: 'concurrency', label: 'Concurrent transfers', min: 1, max: MAX_CONCURRENCY },
  { key: 'perSiteLimit', label: 'Connections per site', min: 1, max: MAX_CONCURRENCY },
  { key: 'retries', label: 'Retries', min: 0, max: MAX_RETRIES },
  { key: 'downloadLimit', label: 'Download limit (KiB/s)', min: 1, placeholder: 'Unlimited' },
  { key: 'uploadLimit', label: 'Upload limit (KiB/s)', min: 1, placeholder: 'Unlimited' },
];

const TRANSFER_TYPE_LABELS: Readonly<Record<TransferType, string>> = { binary: 'Binary', ascii: 'ASCII', auto: 'Auto by extension' };

const CHECKS: readonly { key: CheckKey; label: string }[] = [
  { key: 'tempNames', label: 'Upload under a temporary name, rename when complete' },
  { key: 'verifyChecksums', label: 'Verify checksums when the server offers them' },
  { key: 'preserveTimes', label: 'Preserve modification times' },
];

export function TransferSettings({ queue }: { readonly queue: StoreApi<QueueStore> }): ReactElement {
  const settings = useStore(queue, (s) => s.settings);
  const id = useId();
  const [form, setForm] = useState<TransferSettingsForm | null>(settings ? formFromSettings(settings) : null);
  const [message, setMessage] = useState<{ tone: 'error' | 'info'; text: string } | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (settings && !form) setForm(formFromSettings(settings));
  }, [settings, form]);

  if (!form) {
    return (
      <section className="settings-section" aria-label="Transfers">
        <h3 className="dialog-subtitle">Transfers</h3>
        <p className="dialog-muted">Loading transfer settings…</p>
      </section>
    );
  }

  const update = (patch: Partial<TransferSettingsForm>): void => {
    setForm({ ...form, ...patch });
    setMessage(null);
  };

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const result = patchFromForm(form);
    if ('error' in result) return setMessage({ tone: 'error', text: result.error });
    setSaving(true);
    void queue
      .getState()
      .updateSettings(result.patch)
      .then((ok) => {
        setSaving(false);
        const saved = queue.getState().settings;
        if (ok && saved) setForm(formFromSettings(saved));
        setMessage(ok ? { tone: 'info', text: 'Transfer settings saved.' } : { tone: 'error', text: queue.getState().notice ?? 'Could not save.' });
      });
  };

  return (
    <section className="settings-section" aria-label="Transfers">
      <h3 className="dialog-subtitle">Transfers</h3>
      <form className="transfer-settings" onSubmit={submit} noValidate>
        <div className="transfer-settings-grid">
          {NUMBER_FIELDS.map((f) => (
            <div key={f.key} className="dialog-field">
              <label htmlFor={`${id}-${f.key}`}>{f.label}</label>
              <input
                id={`${id}-${f.key}`}
                type="number"
                inputMode="numeric"
                min={f.min}
                max={f.max}
                placeholder={f.placeholder}
                value={form[f.key]}
                onChange={(e) => update({ [f.key]: e.target.value })}
              />
            </div>
          ))}
          <div className="dialog-field">
            <label htmlFor={`${id}-conflict`}>Default “file exists” action</label>
            <select id={`${id}-conflict`} value={form.defaultConflictAction} onChange={(e) => update({ defaultConflictAction: e.target.value as ConflictDefault })}>
              <option value="ask">Ask</option>
              {CONFLICT_ACTIONS.map((a) => (
                <option key={a} value={a}>
                  {CONFLICT_LABELS[a]}
                </option>
              ))}
            </select>
          </div>
          <div className="dialog-field">
            <label htmlFor={`${id}-type`}>Transfer type (FTP)</label>
            <select id={`${id}-type`} value={form.transferType} onChange={(e) => update({ transferType: e.target.value as TransferType })}>
              {(Object.keys(TRANSFER_TYPE_LABELS) as TransferType[]).map((t) => (
                <option key={t} value={t}>
                  {TRANSFER_TYPE_LABELS[t]}
                </option>
              ))}
            </select>
          </div>
          <div className="dialog-field">
            <label htmlFor={`${id}-ascii`}>ASCII extensions</label>
            <input
              id={`${id}-ascii`}
              type="text"
              spellCheck={false}
              placeholder="txt, html, css"
              title="Comma-separated; used by “Auto by extension”"
              value={form.asciiExtensions}
              onChange={(e) => update({ asciiExtensions: e.target.value })}
            />
          </div>
        </div>
        {CHECKS.map((c) => (
          <label key={c.key} className="dialog-check">
            <input type="checkbox" checked={form[c.key]} onChange={(e) => update({ [c.key]: e.target.checked })} />
            {c.label}
          </label>
        ))}
        <StatusLine tone={message?.tone ?? 'info'} message={message?.text ?? null} />
        <div>
          <button type="submit" className="button" disabled={saving}>
            Save transfer settings
          </button>
        </div>
      </form>
    </section>
  );
}
