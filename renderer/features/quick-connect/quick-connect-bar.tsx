/**
 * The quick-connect bar: protocol, host (with the recent servers beside it),
 * port, credentials and transfer mode, one button that connects or
 * disconnects, "Save as site", a "Connection options" panel for the rest, and
 * one line under it for how the last attempt ended. Pasting (or leaving) a
 * URL in Host spreads it over the fields.
 */
import { useEffect, useId, useRef, useState, type ClipboardEvent, type KeyboardEvent, type ReactElement } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { isFtpFamily, type LogonType, type Protocol, type TransferMode } from '../../../shared/model/session.js';
import type { ConnectionStore } from '../../stores/connection-store.js';
import type { SitesStore } from '../../stores/sites-store.js';
import type { UiStore } from '../../stores/ui-store.js';
import type { RecentServer } from '../../../shared/model/site.js';
import { ChevronIcon } from '../../ui/icons.js';
import { LabelledField } from '../../ui/labelled-field.js';
import {
  applyHostInput,
  changedOptionCount,
  EMPTY_FORM,
  OPTION_FIELDS,
  switchProtocol,
  toConnectParams,
  usesPassword,
  usesUser,
  type FormField,
  type QuickConnectForm,
} from './quick-connect-form.js';
import { ConnectionAlert } from './connection-alert.js';
import { ConnectionOptions } from './connection-options.js';
import { PortField, ProtocolField } from './connection-fields.js';
import { applyRecent } from './quick-connect-sites.js';
import { RecentServersMenu } from './recent-servers-menu.js';
import { SaveAsSiteButton } from './save-as-site-button.js';

interface QuickConnectBarProps {
  readonly store: StoreApi<ConnectionStore>;
  readonly sites: StoreApi<SitesStore>;
  readonly ui: StoreApi<UiStore>;
}

/** What the disabled Password field says instead, per logon type. */
const PASSWORD_HINTS: Readonly<Record<LogonType, string>> = {
  normal: '',
  anonymous: 'not needed',
  ask: 'asked when connecting',
  key: 'not used (key file)',
  agent: 'not used (SSH agent)',
  interactive: 'asked by the server',
};

