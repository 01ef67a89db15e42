/**
 * The Site Manager's settings form as plain data (what the inputs hold, as
 * typed) and the rules that turn it back into a `Site` for `sites.save`.
 * Pure, so validation, protocol switching and the secret rules are tested
 * without a DOM, and the form cannot send anything main's schema refuses
 * without saying why next to the field first.
 */
import { DEFAULT_PORTS, type Charset, type LogonType, type Protocol, type TlsVersion } from '../../../shared/model/session.js';
import type { Bookmark, SecretMode, Site, SiteColor, SiteTransferMode } from '../../../shared/model/site.js';
import { logonTypesFor } from '../quick-connect/quick-connect-form.js';
import { NO_SECRET_EDITS, firstError, optionalInt, validateSiteForm, type SecretEdit, type SecretEdits, type SiteFormErrors, type SiteFormField } from './site-form-rules.js';



/** What the inputs hold, as typed (numbers as text), so a half-typed value is never lost or coerced. */
export interface SiteForm {
  readonly name: string;
  readonly protocol: Protocol;
  readonly host: string;
  /** As typed; empty means the protocol's default port. */
  readonly port: string;
  readonly logonType: LogonType;
  readonly user: string;
  readonly keyFile: string;
  readonly transferMode: SiteTransferMode;
  readonly charset: Charset;
  readonly remoteDir: string;
  readonly localDir: string;
  /** Empty: the app-wide default. */
  readonly maxConnections: string;
  readonly tempNameUploads: boolean;
  readonly maxTlsVersion: TlsVersion | '';
  /** Empty: the app-wide default. */
  readonly timeoutSeconds: string;
  readonly comments: string;
  readonly color: SiteColor | '';
  readonly bookmarks: readonly Bookmark[];
}

/** The form for a stored site: optional numbers and folders as empty text. */
export function siteToForm(site: Site): SiteForm {
  return {
    name: site.name,
    protocol: site.protocol,
    host: site.host,
    port: String(site.port),
    logonType: site.logonType,
    user: site.user,
    keyFile: site.keyFile ?? '',
    transferMode: site.transferMode,
    charset: site.charset,
    remoteDir: site.remoteDir ?? '',
    localDir: site.localDir ?? '',
    maxConnections: site.maxConnections === null ? '' : String(site.maxConnections),
    tempNameUploads: site.tempNameUploads,
    maxTlsVersion: site.maxTlsVersion ?? '',
    timeoutSeconds: site.timeoutSeconds === null ? '' : String(site.timeoutSeconds),
    comments: site.comments,
    color: site.color ?? '',
    bookmarks: site.bookmarks,
  };
}

/** True when nothing the user can see differs (bookmarks compared by value). */
export function sameForm(a: SiteForm, b: SiteForm): boolean {
  for (const key of Object.keys(a) as (keyof SiteForm)[]) {
    if (key === 'bookmarks') continue;
    if (a[key] !== b[key]) return false;
  }
  return JSON.stringify(a.bookmarks) === JSON.stringify(b.bookmarks);
}

/**
 * Switches the protocol like the quick-connect bar does: a port left at the
 * old protocol's default (or empty) follows the new default, a typed port
 * stays, and a logon type the new protocol lacks falls back to `normal`.
 */
export function switchSiteProtocol(form: SiteForm, protocol: Protocol): SiteForm {
  if (protocol === form.protocol) return form;
  const typed = form.port.trim();
  const port = typed === '' || Number(typed) === DEFAULT_PORTS[form.protocol] ? String(DEFAULT_PORTS[protocol]) : form.port;
  const logonType = logonTypesFor(protocol).includes(form.logonType) ? form.logonType : 'normal';
  return { ...form, protocol, port, logonType };
}

/** The site to save with its `sites.save` secret params, or the problems to show. */
export type FormToSiteResult =
  | { readonly ok: true; readonly site: Site; readonly password: string | null | undefined; readonly passphrase: string | null | undefined }
  | { readonly ok: false; readonly errors: SiteFormErrors; readonly first: SiteFormField };

/** The text, trimmed, or null when empty (optional folders). */
const orNull = (text: string): string | null => (text.trim() === '' ? null : text.trim());

/** Whether the logon type keeps a password / a key passphrase at all. */
export const usesSitePassword = (logonType: LogonType): boolean => logonType === 'normal';
/** Only key logons have a passphrase to keep. */
export const usesPassphrase = (logonType: LogonType): boolean => logonType === 'key';

/**
 * What `sites.save` gets for one secret: the typed text to store, null to
 * remove the stored one, undefined to keep it. A logon type that does not use
 * the secret drops a stored one (as FileZilla does), so switching a site to
 * "Ask for password" really stops it being stored.
 */
export function secretParam(edit: SecretEdit, used: boolean, current: SecretMode): string | null | undefined {
  if (!used) return current === 'stored' ? null : undefined;
  if (edit.typed !== '') return edit.typed;
  if (edit.clear) return current === 'none' ? undefined : null;
  return undefined;
}

/** The secret mode a site will have after saving `param` (main decides for real; this keeps the site consistent). */
function modeAfter(current: SecretMode, param: string | null | undefined): SecretMode {
  if (param === undefined) return current;
  return param === null ? 'none' : 'stored';
}

/** Validates the form and builds the site over `base` (its id, kind and secret modes). */
export function formToSite(form: SiteForm, base: Site, secrets: SecretEdits = NO_SECRET_EDITS): FormToSiteResult {
  const errors = validateSiteForm(form, secrets);
  const first = firstError(errors);
  if (first) return { ok: false, errors, first };
  const logonType = logonTypesFor(form.protocol).includes(form.logonType) ? form.logonType : 'normal';
  const password = secretParam(secrets.password, usesSitePassword(logonType), base.secret);
  const passphrase = secretParam(secrets.passphrase, usesPassphrase(logonType), base.keyPassphrase);
  const site: Site = {
    ...base,
    name: form.name.trim(),
    protocol: form.protocol,
    host: form.host.trim(),
    port: optionalInt(form.port, 1, 65535) ?? DEFAULT_PORTS[form.protocol],
    logonType,
    user: form.user.trim(),
    secret: modeAfter(base.secret, password),
    keyFile: logonType === 'key' ? orNull(form.keyFile) : base.keyFile,
    keyPassphrase: modeAfter(base.keyPassphrase, passphrase),
    transferMode: form.transferMode,
    charset: form.charset,
    remoteDir: orNull(form.remoteDir),
    localDir: orNull(form.localDir),
    maxConnections: optionalInt(form.maxConnections, 1, 10),
    tempNameUploads: form.tempNameUploads,
    maxTlsVersion: form.maxTlsVersion === '' ? null : form.maxTlsVersion,
    timeoutSeconds: optionalInt(form.timeoutSeconds, 1, 600),
    comments: form.comments,
    color: form.color === '' ? null : form.color,
    bookmarks: form.bookmarks,
  };
  return { ok: true, site, password, passphrase };
}
