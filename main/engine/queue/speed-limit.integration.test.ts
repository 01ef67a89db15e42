/**
 * The global download limit holds across connections and protocols: one FTP
 * download (vsftpd) and one SFTP download (OpenSSH) of 4 MiB each, side by
 * side under a 2 MiB/s limit, cannot finish in less than ~4 s together (the
 * bucket allows a quarter-second burst, so ~3.5 s is asserted — a lower bound
 * only: a busy machine may be slower, never faster). Without the limit the
 * same downloads complete (no time asserted).
 */
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Protocol } from '../../../shared/model/session.js';
import type { QueueSettings } from '../../../shared/model/transfer.js';
import { localTempDir } from '../ftp/ftp-tests.testing.js';
import { requireServer } from '../testing/availability.js';
import { giveToTestUser } from '../testing/ownership.js';
import { startServer, type RunningServer, type ServerKind } from '../testing/servers/index.js';
import { remoteJoin } from './paths.js';
import { serverQueueFs, type ServerQueueFs } from './queue-servers.testing.js';
import { openTestQueue, sha256, sha256File, unfinished } from './queue-tests.testing.js';

const MIB = 1024 * 1024;
const SIZE = 4 * MIB;
const LIMIT = 2 * MIB;
/** 8 MiB at 2 MiB/s is 4 s; less the bucket's quarter-second burst and some slack for timing. */
const MIN_SECONDS = 3.5;

const SIDES: readonly { kind: ServerKind; protocol: Protocol }[] = [
  { kind: 'vsftpd', protocol: 'ftp-plain' },
  { kind: 'sshd', protocol: 'sftp' },
];

const skip = SIDES.map((side) => requireServer(side.kind)).find((req) => req.skip);

describe.skipIf(skip !== undefined)(`global speed limit across FTP and SFTP${skip?.skip ? ` (skipped: ${skip.reason})` : ''}`, () => {
  const servers = new Map<ServerKind, RunningServer>();
  const content = randomBytes(SIZE);

  beforeAll(async () => {
    for (const side of SIDES) {
      const server = await startServer(side.kind, { tls: 'none' });
      servers.set(side.kind, server);
      await writeFile(join(server.root, 'big.bin'), content);
      await giveToTestUser(join(server.root, 'big.bin'));
    }
  }, 60_000);

  afterAll(async () => {
    for (const server of servers.values()) await server.stop();
  });

  /** Downloads both files at once; resolves with the seconds it took. */
  async function downloadBoth(settings: Partial<QueueSettings>): Promise<number> {
    const conns = new Map<string, ServerQueueFs>(SIDES.map((side) => [side.kind, serverQueueFs(servers.get(side.kind) as RunningServer, side.protocol)]));
    const open = (siteKey: string) => (conns.get(siteKey) as ServerQueueFs).open(siteKey);
    const { queue } = await openTestQueue(open, { concurrency: 4, ...settings });
    const down = await localTempDir('ferry-speed-limit-');
    const started = performance.now();
    for (const side of SIDES) {
      const server = servers.get(side.kind) as RunningServer;
      await queue.add({ direction: 'download', siteKey: side.kind, remotePath: remoteJoin(server.home, 'big.bin'), type: 'file', localDir: join(down, side.kind) });
    }
    await queue.whenIdle();
    const seconds = (performance.now() - started) / 1000;
    const jobs = queue.snapshot().jobs;
    await queue.close();
    expect(unfinished(jobs)).toEqual([]);
    for (const side of SIDES) expect(await sha256File(join(down, side.kind, 'big.bin')), side.kind).toBe(sha256(content));
    // Both moved through the adapters, not skipped.
    for (const conn of conns.values()) expect(conn.calls.map((call) => call.bytes)).toEqual([SIZE]);
    return seconds;
  }

  it(`two concurrent 4 MiB downloads under a 2 MiB/s limit take at least ${MIN_SECONDS} s together`, async () => {
    const seconds = await downloadBoth({ downloadLimit: LIMIT });
    console.info(`speed limit: 2 × 4 MiB (FTP + SFTP) at 2 MiB/s took ${seconds.toFixed(2)} s`);
    expect(seconds).toBeGreaterThanOrEqual(MIN_SECONDS);
  }, 120_000);

  it('the same downloads complete without a limit', async () => {
    const seconds = await downloadBoth({ downloadLimit: null });
    console.info(`no limit: 2 × 4 MiB (FTP + SFTP) took ${seconds.toFixed(2)} s`);
  }, 120_000);
});
