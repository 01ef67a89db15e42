/**
 * The site form's transfer settings: FTP's data-connection mode and name
 * encoding, the TLS ceiling for servers that break on TLS 1.3, and the
 * limits. Settings that do not apply to the chosen protocol are not shown,
 * so nobody sets a charset that SFTP would ignore.
 */
import type { ReactElement } from 'react';
import { CHARSETS, CHARSET_LABELS, isFtpFamily, type Charset, type TlsVersion } from '../../../shared/model/session.js';
import { SITE_TRANSFER_MODES, type SiteTransferMode } from '../../../shared/model/site.js';
import { usesTls } from '../quick-connect/quick-connect-form.js';
import { FormRow, controlProps } from './form-row.js';
import { TLS_VERSION_OPTIONS, TRANSFER_MODE_LABELS } from './labels.js';
import type { SiteFieldsProps } from './site-general-fields.js';

/** Transfer mode, charset, TLS ceiling, limits and temporary-name uploads. */
export function SiteTransferFields({ form, errors, idPrefix, update }: SiteFieldsProps): ReactElement {
  const ids = (field: string): string => `${idPrefix}-${field}`;
  const ftp = isFtpFamily(form.protocol);
  return (
    <fieldset className="form-section">
      <legend>Transfers</legend>
      {ftp ? (
        <>
          <FormRow id={ids('transferMode')} label="Transfer mode" hint="Default follows the app setting (passive).">
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
          </FormRow>
          <FormRow id={ids('charset')} label="Charset">
            <select id={ids('charset')} value={form.charset} onChange={(e) => update({ charset: e.target.value as Charset })}>
              {CHARSETS.map((charset) => (
                <option key={charset} value={charset}>
                  {CHARSET_LABELS[charset]}
                </option>
              ))}
            </select>
          </FormRow>
        </>
      ) : (
        <p className="form-note">Transfer mode and charset apply to FTP only.</p>
      )}
      {usesTls(form.protocol) ? (
        <FormRow id={ids('maxTls')} label="Maximum TLS version">
          <select id={ids('maxTls')} value={form.maxTlsVersion} onChange={(e) => update({ maxTlsVersion: e.target.value as TlsVersion | '' })}>
            {TLS_VERSION_OPTIONS.map((v) => (
              <option key={v.value} value={v.value}>
                {v.label}
              </option>
            ))}
          </select>
        </FormRow>
      ) : null}
      <FormRow id={ids('maxConnections')} label="Maximum connections" error={errors.maxConnections}>
        <input
          {...controlProps(ids('maxConnections'), errors.maxConnections)}
          className="input-number"
          type="text"
          inputMode="numeric"
          value={form.maxConnections}
          placeholder="default"
          autoComplete="off"
          onChange={(e) => update({ maxConnections: e.target.value })}
        />
      </FormRow>
      <FormRow id={ids('timeoutSeconds')} label="Timeout (seconds)" error={errors.timeoutSeconds}>
        <input
          {...controlProps(ids('timeoutSeconds'), errors.timeoutSeconds)}
          className="input-number"
          type="text"
          inputMode="numeric"
          value={form.timeoutSeconds}
          placeholder="default"
          autoComplete="off"
          onChange={(e) => update({ timeoutSeconds: e.target.value })}
        />
      </FormRow>
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
