/**
 * The steps every server launcher takes around its own configuration: get the
 * test user and fresh folders (removed again if the start fails), pick the
 * FTP ports and certificate, write the config file, and once the process has
 * greeted describe it as a `RunningServer`. Kept here so the launchers only
 * say what is particular to their server, and a fix to a step reaches all.
 */
import { writeFile } from 'node:fs/promises';
import { testCert, type TestCert } from '../cert.js';
import { freePort, freePortRange, LOOPBACK } from '../free-port.js';
import { ensureTestUser, type TestUser } from '../system-user.js';
import { orDispose, prepareDirs, type ServerDirs } from './dirs.js';
import { launch, type LaunchSpec } from './launch.js';
import type { FtpServerOptions, RunningServer, ServerKind, TlsMode } from './types.js';

/** What a launcher body gets: the server kind, its test user and its folders. */
export interface LaunchContext {
  readonly kind: ServerKind;
  readonly user: TestUser;
  readonly dirs: ServerDirs;
}

/**
 * Ensures the test user, prepares the server's folders (serving `root` when
 * given) and runs `body`; if `body` throws, the folders are removed before the
 * error propagates, so a failed start leaves nothing behind.
 */
export async function startWithDirs(
  kind: ServerKind,
  root: string | undefined,
  body: (ctx: LaunchContext) => Promise<RunningServer>,
): Promise<RunningServer> {
  const user = await ensureTestUser();
  const dirs = await prepareDirs(kind, user, root);
  return orDispose(dirs, () => body({ kind, user, dirs }));
}

/** The TLS mode, certificate and ports an FTP server is started with. */
export interface FtpBasics {
  readonly tls: TlsMode;
  /** The certificate to present; undefined when TLS is off. */
  readonly cert: TestCert | undefined;
  /** Control connection port. */
  readonly port: number;
  /** Consecutive free ports for passive data connections. */
  readonly pasv: { readonly min: number; readonly max: number };
}

/**
 * Resolves the TLS mode (default 'none') and certificate (`opts.cert`, else the
 * process-wide test certificate), then picks a free control port and
 * `pasvCount` consecutive free passive ports (20 unless the server needs more).
 */
export async function ftpBasics(opts: FtpServerOptions, pasvCount = 20): Promise<FtpBasics> {
  const tls = opts.tls ?? 'none';
  const cert = tls === 'none' ? undefined : (opts.cert ?? (await testCert()));
  const port = await freePort();
  const pasv = await freePortRange(pasvCount);
  return { tls, cert, port, pasv };
}

/** Writes a config file, one line each, private (mode 600): it may name key files and password files. */
export async function writeConfigFile(path: string, lines: readonly string[]): Promise<void> {
  await writeFile(path, `${lines.join('\n')}\n`, { mode: 0o600 });
}

/** The launcher-specific fields of a `RunningServer`; `home` defaults to '/' (chrooted servers). */
export interface ServedExtras {
  readonly home?: string;
  readonly certPem?: string;
  readonly hostKeys?: readonly string[];
  readonly clientKey?: string;
}

/**
 * Launches the server process (its folders are removed once it has stopped)
 * and, once it has greeted, describes it for the tests: loopback host, the
 * test user's credentials, `dirs.root` as the served folder, and `stop`.
 */
export async function launchServed(
  ctx: LaunchContext,
  spec: Omit<LaunchSpec, 'kind' | 'onStopped'>,
  extras: ServedExtras = {},
): Promise<RunningServer> {
  const { kind, user, dirs } = ctx;
  const launched = await launch({ ...spec, kind, onStopped: dirs.dispose });
  return {
    kind,
    host: LOOPBACK,
    port: spec.port,
    user: user.name,
    password: user.password,
    root: dirs.root,
    home: '/',
    ...extras,
    stop: launched.stop,
  };
}
