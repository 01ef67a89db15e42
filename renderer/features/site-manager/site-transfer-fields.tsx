/**
 * The site form's transfer settings: FTP's data-connection mode and name
 * encoding, the TLS ceiling for servers that break on TLS 1.3, and the
 * limits. Settings that do not apply to the chosen protocol are not shown,
 * so nobody sets a charset that SFTP would ignore.
 */
import type { ReactElement } from 'react';
import { isFtpFamily } from '../../../shared/model/session.js';
import { SITE_TRANSFER_MODES, type SiteTransferMode } from '../../../shared/model/site.js';
import { usesTls } from '../quick-connect/quick-connect-form.js';
import { LabelledField, controlProps } from '../../ui/labelled-field.js';
import { CharsetField, TlsVersionField } from '../quick-connect/connection-fields.js';
import { TLS_VERSION_OPTIONS, TRANSFER_MODE_LABELS } from './labels.js';
import type { SiteFieldsProps } from './site-general-fields.js';

/** A whole-number limit; empty means the app's default. Both limits share this shape. */
function LimitField({ field, label, form, errors, idPrefix, update }: SiteFieldsProps & { readonly field: 'maxConnections' | 'timeoutSeconds'; readonly label: string }): ReactElement {
  const id = `${idPrefix}-${field}`;
  return (
    <LabelledField id={id} label={label} error={errors[field]}>
      <input
        {...controlProps(id, errors[field])}
        className="input-number"
        type="text"
        inputMode="numeric"
        value={form[field]}
        placeholder="default"
        autoComplete="off"
        onChange={(e) => update({ [field]: e.target.value })}
      />
    </LabelledField>
  );
}

/** Transfer mode, charset, TLS ceiling, limits and temporary-name uploads. */
export function SiteTransferFields({ form, errors, idPrefix, update }: SiteFieldsProps): ReactElement {
  const ids = (field: string): string => `${idPrefix}-${field}`;
  const ftp = isFtpFamily(form.protocol);
  return (
    <fieldset className="form-section">
      <legend>Transfers</legend>
      {ftp ? (
        <>
          <LabelledField id={ids('transferMode')} label="Transfer mode" hint="Default follows the app setting (passive).">
            <select
              {...controlProps(ids('transferMode'), undefined, true)}
              value={form.transferMode}
              onChange={(e) => update({ transferMode: e.target.value as SiteTransferMode })}
            >
              {SITE_TRANSFER_MODES.map((mode) => (
                <option key={mode} value={mode}>
                  {TRANSFER_MODE_LABELS[mode]}
                </option>
              ))}
            </select>
          </LabelledField>
          <CharsetField layout="row" id={ids('charset')} value={form.charset} onChange={(charset) => update({ charset })} />
        </>
      ) : (
        <p className="form-note">Transfer mode and charset apply to FTP only.</p>
      )}
      {usesTls(form.protocol) ? (
        <TlsVersionField layout="row" id={ids('maxTls')} options={TLS_VERSION_OPTIONS} value={form.maxTlsVersion} onChange={(maxTlsVersion) => update({ maxTlsVersion })} />
      ) : null}
      <LimitField field="maxConnections" label="Maximum connections" form={form} errors={errors} idPrefix={idPrefix} update={update} />
      <LimitField field="timeoutSeconds" label="Timeout (seconds)" form={form} errors={errors} idPrefix={idPrefix} update={update} />
      <div className="form-row form-row-check">
        <label className="checkbox">
          <input type="checkbox" checked={form.tempNameUploads} onChange={(e) => update({ tempNameUploads: e.target.checked })} />
          Upload to temporary names
        </label>
        <p className="field-hint">Renamed when complete, so nobody reads a half-written file.</p>
      </div>
    </fieldset>
  );
}
