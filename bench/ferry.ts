/**
 * Ferry's side: the engine's own adapters (`FtpFs`, `SftpFs`) and the
 * `TransferQueue`, exactly as the app uses them (silent protocol log,
 * trusting security hooks instead of prompts). Every function covers the
 * whole operation: connect, log in, transfer, close.
 */
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { join, posix } from 'node:path';
import type { ConnectOptions } from '../shared/model/session.js';
import type { QueueSettings } from '../shared/model/transfer.js';
import { FtpFs } from '../main/engine/ftp/ftp-fs.js';
import { SftpFs } from '../main/engine/sftp/sftp-fs.js';
import type { FileOpsFs } from '../main/engine/remote-fs.js';
import { silentLog, type ProtocolLog } from '../main/engine/protocol-log.js';
import { TransferQueue } from '../main/engine/queue/transfer-queue.js';
import type { RunningServer } from '../main/engine/testing/servers/index.js';
import { trustingSecurity } from '../main/engine/testing/test-security.js';
import type { BenchProtocol } from './config.js';

export interface FerryTarget {
  readonly protocol: BenchProtocol;
  readonly server: RunningServer;
  readonly clientKey: string;
  /** Protocol log (the profiler counts commands with it); silent by default. */
  readonly log?: ProtocolLog;
}

export function connectOptions(t: FerryTarget): ConnectOptions {
  const base = { host: t.server.host, port: t.server.port, user: t.server.user, password: t.server.password, transferMode: 'passive' as const, timeoutMs: 30_000 };
  switch (t.protocol) {
    case 'FTP':
      return { ...base, protocol: 'ftp-plain' };
    case 'FTPS':
      return { ...base, protocol: 'ftpes' };
    case 'SFTP':
      return { ...base, protocol: 'sftp', logonType: 'key', privateKeyPath: t.clientKey };
  }
}

/** One connected, logged-in adapter. */
export async function openFs(t: FerryTarget): Promise<FileOpsFs> {
  const context = { log: t.log ?? silentLog, security: trustingSecurity() };
  const options = connectOptions(t);
  return t.protocol === 'SFTP' ? (await SftpFs.connect(options, context)).fs : (await FtpFs.connect(options, context)).fs;
}

async function withFs(t: FerryTarget, use: (fs: FileOpsFs) => Promise<void>): Promise<void> {
  const fs = await openFs(t);
  try {
    await use(fs);
  } finally {
    await fs.close();
  }
}

/** The adapter's `download` of one file. */
export function ferryDownloadFile(t: FerryTarget, remote: string, local: string): Promise<void> {
  return withFs(t, async (fs) => {
    await fs.download(remote, local);
  });
}

/** The adapter's `upload` of one file. */
export function ferryUploadFile(t: FerryTarget, local: string, remote: string): Promise<void> {
  return withFs(t, async (fs) => {
    await fs.upload(local, remote);
  });
}

/** Runs `work` items on `fss.length` connections, one item per connection at a time. */
async function onConnections<T>(fss: readonly FileOpsFs[], items: readonly T[], work: (fs: FileOpsFs, item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    fss.map(async (fs) => {
      while (next < items.length) {
        const item = items[next++] as T;
        await work(fs, item);
      }
    }),
  );
}

async function withConnections(t: FerryTarget, count: number, use: (fss: FileOpsFs[]) => Promise<void>): Promise<void> {
  const opened = await Promise.allSettled(Array.from({ length: count }, () => openFs(t)));
  const fss = opened.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  try {
    const failed = opened.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
    await use(fss);
  } finally {
    await Promise.all(fss.map((fs) => fs.close().catch(() => undefined)));
  }
}

/**
 * A folder tree down with the adapters only, on `parallel` connections: list
 * the folders (spread over the connections), then one file per connection at
 * a time. The floor under what the queue adds (conflict checks, temp names,
 * verification, times, bookkeeping).
 */
