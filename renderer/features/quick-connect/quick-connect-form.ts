/**
 * The quick-connect fields (and the "Connection options" panel) as plain
 * data, and the rules that turn them into `session.connect` params. Pure so
 * URL pasting, protocol switching and validation are tested without a DOM.
 */
import { parseHostInput } from '../../../shared/quick-connect-url.js';
import {
  DEFAULT_PORTS,
  LOGON_TYPES,
  PROTOCOLS,
  isFtpFamily,
  type Charset,
  type LogonType,
  type Protocol,
  type TlsVersion,
  type TransferMode,
} from '../../../shared/model/session.js';
import type { ConnectParams } from '../../stores/connection-store.js';

export interface QuickConnectForm {
  readonly protocol: Protocol;
  readonly host: string;
  /** As typed; empty means the protocol's default port. */
  readonly port: string;
  readonly user: string;
  readonly password: string;
  readonly transferMode: TransferMode;
  /** The folder from a pasted URL, listed after connecting. */
  readonly path: string | null;
  // Connection options (the panel under the bar).
  readonly logonType: LogonType;
  /** Private key path, for the `key` logon type. */
  readonly keyFile: string;
  readonly charset: Charset;
  /** Empty: the default (the highest both sides support). */
  readonly maxTlsVersion: TlsVersion | '';
  readonly activePortFrom: string;
  readonly activePortTo: string;
  readonly externalAddress: string;
  readonly serverTimezone: string;
}

export const EMPTY_FORM: QuickConnectForm = {
  protocol: PROTOCOLS[0],
  host: '',
  port: '',
  user: '',
  password: '',
  transferMode: 'passive',
  path: null,
  logonType: 'normal',
  keyFile: '',
  charset: 'auto',
  maxTlsVersion: '',
  activePortFrom: '',
  activePortTo: '',
  externalAddress: '',
  serverTimezone: '',
};

/** The fields a validation message can point at (the bar focuses and marks it). */
export type FormField = 'host' | 'port' | 'user' | 'keyFile' | 'activePortFrom' | 'activePortTo' | 'externalAddress' | 'serverTimezone';

/** Fields that live in the "Connection options" panel (it opens to show a problem there). */
export const OPTION_FIELDS: ReadonlySet<FormField> = new Set<FormField>(['keyFile', 'activePortFrom', 'activePortTo', 'externalAddress', 'serverTimezone']);

const FTP_LOGON_TYPES: readonly LogonType[] = ['normal', 'anonymous', 'ask'];

/** Logon types offered for a protocol: key, agent and keyboard-interactive exist only in SSH. */
export function logonTypesFor(protocol: Protocol): readonly LogonType[] {
  return isFtpFamily(protocol) ? FTP_LOGON_TYPES : LOGON_TYPES;
}

/** Whether the protocol speaks TLS (so a maximum TLS version means something). */
export function usesTls(protocol: Protocol): boolean {
  return protocol === 'ftp' || protocol === 'ftpes' || protocol === 'ftps';
}

/** Only `normal` logons type a password up front; the others have none or ask for it later. */
export function usesPassword(logonType: LogonType): boolean {
  return logonType === 'normal';
}

export function usesUser(logonType: LogonType): boolean {
  return logonType !== 'anonymous';
}

/**
 * Switches the protocol. The port follows the new protocol's default when the
 * user left it empty or at the old protocol's default (a typed port stays),
 * and a logon type the new protocol lacks falls back to `normal`.
 */
export function switchProtocol(form: QuickConnectForm, protocol: Protocol): QuickConnectForm {
  if (protocol === form.protocol) return form;
  const oldDefault = DEFAULT_PORTS[form.protocol];
  const newDefault = DEFAULT_PORTS[protocol];
  const typed = form.port.trim();
  let port = form.port;
  if (typed === '') port = oldDefault === newDefault ? '' : String(newDefault);
  else if (Number(typed) === oldDefault) port = String(newDefault);
  const logonType = logonTypesFor(protocol).includes(form.logonType) ? form.logonType : 'normal';
  return { ...form, protocol, port, logonType };
}

/**
 * Splits a URL typed or pasted into Host (`ftp://user@host:2121/pub`) over
 * the other fields, leaving only the host name in Host. Fields the URL does
 * not mention keep their values. Returns null when there is nothing to split.
 */
export function applyHostInput(form: QuickConnectForm, text: string): QuickConnectForm | null {
  const parsed = parseHostInput(text);
  if (!parsed) return null;
  const switched = parsed.protocol ? switchProtocol(form, parsed.protocol) : form;
  return {
    ...switched,
    host: parsed.host,
    port: parsed.port === undefined ? switched.port : String(parsed.port),
    user: parsed.user ?? switched.user,
    password: parsed.password ?? switched.password,
    path: parsed.path && parsed.path !== '' ? parsed.path : switched.path,
  };
}

/**
 * How many connection options differ from their defaults for this protocol,
 * so the collapsed panel still says that something is set.
 */
