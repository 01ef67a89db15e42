/**
 * The site form's first section: where and how to log in. The password is
 * write-only: a stored one shows as "(unchanged)" and can be replaced or
 * cleared, but its value never comes to this window.
 */
import type { ReactElement } from 'react';
import type { LogonType, Protocol } from '../../../shared/model/session.js';
import type { Site } from '../../../shared/model/site.js';
import type { SitesState } from '../../../shared/model/sites-state.js';
import { LabelledField, controlProps } from '../../ui/labelled-field.js';
import { KeyFileField, LogonTypeField, PortField, ProtocolField } from '../quick-connect/connection-fields.js';
import { usesPassphrase, usesSitePassword, type SiteForm } from './site-form.js';
import type { SecretEdit, SecretEdits, SiteFormErrors } from './site-form-rules.js';
import { SecretField } from './secret-field.js';

/** What every section of the site form gets. */
export interface SiteFieldsProps {
  readonly form: SiteForm;
  readonly errors: SiteFormErrors;
  /** Prefix of the controls' ids (`${prefix}-host`...), so errors can focus them. */
  readonly idPrefix: string;
  readonly update: (patch: Partial<SiteForm>) => void;
}

interface GeneralFieldsProps extends SiteFieldsProps {
  /** The site as stored: whether a password / passphrase is saved. */
  readonly site: Site;
  readonly secrets: SecretEdits;
  readonly secretsKind: SitesState['secrets']['kind'] | null;
  readonly setProtocol: (protocol: Protocol) => void;
  readonly setSecret: (kind: keyof SecretEdits, edit: SecretEdit) => void;
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

/** Where a typed password goes, in words: the user should know before typing it. */
function storageHint(kind: GeneralFieldsProps['secretsKind']): string | null {
  if (kind === 'vault') return 'Saved in Ferry’s password vault, protected by your master password.';
  if (kind === 'os-keychain') return 'Saved in the system keychain.';
  if (kind === 'ask') return 'Passwords cannot be saved here: you will be asked when connecting.';
  return null;
}

/** Name, protocol, host, port, logon, user and the write-only secrets. */
export function SiteGeneralFields({ form, errors, idPrefix, update, site, secrets, secretsKind, setProtocol, setSecret }: GeneralFieldsProps): ReactElement {
  const ids = (field: string): string => `${idPrefix}-${field}`;
  const passwordUsed = usesSitePassword(form.logonType);
  return (
    <fieldset className="form-section">
      <legend>Connection</legend>
      <LabelledField id={ids('name')} label="Name" error={errors.name}>
        <input {...controlProps(ids('name'), errors.name)} type="text" value={form.name} autoComplete="off" onChange={(e) => update({ name: e.target.value })} />
      </LabelledField>
      <ProtocolField layout="row" id={ids('protocol')} value={form.protocol} onChange={setProtocol} />
      <LabelledField id={ids('host')} label="Host" error={errors.host}>
        <input
          {...controlProps(ids('host'), errors.host)}
          type="text"
          value={form.host}
          placeholder="ftp.example.com"
          aria-required="true"
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => update({ host: e.target.value })}
        />
      </LabelledField>
      <PortField layout="row" control={controlProps(ids('port'), errors.port)} error={errors.port} protocol={form.protocol} value={form.port} onChange={(port) => update({ port })} />
      <LogonTypeField layout="row" id={ids('logonType')} protocol={form.protocol} value={form.logonType} onChange={(logonType) => update({ logonType })} />
      <LabelledField id={ids('user')} label="User" error={errors.user}>
        <input
          {...controlProps(ids('user'), errors.user)}
          type="text"
          value={form.logonType === 'anonymous' ? '' : form.user}
          disabled={form.logonType === 'anonymous'}
          placeholder={form.logonType === 'anonymous' ? 'anonymous' : ''}
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => update({ user: e.target.value })}
        />
      </LabelledField>
      <SecretField
        id={ids('password')}
        label="Password"
        clearLabel="Clear saved password"
        used={passwordUsed}
        disabledHint={PASSWORD_HINTS[form.logonType]}
        stored={site.secret === 'stored'}
        edit={secrets.password}
        error={errors.password}
        hint={passwordUsed ? storageHint(secretsKind) : null}
        onChange={(edit) => setSecret('password', edit)}
      />
      {form.logonType === 'key' ? (
        <>
          <KeyFileField layout="row" control={controlProps(ids('keyFile'), errors.keyFile)} error={errors.keyFile} value={form.keyFile} onChange={(keyFile) => update({ keyFile })} />
          <SecretField
            id={ids('passphrase')}
            label="Key passphrase"
            clearLabel="Clear saved passphrase"
            used={usesPassphrase(form.logonType)}
            disabledHint=""
            stored={site.keyPassphrase === 'stored'}
            edit={secrets.passphrase}
            error={errors.passphrase}
            hint="Leave empty if the key has none, or to be asked when connecting."
            onChange={(edit) => setSecret('passphrase', edit)}
          />
        </>
      ) : null}
    </fieldset>
  );
}
