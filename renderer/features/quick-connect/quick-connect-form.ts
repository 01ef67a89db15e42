/**
 * The quick-connect fields as plain data, and the rules that turn them into
 * `session.connect` params. Pure so URL pasting and validation are tested
 * without a DOM.
 */
import { parseHostInput } from '../../../shared/quick-connect-url.js';
import { DEFAULT_PORTS, PROTOCOLS, type Protocol, type TransferMode } from '../../../shared/model/session.js';
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
}

export const EMPTY_FORM: QuickConnectForm = {
  protocol: PROTOCOLS[0],
  host: '',
  port: '',
  user: '',
  password: '',
  transferMode: 'passive',
  path: null,
};

/**
 * Splits a URL typed or pasted into Host (`ftp://user@host:2121/pub`) over
 * the other fields, leaving only the host name in Host. Fields the URL does
 * not mention keep their values. Returns null when there is nothing to split.
 */
export function applyHostInput(form: QuickConnectForm, text: string): QuickConnectForm | null {
  const parsed = parseHostInput(text);
  if (!parsed) return null;
  return {
    ...form,
    host: parsed.host,
    protocol: parsed.protocol ?? form.protocol,
    port: parsed.port === undefined ? form.port : String(parsed.port),
    user: parsed.user ?? form.user,
    password: parsed.password ?? form.password,
    path: parsed.path && parsed.path !== '' ? parsed.path : form.path,
  };
}

export type FormResult = { readonly ok: true; readonly params: ConnectParams } | { readonly ok: false; readonly message: string };

/** Anonymous FTP login when no user is given, as browsers and FileZilla do. */
const ANONYMOUS = { user: 'anonymous', password: 'anonymous@' } as const;

/** Validates the form and builds the connect params (defaults filled in). */
export function toConnectParams(form: QuickConnectForm): FormResult {
  const fromUrl = applyHostInput(form, form.host) ?? form;
  const host = fromUrl.host.trim();
  if (host === '') return { ok: false, message: 'Enter a host name or address.' };
  const portText = fromUrl.port.trim();
  const port = portText === '' ? DEFAULT_PORTS[fromUrl.protocol] : Number(portText);
  if (!Number.isInteger(port) || port < 1 || port > 65535) return { ok: false, message: 'The port must be a number from 1 to 65535.' };
  const user = fromUrl.user.trim();
  return {
    ok: true,
    params: {
      protocol: fromUrl.protocol,
      host,
      port,
      user: user === '' ? ANONYMOUS.user : user,
      password: user === '' && fromUrl.password === '' ? ANONYMOUS.password : fromUrl.password,
      transferMode: fromUrl.transferMode,
    },
  };
}