export function changedOptionCount(form: QuickConnectForm): number {
  const ftp = isFtpFamily(form.protocol);
  const active = ftp && form.transferMode === 'active';
  const changed = [
    form.logonType !== 'normal',
    form.logonType === 'key' && form.keyFile.trim() !== '',
    ftp && form.charset !== 'auto',
    usesTls(form.protocol) && form.maxTlsVersion !== '',
    active && (form.activePortFrom.trim() !== '' || form.activePortTo.trim() !== ''),
    active && form.externalAddress.trim() !== '',
    ftp && form.serverTimezone.trim() !== '',
  ];
  return changed.filter(Boolean).length;
}

export type FormResult =
  | { readonly ok: true; readonly params: ConnectParams }
  | { readonly ok: false; readonly message: string; readonly field: FormField };

/** Anonymous FTP login when no user is given, as browsers and FileZilla do. */
const ANONYMOUS = { user: 'anonymous', password: 'anonymous@' } as const;

const fail = (field: FormField, message: string): FormResult => ({ ok: false, field, message });

function parsePort(text: string): number | null {
  if (!/^\d{1,5}$/.test(text)) return null;
  const port = Number(text);
  return port >= 1 && port <= 65535 ? port : null;
}

const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

/** A literal address, as PORT/EPRT need (main checks IPv6 strictly). */
function isIpAddress(text: string): boolean {
  return IPV4.test(text) || (text.includes(':') && /^[0-9A-Fa-f:.]+$/.test(text));
}

/** An IANA zone name the runtime knows (`Europe/Berlin`, `UTC`). */
export function isKnownTimeZone(zone: string): boolean {
  if (!/^[A-Za-z0-9_+\-/]+$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Validates the form and builds the connect params; options the user did not set are left out. */
export function toConnectParams(form: QuickConnectForm): FormResult {
  const f = applyHostInput(form, form.host) ?? form;
  const host = f.host.trim();
  if (host === '') return fail('host', 'Enter a host name or address.');
  const portText = f.port.trim();
  const port = portText === '' ? DEFAULT_PORTS[f.protocol] : parsePort(portText);
  if (port === null) return fail('port', 'The port must be a number from 1 to 65535.');

  const ftp = isFtpFamily(f.protocol);
  const logonType = logonTypesFor(f.protocol).includes(f.logonType) ? f.logonType : 'normal';
  const typedUser = f.user.trim();
  const options: { -readonly [K in keyof ConnectParams]?: ConnectParams[K] } = {};

  let user: string;
  let password: string;
  if (logonType === 'anonymous') {
    ({ user, password } = ANONYMOUS);
    options.logonType = 'anonymous';
  } else if (typedUser === '' && ftp && logonType === 'normal') {
    // An empty user name is the classic anonymous FTP login (no logon type needed).
    user = ANONYMOUS.user;
    password = f.password === '' ? ANONYMOUS.password : f.password;
  } else {
    if (typedUser === '') {
      return fail('user', ftp ? 'Enter a user name, or choose the Anonymous logon type.' : 'SFTP needs a user name: enter the account to log in as.');
    }
    user = typedUser;
    password = usesPassword(logonType) ? f.password : '';
    if (logonType !== 'normal') options.logonType = logonType;
    if (logonType === 'key') {
      const keyFile = f.keyFile.trim();
      if (keyFile === '') return fail('keyFile', 'Enter the path of the private key file.');
      options.privateKeyPath = keyFile;
    }
  }

  if (ftp) {
    if (f.charset !== 'auto') options.charset = f.charset;
    const zone = f.serverTimezone.trim();
    if (zone !== '') {
      if (!isKnownTimeZone(zone)) return fail('serverTimezone', `Unknown time zone “${zone}”: use an IANA name such as Europe/Berlin, or UTC.`);
      options.serverTimezone = zone;
    }
    if (f.transferMode === 'active') {
      const fromText = f.activePortFrom.trim();
      const toText = f.activePortTo.trim();
      if (fromText !== '' || toText !== '') {
        if (fromText === '') return fail('activePortFrom', 'Enter both ends of the active port range.');
        if (toText === '') return fail('activePortTo', 'Enter both ends of the active port range.');
        const min = parsePort(fromText);
        if (min === null) return fail('activePortFrom', 'Active port range: ports are numbers from 1 to 65535.');
        const max = parsePort(toText);
        if (max === null) return fail('activePortTo', 'Active port range: ports are numbers from 1 to 65535.');
        if (min > max) return fail('activePortTo', 'Active port range: “to” must not be lower than “from”.');
        options.activePortRange = { min, max };
      }
      const external = f.externalAddress.trim();
      if (external !== '') {
        if (!isIpAddress(external)) return fail('externalAddress', 'External address: enter an IPv4 or IPv6 address, such as 203.0.113.5.');
        options.activeExternalAddress = external;
      }
    }
  }
  if (usesTls(f.protocol) && f.maxTlsVersion !== '') options.maxTlsVersion = f.maxTlsVersion;

  return {
    ok: true,
    params: { protocol: f.protocol, host, port, user, password, transferMode: f.transferMode, ...options },
  };
}
