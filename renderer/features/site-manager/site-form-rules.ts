/**
 * The rules a site's settings must meet before `sites.save` (the same ones
 * main's schema applies), worded for the field each problem is shown under.
 * Pure, so every message is tested without a DOM.
 */
import type { SiteForm } from './site-form.js';

/** A secret field's edit: text typed (empty = keep what is stored), or "Clear saved password" pressed. */
export interface SecretEdit {
  readonly typed: string;
  readonly clear: boolean;
}

/** Nothing typed, nothing cleared: the stored secret stays as it is. */
export const NO_SECRET_EDIT: SecretEdit = { typed: '', clear: false };

/** Fields an error can point at (the form marks and focuses the first one). */
export type SiteFormField =
  | 'name'
  | 'host'
  | 'port'
  | 'user'
  | 'password'
  | 'keyFile'
  | 'passphrase'
  | 'remoteDir'
  | 'localDir'
  | 'maxConnections'
  | 'timeoutSeconds'
  | 'comments';

/** One message per field with a problem. */
export type SiteFormErrors = Partial<Record<SiteFormField, string>>;

/** Display order, so "the first error" is the one highest on screen. */
export const FIELD_ORDER: readonly SiteFormField[] = ['name', 'host', 'port', 'user', 'password', 'keyFile', 'passphrase', 'maxConnections', 'timeoutSeconds', 'remoteDir', 'localDir', 'comments'];

/** The two secret fields' edits. */
export interface SecretEdits {
  readonly password: SecretEdit;
  readonly passphrase: SecretEdit;
}

/** Both secret fields untouched. */
export const NO_SECRET_EDITS: SecretEdits = { password: NO_SECRET_EDIT, passphrase: NO_SECRET_EDIT };


const CONTROL = /[\0-\x1f\x7f]/;
const LINE_BREAK = /[\r\n\0]/;
const HOST = /^[A-Za-z0-9._:%-]+$/;

/** A whole number in [min, max] from the text, null when empty, NaN when invalid. */
export function optionalInt(text: string, min: number, max: number): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  if (!/^\d{1,6}$/.test(trimmed)) return Number.NaN;
  const value = Number(trimmed);
  return value >= min && value <= max ? value : Number.NaN;
}


/** The problems of the form's own fields, worded for the field they appear under. */
export function validateSiteForm(form: SiteForm, secrets: SecretEdits = NO_SECRET_EDITS): SiteFormErrors {
  const errors: SiteFormErrors = {};
  const name = form.name.trim();
  if (name === '') errors.name = 'Enter a name for the site.';
  else if (name.length > 255) errors.name = 'The name may have at most 255 characters.';
  else if (CONTROL.test(name)) errors.name = 'The name must not contain control characters.';

  const host = form.host.trim();
  if (host === '') errors.host = 'Enter a host name or address.';
  else if (host.includes('://')) errors.host = 'Enter only the host name here, without “ftp://”: choose the protocol above.';
  else if (host.length > 255 || !HOST.test(host)) errors.host = 'A host name may contain only letters, digits, dots, hyphens and colons.';

  const port = optionalInt(form.port, 1, 65535);
  if (Number.isNaN(port)) errors.port = 'The port must be a number from 1 to 65535.';

  if (LINE_BREAK.test(form.user)) errors.user = 'The user name must not contain line breaks.';
  else if (form.user.length > 256) errors.user = 'The user name may have at most 256 characters.';
  else if (form.protocol === 'sftp' && form.logonType !== 'anonymous' && form.user.trim() === '') errors.user = 'SFTP needs a user name: enter the account to log in as.';

  if (LINE_BREAK.test(secrets.password.typed)) errors.password = 'The password must not contain line breaks.';
  if (LINE_BREAK.test(secrets.passphrase.typed)) errors.passphrase = 'The passphrase must not contain line breaks.';

  if (form.logonType === 'key') {
    if (form.keyFile.trim() === '') errors.keyFile = 'Enter the path of the private key file.';
    else if (LINE_BREAK.test(form.keyFile)) errors.keyFile = 'The key file path must not contain line breaks.';
  }
  for (const field of ['remoteDir', 'localDir'] as const) {
    if (LINE_BREAK.test(form[field])) errors[field] = 'A folder must not contain line breaks.';
    else if (form[field].length > 4096) errors[field] = 'This folder path is too long.';
  }
  if (Number.isNaN(optionalInt(form.maxConnections, 1, 10))) errors.maxConnections = 'Enter a whole number from 1 to 10, or leave it empty for the default.';
  if (Number.isNaN(optionalInt(form.timeoutSeconds, 1, 600))) errors.timeoutSeconds = 'Enter a number of seconds from 1 to 600, or leave it empty for the default.';
  if (form.comments.length > 10_000) errors.comments = 'Comments may have at most 10,000 characters.';
  return errors;
}

/** The first field with a problem, in screen order. */
export function firstError(errors: SiteFormErrors): SiteFormField | null {
  return FIELD_ORDER.find((field) => errors[field] !== undefined) ?? null;
}

