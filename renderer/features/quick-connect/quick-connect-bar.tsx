/**
 * The quick-connect bar: protocol, host, port, credentials and transfer mode,
 * one button that connects or disconnects, and one alert line for connection
 * errors. Pasting (or leaving) a URL in Host spreads it over the fields.
 */
import { useId, useState, type ClipboardEvent, type KeyboardEvent, type ReactElement } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { PROTOCOLS, PROTOCOL_LABELS, DEFAULT_PORTS, type Protocol, type TransferMode } from '../../../shared/model/session.js';
import type { ConnectionStore } from '../../stores/connection-store.js';
import { StatusLine } from '../../ui/status-line.js';
import { applyHostInput, EMPTY_FORM, toConnectParams, type QuickConnectForm } from './quick-connect-form.js';
import { Field } from './field.js';

interface QuickConnectBarProps {
  readonly store: StoreApi<ConnectionStore>;
}

export function QuickConnectBar({ store }: QuickConnectBarProps): ReactElement {
  const connection = useStore(store, (s) => s.connection);
  const [form, setForm] = useState<QuickConnectForm>(EMPTY_FORM);
  const id = useId();
  const connecting = connection.status === 'connecting';
  const connected = connection.status === 'connected';

  const update = (patch: Partial<QuickConnectForm>): void => setForm((f) => ({ ...f, ...patch }));

  const connect = (): void => {
    if (connecting) return;
    const expanded = applyHostInput(form, form.host) ?? form;
    if (expanded !== form) setForm(expanded);
    const result = toConnectParams(expanded);
    if (!result.ok) store.getState().fail(result.message);
    else void store.getState().connect(result.params, expanded.path);
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
  };

  const onHostBlur = (): void => {
    const next = applyHostInput(form, form.host);
    if (next) setForm(next);
  };

  return (
    <form className="quick-connect" aria-label="Quick connect" onKeyDown={onKeyDown} onSubmit={(e) => e.preventDefault()}>
      <div className="quick-connect-fields">
        <Field id={`${id}-protocol`} label="Protocol">
          <select id={`${id}-protocol`} value={form.protocol} onChange={(e) => update({ protocol: e.target.value as Protocol })}>
            {PROTOCOLS.map((p) => (
              <option key={p} value={p}>
                {PROTOCOL_LABELS[p]}
              </option>
            ))}
          </select>
        </Field>
        <Field id={`${id}-host`} label="Host" grow>
          <input
            id={`${id}-host`}
            type="text"
            value={form.host}
            placeholder="ftp.example.com or ftp://user@host/path"
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => update({ host: e.target.value, path: null })}
            onPaste={onHostPaste}
            onBlur={onHostBlur}
          />
        </Field>
        <Field id={`${id}-port`} label="Port" narrow>
          <input
            id={`${id}-port`}
            type="text"
            inputMode="numeric"
            value={form.port}
            placeholder={String(DEFAULT_PORTS[form.protocol])}
            autoComplete="off"
            onChange={(e) => update({ port: e.target.value })}
          />
        </Field>
        <Field id={`${id}-user`} label="Username">
          <input id={`${id}-user`} type="text" value={form.user} placeholder="anonymous" autoComplete="off" spellCheck={false} onChange={(e) => update({ user: e.target.value })} />
        </Field>
        <Field id={`${id}-password`} label="Password">
          <input id={`${id}-password`} type="password" value={form.password} autoComplete="off" onChange={(e) => update({ password: e.target.value })} />
        </Field>
        <Field id={`${id}-mode`} label="Transfer mode">
          <select id={`${id}-mode`} value={form.transferMode} onChange={(e) => update({ transferMode: e.target.value as TransferMode })}>
            <option value="passive">Passive</option>
            <option value="active">Active</option>
          </select>
        </Field>
        <button
          type="button"
          className={`button button-primary connect-button${connecting ? ' is-busy' : ''}`}
          disabled={connecting}
          aria-busy={connecting}
          onClick={connected ? () => void store.getState().disconnect() : connect}
        >
          {connecting ? 'Connecting…' : connected ? 'Disconnect' : 'Connect'}
        </button>
      </div>
      <StatusLine tone="error" message={connection.status === 'error' ? connection.message : null} className="quick-connect-error" />
    </form>
  );
}
