/** Connection-level model shared by the quick-connect bar, the engine and the router. */

/** Protocols offered in the quick-connect bar. Labels follow FileZilla's wording. */
export const PROTOCOLS = ['ftp'] as const;
export type Protocol = (typeof PROTOCOLS)[number];

export const PROTOCOL_LABELS: Readonly<Record<Protocol, string>> = {
  ftp: 'FTP — plain (insecure)',
};

export const DEFAULT_PORTS: Readonly<Record<Protocol, number>> = { ftp: 21 };

/** FTP data-connection mode; passive works through NAT on the client side and is the default. */
export type TransferMode = 'passive' | 'active';

/** How paths are spelled on a side: remote servers are always posix; the local side may be win32. */
export type PathStyle = 'posix' | 'win32';

/** The id of the always-open local file system "session". */
export const LOCAL_SESSION = 'local';

export interface ConnectOptions {
  readonly protocol: Protocol;
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  readonly transferMode: TransferMode;
  /** Active mode: the local ports Ferry may listen on (for firewalls). */
  readonly activePortRange?: { readonly min: number; readonly max: number } | undefined;
  /** Active mode behind NAT: the address to advertise in PORT/EPRT. */
  readonly activeExternalAddress?: string | undefined;
  /** IANA zone the server's LIST dates are in (e.g. `Europe/Berlin`); UTC when absent. */
  readonly serverTimezone?: string | undefined;
  /** Connect/reply timeout in milliseconds. */
  readonly timeoutMs?: number | undefined;
}

export interface SessionInfo {
  readonly sessionId: string;
  readonly protocol: Protocol;
  readonly host: string;
  readonly port: number;
  readonly user: string;
  /** The folder the server put us in after login. */
  readonly home: string;
  readonly pathStyle: PathStyle;
  /** The server's greeting/system line, for the log and the status bar. */
  readonly system: string | null;
}

export interface AppInfo {
  readonly version: string;
  readonly host: 'electron' | 'browser';
  readonly platform: string;
  readonly localHome: string;
  readonly localPathStyle: PathStyle;
}
