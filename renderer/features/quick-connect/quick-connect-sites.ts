/**
 * Where the quick-connect bar meets the Site Manager: "Save as site" turns
 * the typed fields into a saved site, and a recent server fills the fields
 * back in. Pure, so what is kept (and that a password never comes from the
 * history) is tested without a DOM.
 */
import { DEFAULT_PORTS, isFtpFamily } from '../../../shared/model/session.js';
import { makeSite, type RecentServer, type Site } from '../../../shared/model/site.js';
import { PROTOCOL_SHORT_LABELS } from '../site-manager/labels.js';
import { applyHostInput, logonTypesFor, usesTls, type FormField, type QuickConnectForm } from './quick-connect-form.js';

/** A site ready for `sites.save`, or the field to mark and why. */
export type SaveAsSiteResult =
  /** `password`: the typed password to store with it (normal logon only); absent when none was typed. */
  | { readonly ok: true; readonly site: Site; readonly password?: string }
  | { readonly ok: false; readonly field: FormField; readonly message: string };

const HOST = /^[A-Za-z0-9._:%-]+$/;

/**
 * A new site (id `id`, named after the host) from the quick-connect fields,
 * including a URL's folder as its initial remote folder. An empty user on
 * FTP becomes the Anonymous logon type, as connecting would treat it.
 */
export function quickFormToSite(form: QuickConnectForm, id: string): SaveAsSiteResult {
  const f = applyHostInput(form, form.host) ?? form;
  const host = f.host.trim();
  if (host === '') return { ok: false, field: 'host', message: 'Enter a host name or address.' };
  if (!HOST.test(host) || host.length > 255) return { ok: false, field: 'host', message: 'A host name may contain only letters, digits, dots, hyphens and colons.' };
  const portText = f.port.trim();
  const port = portText === '' ? DEFAULT_PORTS[f.protocol] : /^\d{1,5}$/.test(portText) ? Number(portText) : Number.NaN;
  if (!(port >= 1 && port <= 65535)) return { ok: false, field: 'port', message: 'The port must be a number from 1 to 65535.' };

  const ftp = isFtpFamily(f.protocol);
  const user = f.user.trim();
  let logonType = logonTypesFor(f.protocol).includes(f.logonType) ? f.logonType : 'normal';
  if (ftp && logonType === 'normal' && user === '') logonType = 'anonymous';
  if (!ftp && logonType !== 'anonymous' && user === '') return { ok: false, field: 'user', message: 'SFTP needs a user name: enter the account to log in as.' };
  const keyFile = f.keyFile.trim();
  if (logonType === 'key' && keyFile === '') return { ok: false, field: 'keyFile', message: 'Enter the path of the private key file.' };

  const site = makeSite(id, host, {
    protocol: f.protocol,
    host,
    port,
    logonType,
    user: logonType === 'anonymous' ? '' : user,
    keyFile: logonType === 'key' ? keyFile : null,
    transferMode: ftp && f.transferMode === 'active' ? 'active' : 'default',
    charset: ftp ? f.charset : 'auto',
    maxTlsVersion: usesTls(f.protocol) && f.maxTlsVersion !== '' ? f.maxTlsVersion : null,
    remoteDir: f.path && f.path !== '/' ? f.path : null,
  });
  const password = logonType === 'normal' && f.password !== '' ? f.password : undefined;
  return password === undefined ? { ok: true, site } : { ok: true, site, password };
}

/** Fills the fields from a history entry: never a password (the history has none), and no leftover URL folder. */
export function applyRecent(form: QuickConnectForm, recent: RecentServer): QuickConnectForm {
  const logonType = logonTypesFor(recent.protocol).includes(recent.logonType) ? recent.logonType : 'normal';
  return {
    ...form,
    protocol: recent.protocol,
    host: recent.host,
    port: recent.port === DEFAULT_PORTS[recent.protocol] ? '' : String(recent.port),
    user: logonType === 'anonymous' ? '' : recent.user,
    password: '',
    logonType,
    path: null,
  };
}

/** One line per history entry: `user@host:port (SFTP)`, the port only when not the default. */
export function recentLabel(recent: RecentServer): string {
  const port = recent.port === DEFAULT_PORTS[recent.protocol] ? '' : `:${recent.port}`;
  const user = recent.user && recent.logonType !== 'anonymous' ? `${recent.user}@` : '';
  return `${user}${recent.host}${port} (${PROTOCOL_SHORT_LABELS[recent.protocol]})`;
}
