/**
 * The "Connection options" panel under the quick-connect bar: logon type and
 * key file, and the FTP-only settings (charset, maximum TLS version, server
 * time zone, active mode's port range and external address). Shows only what
 * applies to the chosen protocol; values the user leaves alone are not sent.
 */
import { useMemo, type ReactElement } from 'react';
import { isFtpFamily, type TlsVersion } from '../../../shared/model/session.js';
import { LabelledField } from '../../ui/labelled-field.js';
import { CharsetField, KeyFileField, LogonTypeField, TlsVersionField } from './connection-fields.js';
import { usesTls, type FormField, type QuickConnectForm } from './quick-connect-form.js';

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
  const zone = fieldProps('serverTimezone');
  const from = fieldProps('activePortFrom');
  const to = fieldProps('activePortTo');
  const external = fieldProps('externalAddress');

  return (
    <div className="connection-options-fields">
      <LogonTypeField layout="inline" id={logonId} protocol={form.protocol} value={form.logonType} onChange={(logonType) => update({ logonType })} />
      {form.logonType === 'key' ? <KeyFileField layout="inline" control={fieldProps('keyFile')} value={form.keyFile} onChange={(keyFile) => update({ keyFile })} /> : null}
      {ftp ? <CharsetField layout="inline" id={charsetId} value={form.charset} onChange={(charset) => update({ charset })} /> : null}
      {usesTls(form.protocol) ? (
        <TlsVersionField layout="inline" id={tlsId} options={TLS_VERSIONS} value={form.maxTlsVersion} onChange={(maxTlsVersion) => update({ maxTlsVersion })} />
      ) : null}
      {ftp ? (
        <LabelledField layout="inline" id={zone.id} label="Server time zone">
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
        </LabelledField>
      ) : null}
      {ftp ? (
        <fieldset className="options-group" disabled={!active} aria-describedby={active ? undefined : activeNoteId}>
          <legend>Active mode</legend>
          <div className="options-group-fields">
            <LabelledField layout="inline" id={from.id} label="Active port range from" narrow>
              <input {...from} type="text" inputMode="numeric" value={form.activePortFrom} autoComplete="off" onChange={(e) => update({ activePortFrom: e.target.value })} />
            </LabelledField>
            <LabelledField layout="inline" id={to.id} label="Active port range to" narrow>
              <input {...to} type="text" inputMode="numeric" value={form.activePortTo} autoComplete="off" onChange={(e) => update({ activePortTo: e.target.value })} />
            </LabelledField>
            <LabelledField layout="inline" id={external.id} label="External address">
              <input
                {...external}
                type="text"
                value={form.externalAddress}
                placeholder="automatic"
                autoComplete="off"
                spellCheck={false}
                onChange={(e) => update({ externalAddress: e.target.value })}
              />
            </LabelledField>
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
