/**
 * Opening one FTP control connection, in the order that keeps the password
 * safe: connect → TLS (implicit, or `AUTH TLS`, RFC 4217 §4) → show the
 * certificate to `SecurityHooks.checkCertificate` → only then `USER`/`PASS`
 * → settings (`PBSZ 0`, `PROT P`, binary mode).
 *
 * basic-ftp's `access()` logs in right after the handshake, so an untrusted
 * certificate could only be judged after the password was already sent to
 * whoever presented it. Here the handshake runs with `rejectUnauthorized:
 * false` and the hook decides before any secret leaves; the approved
 * fingerprint is then pinned for the data connections (tls-session.ts) and
 * remembered in `TrustState`, so a reconnect-on-demand to the same
 * certificate does not ask again while a different one does.
 */
import { TLSSocket } from 'node:tls';
import { FerryError } from '../../../shared/errors.js';
import { DEFAULT_PORTS, type ConnectOptions, type Protocol } from '../../../shared/model/session.js';
import type { ProtocolLog } from '../protocol-log.js';
import type { ConnectContext } from '../security-hooks.js';
import { certificateCheck, describeEncryption } from '../tls/certificate-info.js';
import { describeAuthorizationError } from '../tls/tls-errors.js';
import { clientTlsOptions } from '../tls/tls-options.js';
import type { CharsetCodec } from './charset.js';
import { createDataStrategy } from './data-strategy.js';
import { FerryFtpClient } from './ftp-client.js';
import { isConnectionLoss, mapFtpError, tlsRequiredError } from './ftp-errors.js';
import { pinDataCertificate } from './tls-session.js';

const DEFAULT_TIMEOUT_MS = 20_000;

/** What survives reconnects of one session: the approved certificate and a password asked for once. */
export interface TrustState {
  fingerprint256: string | null;
  askedPassword: string | null;
}

export interface FtpConnection {
  readonly client: FerryFtpClient;
  /** The greeting without reply codes, or null. */
  readonly greeting: string | null;
  /** `TLSv1.3 (TLS_AES_256_GCM_SHA384)`, or null for plain FTP. */
  readonly encryption: string | null;
}

/** The port to use: the configured one, else the protocol's default (990 for implicit FTPS). */
export function ftpPort(options: ConnectOptions): number {
  return options.port > 0 ? options.port : DEFAULT_PORTS[options.protocol];
}

/**
 * Opens and logs in. If the server dropped the connection while the user was
 * looking at its certificate (servers time out idle pre-login sessions), it
 * reconnects once; the certificate just approved is not asked for again.
 */
export async function openFtpConnection(options: ConnectOptions, context: ConnectContext, codec: CharsetCodec, trust: TrustState): Promise<FtpConnection> {
  const approvedBefore = trust.fingerprint256;
  try {
    return await attempt(options, context, codec, trust);
  } catch (error) {
    if (!(error instanceof FerryError) || !isConnectionLoss(error) || trust.fingerprint256 === approvedBefore) throw error;
    context.log('info', 'The server closed the connection while its certificate was being checked; reconnecting…');
    return attempt(options, context, codec, trust);
  }
}

async function attempt(options: ConnectOptions, context: ConnectContext, codec: CharsetCodec, trust: TrustState): Promise<FtpConnection> {
  const { host, protocol } = options;
  const port = ftpPort(options);
  const where = `Cannot connect to ${host}:${port}`;
  const log = context.log;
  const client = new FerryFtpClient(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, log, codec);
  client.prepareTransfer = createDataStrategy(options, log);
  const tlsOptions = clientTlsOptions(host, options.maxTlsVersion);
  let stage: 'connect' | 'login' = 'connect';
  log('info', `Connecting to ${host}:${port}…`);
  try {
    const greeting = protocol === 'ftps' ? await client.connectImplicit(host, port, tlsOptions) : await client.connect(host, port);
    if (protocol === 'ftp' || protocol === 'ftpes') await startExplicitTls(client, protocol, tlsOptions, log);
    const socket = client.ftp.socket;
    const encryption = socket instanceof TLSSocket ? describeEncryption(socket) : null;
    if (socket instanceof TLSSocket) {
      log('info', `TLS established: ${encryption ?? 'unknown version'}`);
      const fingerprint = await approveCertificate(socket, host, port, context, trust.fingerprint256);
      trust.fingerprint256 = fingerprint;
      pinDataCertificate(socket, fingerprint);
    }
    stage = 'login';
    const [user, password] = await credentials(options, context, trust);
    await client.login(user, password);
    await client.applySettings();
    log('info', 'Logged in.');
    return { client, greeting: greeting.message.replace(/^\d{3}[ -]?/gm, '').trim() || null, encryption };
  } catch (error) {
    client.close();
    const plain = !(client.ftp.socket instanceof TLSSocket);
    throw (stage === 'login' && plain ? tlsRequiredError(error, where) : null) ?? mapFtpError(error, where);
  }
}

/**
 * `AUTH TLS` (RFC 4217 §4; 234 = go ahead). A refusal (5xx: vsftpd without
 * TLS answers 530, proftpd without mod_tls 500) is fatal for `ftpes`; plain
 * `ftp` carries on unencrypted and says so (FileZilla's "use explicit TLS if
 * available"). A 4xx is a temporary failure, never a reason to drop TLS.
 */
async function startExplicitTls(client: FerryFtpClient, protocol: Protocol, tlsOptions: ReturnType<typeof clientTlsOptions>, log: ProtocolLog): Promise<void> {
  const reply = await client.sendIgnoringError('AUTH TLS');
  if (reply.code >= 200 && reply.code < 300) {
    await client.upgradeToTls(tlsOptions);
    return;
  }
  const text = `${reply.code} ${reply.message.replace(/^\d{3}[ -]?/, '').trim()}`;
  if (protocol === 'ftp' && reply.code >= 500) {
    log('error', 'Server does not support TLS; continuing without encryption');
    return;
  }
  throw new FerryError('PROTOCOL', `The server does not support FTP over TLS (${text})`, { retryable: reply.code < 500 });
}

/** Asks the hooks about the certificate unless it is the one already approved for this session. */
async function approveCertificate(socket: TLSSocket, host: string, port: number, context: ConnectContext, approved: string | null): Promise<string> {
  const check = certificateCheck(socket, host, port);
  const { fingerprint256, subject, issuer } = check.certificate;
  if (fingerprint256 === approved) {
    context.log('info', 'Server certificate unchanged since it was approved for this session.');
    return fingerprint256;
  }
  const verdict = check.authorized ? 'verified' : (describeAuthorizationError(check.authorizationError) ?? 'not verified');
  context.log('info', `Server certificate: ${subject}, issued by ${issuer}, SHA-256 ${fingerprint256} (${verdict})`);
  await context.security.checkCertificate(check);
  return fingerprint256;
}

/** User and password by logon type; `ask` prompts once per session (after the certificate was trusted). */
async function credentials(options: ConnectOptions, context: ConnectContext, trust: TrustState): Promise<[string, string]> {
  const logonType = options.logonType ?? (options.user ? 'normal' : 'anonymous');
  if (logonType === 'anonymous') return ['anonymous', 'anonymous@'];
  if (logonType === 'ask' && !options.password) {
    trust.askedPassword ??= await context.security.askSecret({
      title: 'Password required',
      message: `Password for ${options.user}@${options.host}`,
      label: 'Password',
    });
    return [options.user, trust.askedPassword];
  }
  return [options.user, options.password];
}
