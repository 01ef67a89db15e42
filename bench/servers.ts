/**
 * The servers under test, all serving one shared root so the big file
 * exists once: vsftpd plain, vsftpd with explicit TLS (session reuse
 * required, as shipped) and OpenSSH sshd — from the test harness, on free
 * loopback ports, stopped by process group (and by the harness's watchdog if
 * this process dies).
 */
import { mkdir } from 'node:fs/promises';
import { join, posix } from 'node:path';
import type { BenchProtocol } from './config.js';
import { giveToTestUser } from '../main/engine/testing/ownership.js';
import { startSshd, startVsftpd, testClientKey, type RunningServer } from '../main/engine/testing/servers/index.js';

export interface BenchServers {
  /** The shared root on disk. */
  readonly root: string;
  readonly byProtocol: Readonly<Record<BenchProtocol, RunningServer>>;
  /** Private key authorised on sshd (ed25519, no passphrase). */
  readonly clientKey: string;
  stop(): Promise<void>;
}

export async function startServers(root: string): Promise<BenchServers> {
  const started: RunningServer[] = [];
  try {
    const [ftp, ftps, sftp] = await Promise.all([
      startVsftpd({ root, tls: 'none' }).then((s) => (started.push(s), s)),
      startVsftpd({ root, tls: 'explicit' }).then((s) => (started.push(s), s)),
      startSshd({ root }).then((s) => (started.push(s), s)),
    ]);
    const key = await testClientKey();
    return {
      root,
      byProtocol: { FTP: ftp, FTPS: ftps, SFTP: sftp },
      clientKey: key.path,
      stop: async () => {
        await Promise.all(started.map((s) => s.stop().catch(() => undefined)));
      },
    };
  } catch (error) {
    await Promise.all(started.map((s) => s.stop().catch(() => undefined)));
    throw error;
  }
}

/** A path under the shared root as `server`'s clients see it ('/x' on chrooted vsftpd, '<root>/x' on sshd). */
export function clientPath(server: RunningServer, rel: string): string {
  return posix.join(server.home, rel);
}

/** Makes a folder under the shared root that the servers' sessions may write into. */
export async function makeRemoteDir(root: string, rel: string): Promise<string> {
  const dir = join(root, rel);
  await mkdir(dir, { recursive: true });
  await giveToTestUser(dir);
  return dir;
}
