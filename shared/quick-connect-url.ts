/**
 * Parses what a user pastes into the Host field: `ftp://user:pass@host:2121/pub`,
 * `[::1]:21`, or a bare host. Returns the fields to fill, or null when the text
 * is a plain host name (nothing to split).
 */
import { DEFAULT_PORTS, PROTOCOLS, type Protocol } from './model/session.js';

export interface ParsedHost {
  readonly protocol?: Protocol;
  readonly host: string;
  readonly port?: number;
  readonly user?: string;
  readonly password?: string;
  readonly path?: string;
}

const SCHEMES: Readonly<Record<string, Protocol>> = { ftp: 'ftp', ftpes: 'ftpes', ftps: 'ftps', sftp: 'sftp' };

function decode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

export function parseHostInput(input: string): ParsedHost | null {
  const text = input.trim();
  const match = /^(?:([A-Za-z][A-Za-z0-9+.-]*):\/\/)?(?:([^@/]*)@)?(\[[^\]]+\]|[^:/]+)(?::(\d{1,5}))?(\/.*)?$/.exec(text);
  if (!match) return null;
  const [, scheme, userinfo, rawHost, rawPort, path] = match;
  if (!scheme && !userinfo && !rawPort && !path) return null;
  const protocol = scheme === undefined ? undefined : SCHEMES[scheme.toLowerCase()];
  if (scheme !== undefined && protocol === undefined) return null;
  const host = (rawHost ?? '').replace(/^\[(.*)\]$/, '$1');
  const port = rawPort === undefined ? (protocol ? DEFAULT_PORTS[protocol] : undefined) : Number(rawPort);
  if (port !== undefined && (port < 1 || port > 65535)) return null;
  let user: string | undefined;
  let password: string | undefined;
  if (userinfo !== undefined) {
    const colon = userinfo.indexOf(':');
    user = decode(colon < 0 ? userinfo : userinfo.slice(0, colon));
    password = colon < 0 ? undefined : decode(userinfo.slice(colon + 1));
  }
  return {
    host,
    ...(protocol ? { protocol } : {}),
    ...(port !== undefined ? { port } : {}),
    ...(user !== undefined ? { user } : {}),
    ...(password !== undefined ? { password } : {}),
    ...(path !== undefined ? { path: decode(path) } : {}),
  };
}

export const KNOWN_PROTOCOLS = PROTOCOLS;
