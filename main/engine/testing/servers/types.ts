/**
 * The contract every test server launcher fulfils, so engine integration and
 * e2e tests can run the same scenario against each server kind.
 */
import type { TestCert } from '../cert.js';

export type ServerKind = 'vsftpd' | 'pure-ftpd' | 'proftpd' | 'sshd' | 'proftpd-sftp';

/** 'explicit' = AUTH TLS on the normal port; 'implicit' = TLS from the first byte (FTPS, port 990 style). */
export type TlsMode = 'none' | 'explicit' | 'implicit';

export interface RunningServer {
  readonly kind: ServerKind;
  readonly host: '127.0.0.1';
  readonly port: number;
  readonly user: string;
  readonly password: string;
  /** Absolute local folder that the logged-in user sees as their home. Tests create fixture files here. */
  readonly root: string;
  /** The path the client sees for `root` after login (e.g. '/' when chrooted, or the absolute path for sshd). */
  readonly home: string;
  /** PEM of the server certificate when TLS is on. */
  readonly certPem?: string;
  /** For sshd: paths of the host public keys, and a private key file authorised for `user` (ed25519, no passphrase). */
  readonly hostKeys?: readonly string[];
  readonly clientKey?: string;
  stop(): Promise<void>;
}

/** Options shared by the FTP servers; each launcher documents what it does not support. */
export interface FtpServerOptions {
  /** Folder to serve; a fresh temp folder (removed on stop) when omitted. It is chowned to the test user. */
  readonly root?: string;
  readonly tls?: TlsMode;
  /** Highest TLS version the server accepts (default: whatever OpenSSL allows, i.e. 1.3). */
  readonly maxTlsVersion?: 'TLSv1.2' | 'TLSv1.3';
  /**
   * With TLS on: refuse plaintext logins and plaintext data (default true).
   * False makes TLS optional, as many real servers are configured.
   */
  readonly tlsRequired?: boolean;
  /** Certificate to present; the process-wide `testCert()` when omitted. */
  readonly cert?: TestCert;
  /** Connection limit per client IP (vsftpd `max_per_ip`, pure-ftpd `-c`/`-C`, proftpd `MaxClientsPerHost`). */
  readonly maxConnections?: number;
  /** Appended verbatim to the server's configuration (pure-ftpd: extra command-line arguments). */
  readonly extraConfig?: string;
  /** How long to wait for the greeting before giving up (default 15 s). */
  readonly startTimeoutMs?: number;
}

/** Options for the SFTP servers. */
export interface SftpServerOptions {
  readonly root?: string;
  /** sshd `MaxSessions` (channels per connection) and the start of `MaxStartups`. */
  readonly maxConnections?: number;
  /** Extra sshd_config / proftpd lines (sshd: placed first, because sshd keeps the first value of a keyword). */
  readonly extraConfig?: string;
  /**
   * Private host key files to present, e.g. from `makeHostKeys()`, to restart "the same"
   * server; fresh keys (deleted on stop) when omitted.
   */
  readonly hostKeyFiles?: readonly string[];
  readonly startTimeoutMs?: number;
}
