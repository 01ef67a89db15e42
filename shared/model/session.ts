/** Connection-level model shared by the quick-connect bar, the engine and the router. */

/**
 * Protocols offered in the quick-connect bar, in FileZilla's order and
 * wording. `ftp` upgrades to TLS when the server offers it (FileZilla's
 * default); `ftpes` refuses to continue without it; `ftps` is implicit TLS.
 */
export const PROTOCOLS = ['ftp', 'ftpes', 'ftps', 'ftp-plain', 'sftp'] as const;
export type Protocol = (typeof PROTOCOLS)[number];

export const PROTOCOL_LABELS: Readonly<Record<Protocol, string>> = {
  ftp: 'FTP — use explicit TLS if available',
  ftpes: 'FTP — require explicit TLS',
  ftps: 'FTPS — implicit TLS',
  'ftp-plain': 'FTP — plain (insecure)',
  sftp: 'SFTP — SSH File Transfer Protocol',
};

export const DEFAULT_PORTS: Readonly<Record<Protocol, number>> = { ftp: 21, ftpes: 21, ftps: 990, 'ftp-plain': 21, sftp: 22 };

/** True for the protocols served by the FTP adapter (plain or TLS). */
export function isFtpFamily(protocol: Protocol): boolean {
  return protocol !== 'sftp';
}

/**
 * How the user logs in. `normal` = user + password; `ask` = prompt for the
 * password at connect time; `key` = private key file (SFTP); `agent` = SSH
 * agent (SFTP); `interactive` = keyboard-interactive prompts (SFTP).
 */
export const LOGON_TYPES = ['normal', 'anonymous', 'ask', 'key', 'agent', 'interactive'] as const;
export type LogonType = (typeof LOGON_TYPES)[number];

export const LOGON_TYPE_LABELS: Readonly<Record<LogonType, string>> = {
  normal: 'Normal (password)',
  anonymous: 'Anonymous',
  ask: 'Ask for password',
  key: 'Key file',
  agent: 'SSH agent',
  interactive: 'Interactive',
};

/**
 * Name encodings for FTP servers that do not speak UTF-8. `auto` means UTF-8
 * (RFC 2640); the others are transcoded byte-exactly by a charset library.
 */
export const CHARSETS = ['auto', 'latin1', 'cp1250', 'cp1251', 'cp1252', 'koi8-r', 'shift_jis', 'euc-jp', 'gbk', 'big5', 'euc-kr'] as const;
export type Charset = (typeof CHARSETS)[number];

export const CHARSET_LABELS: Readonly<Record<Charset, string>> = {
  auto: 'Auto (UTF-8)',
  latin1: 'Western (ISO-8859-1)',
  cp1250: 'Central European (Windows-1250)',
  cp1251: 'Cyrillic (Windows-1251)',
  cp1252: 'Western (Windows-1252)',
  'koi8-r': 'Cyrillic (KOI8-R)',
  shift_jis: 'Japanese (Shift_JIS)',
  'euc-jp': 'Japanese (EUC-JP)',
  gbk: 'Chinese Simplified (GBK)',
  big5: 'Chinese Traditional (Big5)',
  'euc-kr': 'Korean (EUC-KR)',
};

export type TlsVersion = 'TLSv1.2' | 'TLSv1.3';

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
  /** Defaults to `normal` (or `anonymous` when the user name is empty, for FTP). */
  readonly logonType?: LogonType | undefined;
  /** SFTP `key` logon: path of the private key file (OpenSSH or PEM). */
  readonly privateKeyPath?: string | undefined;
  /**
   * The key's saved passphrase, tried before asking. Set only by main from its
   * secret store (connect by site id); the renderer's schema has no such field.
   */
  readonly keyPassphrase?: string | undefined;
  readonly transferMode: TransferMode;
  /** FTP name encoding; `auto` (UTF-8) when absent. */
  readonly charset?: Charset | undefined;
  /** FTPS: highest TLS version to offer, for servers that break on TLS 1.3. */
  readonly maxTlsVersion?: TlsVersion | undefined;
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
  /** How the session is protected, e.g. `TLS 1.3` or `SSH (aes128-gcm)`; null for plain FTP. */
  readonly encryption: string | null;
}

export interface AppInfo {
  readonly version: string;
  readonly host: 'electron' | 'browser';
  readonly platform: string;
  readonly localHome: string;
  readonly localPathStyle: PathStyle;
}