export function QuickConnectBar({ store, sites, ui }: QuickConnectBarProps): ReactElement {
  const connection = useStore(store, (s) => s.connection);
  const [form, setForm] = useState<QuickConnectForm>(EMPTY_FORM);
  const [optionsOpen, setOptionsOpen] = useState(false);
  /** A problem of the form (`field` null: not about one field, e.g. a failed "Save as site"). */
  const [formError, setFormError] = useState<{ readonly field: FormField | null; readonly message: string } | null>(null);
  /** A field to focus after the next render (it may be in the panel that is just opening). */
  const focusNext = useRef<FormField | null>(null);
  const id = useId();
  const alertId = `${id}-alert`;
  const connecting = connection.status === 'connecting';
  const connected = connection.status === 'connected';
  const optionCount = changedOptionCount(form);

  useEffect(() => {
    const field = focusNext.current;
    if (!field) return;
    focusNext.current = null;
    document.getElementById(`${id}-${field}`)?.focus();
  });

  /** Applies a change; a problem reported for an edited field is cleared. */
  const update = (patch: Partial<QuickConnectForm>): void => {
    setForm((f) => ({ ...f, ...patch }));
    if (formError && (formError.field === null || formError.field in patch || 'logonType' in patch || 'transferMode' in patch)) setFormError(null);
  };

  const fieldProps = (field: FormField): { id: string; 'aria-invalid'?: true; 'aria-describedby'?: string } =>
    formError?.field === field ? { id: `${id}-${field}`, 'aria-invalid': true, 'aria-describedby': alertId } : { id: `${id}-${field}` };

  const connect = (): void => {
    if (connecting) return;
    const expanded = applyHostInput(form, form.host) ?? form;
    if (expanded !== form) setForm(expanded);
    const result = toConnectParams(expanded);
    if (!result.ok) {
      setFormError({ field: result.field, message: result.message });
      if (OPTION_FIELDS.has(result.field)) setOptionsOpen(true);
      focusNext.current = result.field;
      return;
    }
    setFormError(null);
    void store.getState().connect(result.params, expanded.path);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>): void => {
    // Handled here, not by implicit submission: that skips <select> and forms without a submit button.
    if (event.key !== 'Enter' || event.nativeEvent.isComposing) return;
    if (event.target instanceof HTMLButtonElement) return;
    event.preventDefault();
    connect();
  };

  const onHostPaste = (event: ClipboardEvent<HTMLInputElement>): void => {
    const input = event.currentTarget;
    const pasted = event.clipboardData.getData('text');
    const start = input.selectionStart ?? input.value.length;
    const end = input.selectionEnd ?? input.value.length;
    const next = applyHostInput(form, input.value.slice(0, start) + pasted + input.value.slice(end));
    if (!next) return;
    event.preventDefault();
    setForm(next);
    if (formError?.field === 'host') setFormError(null);
  };

  const onHostBlur = (): void => {
    const next = applyHostInput(form, form.host);
    if (next) setForm(next);
  };

  /** Shows a problem found by "Save as site", focusing its field (opening the options panel for one there). */
  const onSaveProblem = (field: FormField | null, message: string): void => {
    setFormError({ field, message });
    if (field === null) return;
    if (OPTION_FIELDS.has(field)) setOptionsOpen(true);
    focusNext.current = field;
  };

  const onRecent = (recent: RecentServer): void => {
    setForm((f) => applyRecent(f, recent));
    setFormError(null);
    focusNext.current = 'host';
  };

  const onProtocol = (protocol: Protocol): void => {
    setForm((f) => switchProtocol(f, protocol));
    setFormError(null);
  };

  const userUsed = usesUser(form.logonType);
  const passwordUsed = usesPassword(form.logonType);
  const ftp = isFtpFamily(form.protocol);
  const optionsId = `${id}-options`;

  return (
    <form className="quick-connect" aria-label="Quick connect" onKeyDown={onKeyDown} onSubmit={(e) => e.preventDefault()}>
      <div className="quick-connect-fields">
        <ProtocolField layout="inline" id={`${id}-protocol`} value={form.protocol} onChange={onProtocol} />
        <LabelledField layout="inline" id={`${id}-host`} label="Host" grow>
          <input
            {...fieldProps('host')}
            type="text"
            value={form.host}
            placeholder={ftp ? 'ftp.example.com or ftp://user@host/path' : 'host.example.com or sftp://user@host/path'}
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => update({ host: e.target.value, path: null })}
            onPaste={onHostPaste}
            onBlur={onHostBlur}
          />
        </LabelledField>
        <RecentServersMenu sites={sites} onPick={onRecent} />
        <PortField layout="inline" control={fieldProps('port')} protocol={form.protocol} value={form.port} onChange={(port) => update({ port })} />
        <LabelledField layout="inline" id={`${id}-user`} label="Username">
          <input
            {...fieldProps('user')}
            type="text"
            value={userUsed ? form.user : ''}
            disabled={!userUsed}
            placeholder={!userUsed || ftp ? 'anonymous' : 'required'}
            aria-required={ftp ? undefined : true}
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => update({ user: e.target.value })}
          />
        </LabelledField>
        <LabelledField layout="inline" id={`${id}-password`} label="Password">
          <input
            id={`${id}-password`}
            type="password"
            value={passwordUsed ? form.password : ''}
            disabled={!passwordUsed}
            placeholder={PASSWORD_HINTS[form.logonType]}
            autoComplete="off"
            onChange={(e) => update({ password: e.target.value })}
          />
        </LabelledField>
        {ftp ? (
          <LabelledField layout="inline" id={`${id}-mode`} label="Transfer mode">
            <select id={`${id}-mode`} value={form.transferMode} onChange={(e) => update({ transferMode: e.target.value as TransferMode })}>
              <option value="passive">Passive</option>
              <option value="active">Active</option>
            </select>
          </LabelledField>
        ) : null}
        <button
          type="button"
          className={`button button-primary connect-button${connecting ? ' is-busy' : ''}`}
          // aria-disabled, not disabled: the button keeps focus while connecting (a trust dialog returns it there).
          aria-disabled={connecting}
          aria-busy={connecting}
          onClick={connected ? () => void store.getState().disconnect() : connect}
        >
          {connecting ? 'Connecting…' : connected ? 'Disconnect' : 'Connect'}
        </button>
        <button
          type="button"
          className={`button options-toggle${optionsOpen ? ' is-open' : ''}`}
          aria-expanded={optionsOpen}
          aria-controls={optionsId}
          aria-describedby={optionCount > 0 ? `${id}-options-count` : undefined}
          onClick={() => setOptionsOpen((open) => !open)}
        >
          Connection options
          {optionCount > 0 ? (
            <span className="options-badge" aria-hidden="true">
              {optionCount}
            </span>
          ) : null}
          <ChevronIcon className="options-chevron" />
        </button>
        <SaveAsSiteButton form={form} sites={sites} ui={ui} onProblem={onSaveProblem} />
        {optionCount > 0 ? (
          <span id={`${id}-options-count`} className="visually-hidden">
            {optionCount === 1 ? '1 option changed' : `${optionCount} options changed`}
          </span>
        ) : null}
      </div>
      <div id={optionsId} className="connection-options" hidden={!optionsOpen}>
        {/* Rendered only while open, so its fields never shadow the bar's in label lookups. */}
        {optionsOpen ? <ConnectionOptions form={form} update={update} fieldProps={fieldProps} idPrefix={id} /> : null}
      </div>
      <ConnectionAlert store={store} connection={connection} formError={formError?.message ?? null} id={alertId} />
    </form>
  );
}