export function ferryDownloadTree(t: FerryTarget, remoteTree: string, localTree: string, parallel: number): Promise<void> {
  return withConnections(t, parallel, async (fss) => {
    const first = fss[0] as FileOpsFs;
    const top = await first.list(remoteTree);
    const files: { remote: string; local: string }[] = [];
    const folders: { remote: string; local: string }[] = [];
    await mkdir(localTree, { recursive: true });
    for (const e of top.entries) {
      if (e.type === 'dir') folders.push({ remote: posix.join(remoteTree, e.name), local: join(localTree, e.name) });
      else if (e.type === 'file') files.push({ remote: posix.join(remoteTree, e.name), local: join(localTree, e.name) });
    }
    await onConnections(fss, folders, async (fs, folder) => {
      await mkdir(folder.local, { recursive: true });
      const listing = await fs.list(folder.remote);
      for (const e of listing.entries) {
        if (e.type === 'file') files.push({ remote: posix.join(folder.remote, e.name), local: join(folder.local, e.name) });
        else if (e.type === 'dir') throw new Error(`the benchmark tree is two levels deep, found ${folder.remote}/${e.name}`);
      }
    });
    await onConnections(fss, files, async (fs, file) => {
      await fs.download(file.remote, file.local);
    });
  });
}

/** A folder tree up with the adapters only (mkdir each folder, then files on `parallel` connections). */
export function ferryUploadTree(t: FerryTarget, localTree: string, remoteTree: string, parallel: number): Promise<void> {
  return withConnections(t, parallel, async (fss) => {
    const first = fss[0] as FileOpsFs;
    await first.mkdir(remoteTree);
    const files: { remote: string; local: string }[] = [];
    for (const e of await readdir(localTree, { withFileTypes: true })) {
      if (!e.isDirectory()) continue;
      const remoteFolder = posix.join(remoteTree, e.name);
      await first.mkdir(remoteFolder);
      for (const name of await readdir(join(localTree, e.name))) files.push({ local: join(localTree, e.name, name), remote: posix.join(remoteFolder, name) });
    }
    await onConnections(fss, files, async (fs, file) => {
      await fs.upload(file.local, file.remote);
    });
  });
}

/** Extra queue settings for experiments: `FERRY_BENCH_QUEUE_SETTINGS='{"tempNames":false}'`. */
function settingsOverride(): Partial<QueueSettings> {
  const raw = process.env.FERRY_BENCH_QUEUE_SETTINGS;
  return raw ? (JSON.parse(raw) as Partial<QueueSettings>) : {};
}

export function queueSettings(parallel: number): Partial<QueueSettings> {
  return { concurrency: parallel, perSiteLimit: parallel, defaultConflictAction: 'overwrite', ...settingsOverride() };
}

/**
 * The same through Ferry's `TransferQueue` with concurrency `parallel`, its
 * settings otherwise the app's defaults (temp names + rename, size/checksum
 * verification, preserved times). From `create` to every job done and the
 * queue closed (connections included).
 */
export async function ferryQueueTree(
  t: FerryTarget,
  request: { direction: 'download'; remotePath: string; localDir: string } | { direction: 'upload'; localPath: string; remoteDir: string },
  parallel: number,
  scratch: string,
  extraSettings: Partial<QueueSettings> = {},
): Promise<void> {
  const dataDir = await mkdtemp(join(scratch, 'queue-'));
  const queue = await TransferQueue.create({ dataDir, open: () => openFs(t), settings: { ...queueSettings(parallel), ...extraSettings }, log: () => {} });
  try {
    const added = await queue.add(request.direction === 'download' ? { ...request, siteKey: 'bench', type: 'dir' } : { ...request, siteKey: 'bench' });
    if (added.refused.length > 0) throw new Error(`the queue refused ${added.refused.length} entries`);
    await queue.whenIdle();
    const jobs = queue.snapshot().jobs;
    const bad = jobs.filter((j) => j.state.status !== 'done');
    if (bad.length > 0) {
      const first = bad[0];
      throw new Error(`${bad.length} of ${jobs.length} queue jobs did not finish, e.g. ${first?.remotePath}: ${JSON.stringify(first?.state)}`);
    }
  } finally {
    await queue.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}
