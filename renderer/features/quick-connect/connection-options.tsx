/**
 * The "Connection options" panel under the quick-connect bar: logon type and
 * key file, and the FTP-only settings (charset, maximum TLS version, server
 * time zone, active mode's port range and external address). Shows only what
 * applies to the chosen protocol; values the user leaves alone are not sent.
 */
import { useMemo, type ReactElement } from 'react';
import { CHARSETS, CHARSET_LABELS, LOGON_TYPE_LABELS, isFtpFamily, type Charset, type LogonType, type TlsVersion } from '../../../shared/model/session.js';
import { Field } from './field.js';
import { logonTypesFor, usesTls, type FormField, type QuickConnectForm } from './quick-connect-form.js';

interface ConnectionOptionsProps {
  readonly form: QuickConnectForm;
  readonly update: (patch: Partial<QuickConnectForm>) => void;
  /** Props for a validated field's control: id, aria-invalid, aria-describedby. */
  readonly fieldProps: (field: FormField) => { id: string; 'aria-invalid'?: true; 'aria-describedby'?: string };
  readonly idPrefix: string;
}

const TLS_VERSIONS: readonly { readonly value: TlsVersion | ''; readonly label: string }[] = [
  { value: '', label: 'Default' },
  { value: 'TLSv1.2', label: 'TLS 1.2' },
  { value: 'TLSv1.3', label: 'TLS 1.3' },
];

/** IANA zone names for the time-zone suggestions (the browser's own list). */
function timeZones(): readonly string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return [];
  }
}

export function ConnectionOptions({ form, update, fieldProps, idPrefix }: ConnectionOptionsProps): ReactElement {
  const ftp = isFtpFamily(form.protocol);
  const active = form.transferMode === 'active';
  const zones = useMemo(timeZones, []);
  const logonId = `${idPrefix}-logonType`;
  const charsetId = `${idPrefix}-charset`;
  const tlsId = `${idPrefix}-maxTls`;
  const zonesId = `${idPrefix}-zones`;
  const activeNoteId = `${idPrefix}-active-note`;
  const keyFile = fieldProps('keyFile');
  const zone = fieldProps('serverTimezone');
  const from = fieldProps('activePortFrom');
  const to = fieldProps('activePortTo');
  const external = fieldProps('externalAddress');

  return (
    <div className="connection-options-fields">
      <Field id={logonId} label="Logon type">
        <select id={logonId} value={form.logonType} onChange={(e) => update({ logonType: e.target.value as LogonType })}>
          {logonTypesFor(form.protocol).map((type) => (
            <option key={type} value={type}>
              {LOGON_TYPE_LABELS[type]}
            </option>
          ))}
        </select>
      </Field>
      {form.logonType === 'key' ? (
        <Field id={keyFile.id} label="Key file" grow>
          <input
            {...keyFile}
            type="text"
            value={form.keyFile}
            placeholder="~/.ssh/id_ed25519"
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => update({ keyFile: e.target.value })}
          />
        </Field>
      ) : null}
      {ftp ? (
        <Field id={charsetId} label="Charset">
          <select id={charsetId} value={form.charset} onChange={(e) => update({ charset: e.target.value as Charset })}>
            {CHARSETS.map((charset) => (
              <option key={charset} value={charset}>
                {CHARSET_LABELS[charset]}
              </option>
            ))}
          </select>
        </Field>
      ) : null}
      {usesTls(form.protocol) ? (
        <Field id={tlsId} label="Maximum TLS version">
          <select id={tlsId} value={form.maxTlsVersion} onChange={(e) => update({ maxTlsVersion: e.target.value as TlsVersion | '' })}>
            {TLS_VERSIONS.map((v) => (
              <option key={v.value} value={v.value}>
                {v.label}
              </option>
            ))}
          </select>
        </Field>
      ) : null}
      {ftp ? (
        <Field id={zone.id} label="Server time zone">
          <input
            {...zone}
            type="text"
            value={form.serverTimezone}
            placeholder="UTC"
            list={zonesId}
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => update({ serverTimezone: e.target.value })}
          />
          <datalist id={zonesId}>
            {zones.map((z) => (
              <option key={z} value={z} />
            ))}
          </datalist>
        </Field>
      ) : null}
      {ftp ? (
        <fieldset className="options-group" disabled={!active} aria-describedby={active ? undefined : activeNoteId}>
          <legend>Active mode</legend>
          <div className="options-group-fields">
            <Field id={from.id} label="Active port range from" narrow>
              <input {...from} type="text" inputMode="numeric" value={form.activePortFrom} autoComplete="off" onChange={(e) => update({ activePortFrom: e.target.value })} />
            </Field>
            <Field id={to.id} label="Active port range to" narrow>
              <input {...to} type="text" inputMode="numeric" value={form.activePortTo} autoComplete="off" onChange={(e) => update({ activePortTo: e.target.value })} />
            </Field>
            <Field id={external.id} label="External address">
              <input
                {...external}
                type="text"
                value={form.externalAddress}
                placeholder="automatic"
                autoComplete="off"
                spellCheck={false}
                onChange={(e) => update({ externalAddress: e.target.value })}
              />
            </Field>
            {active ? null : (
              <p id={activeNoteId} className="options-note">
                Used when Transfer mode is Active.
              </p>
            )}
          </div>
        </fieldset>
      ) : (
        <p className="options-note">Charset, TLS and active-mode options apply to FTP only.</p>
      )}
    </div>
  );
}
