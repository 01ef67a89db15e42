/**
 * Connections cut mid-transfer by a proxy (testing/cut-proxy.ts), against real
 * servers: the queue must retry by itself, resume from the bytes already at
 * the target, and end sha256-equal — and the bytes moved after the cut must
 * start at the resume point (counted by the proxy on the connections opened
 * after the cut: size − offset, not the whole size).
 *
 * - FTP (vsftpd and proftpd, plain so the proxy can rewrite PASV/EPSV): the
 *   download's data connection cut after N bytes; the control connection cut
 *   mid-download; an upload's data connection cut after N bytes.
 * - SFTP (OpenSSH): the SSH connection cut after N bytes, download and upload.
 */
import { copyFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Protocol } from '../../../shared/model/session.js';
import { localTempDir } from '../ftp/ftp-tests.testing.js';
import { requireServer } from '../testing/availability.js';
import { startCutProxy, type CutProxy, type ProxiedConnection } from '../testing/cut-proxy.js';
import { giveToTestUser } from '../testing/ownership.js';
import { startServer, type RunningServer, type ServerKind } from '../testing/servers/index.js';
import { partPath, remoteJoin } from './paths.js';
import { serverQueueFs, type ServerQueueFs, type TransferCall } from './queue-servers.testing.js';
import { sha256Stream, writeRandomFile } from './queue-streams.testing.js';
import { openTestQueue, type TestQueue } from './queue-tests.testing.js';

const SIZE = 32 * 1024 * 1024 + 12_345;
/** Where the cut happens, in bytes of the watched connection. */
const CUT = 9 * 1024 * 1024 + 4321;

interface Case {
  readonly kind: ServerKind;
  readonly protocol: Protocol;
}

const FTP_CASES: readonly Case[] = [
  { kind: 'vsftpd', protocol: 'ftp-plain' },
  { kind: 'proftpd', protocol: 'ftp-plain' },
];
const SFTP_CASES: readonly Case[] = [{ kind: 'sshd', protocol: 'sftp' }];

interface Rig {
  server: RunningServer;
  proxy: CutProxy;
  local: string;
  /** sha256 of `local/up.bin` and of `server.root/remote.bin` (same content). */
  sha: string;
}

async function setUp(c: Case, ftp: boolean): Promise<Rig> {
  const server = await startServer(c.kind);
  const proxy = await startCutProxy({ target: { host: server.host, port: server.port }, ftp, maxConnections: 500 });
  const local = await localTempDir('ferry-queue-cut-');
  const sha = await writeRandomFile(join(local, 'up.bin'), SIZE);
  // The same bytes on the server, for the downloads.
  await copyFile(join(local, 'up.bin'), join(server.root, 'remote.bin'));
  await giveToTestUser(server.root);
  return { server, proxy, local, sha };
}

/** Connections to the server through the proxy, recording transfer calls. */
function throughProxy(rig: Rig, protocol: Protocol): ServerQueueFs {
  return serverQueueFs({ ...rig.server, port: rig.proxy.port }, protocol);
}

/** The one call that finished, after failed ones; checks the shape of the attempts. */
function resumedCall(calls: readonly TransferCall[], op: TransferCall['op']): TransferCall {
  const mine = calls.filter((call) => call.op === op);
  expect(mine.length, JSON.stringify(mine)).toBeGreaterThanOrEqual(2);
  expect(mine[0]).toMatchObject({ offset: 0, bytes: null });
  const last = mine[mine.length - 1] as TransferCall;
  expect(last.bytes).not.toBeNull();
  expect(mine.slice(0, -1).every((call) => call.bytes === null)).toBe(true);
  return last;
}

async function runOne(rig: Rig, conn: ServerQueueFs, add: (queue: TestQueue['queue']) => Promise<string>): Promise<{ id: string; logs: string[] }> {
  const logs: string[] = [];
  const { queue } = await openTestQueue(conn.open, { retries: 5 }, { log: (text) => logs.push(text) });
  const id = await add(queue);
  await queue.whenIdle();
  const job = queue.get(id);
  await queue.close();
  // On failure: the attempts, the queue's log and what the proxy saw.
  const dump = JSON.stringify({ calls: conn.calls, logs, connections: rig.proxy.connections.map((x) => ({ id: x.id, role: x.role, bytes: x.bytes, cutAt: x.cutAt })) });
  expect(job?.state, dump).toMatchObject({ status: 'done' });
  expect(logs.some((text) => text.startsWith('Retrying')), dump).toBe(true);
  return { id, logs };
}

const download = (rig: Rig, down: string) => async (queue: TestQueue['queue']): Promise<string> =>
  (await queue.add({ direction: 'download', siteKey: 'cut', remotePath: remoteJoin(rig.server.home, 'remote.bin'), type: 'file', localDir: down })).ids[0] ?? '';
const upload = (rig: Rig) => async (queue: TestQueue['queue']): Promise<string> =>
  (await queue.add({ direction: 'upload', siteKey: 'cut', localPath: join(rig.local, 'up.bin'), remoteDir: rig.server.home })).ids[0] ?? '';

function report(label: string, offset: number, after: number): void {
  console.log(`[interrupt] ${label} (cut after ${CUT} bytes on the wire): resumed at byte ${offset} of ${SIZE}; ${after} bytes on the connection(s) after the cut (size − offset = ${SIZE - offset})`);
}

for (const c of FTP_CASES) {
  const req = requireServer(c.kind);
  describe.skipIf(req.skip)(`queue survives cut FTP connections on ${c.kind}${req.skip ? ` (skipped: ${req.reason})` : ''}`, () => {
    let rig: Rig;
    beforeAll(async () => {
      rig = await setUp(c, true);
    });
    afterAll(async () => {
      await rig?.proxy.close();
      await rig?.server.stop();
      if (rig?.local) await rm(rig.local, { recursive: true, force: true });
    });

    it('download: data connection cut after N bytes → retried, resumed at the cut, sha256-equal', async () => {
      const conn = throughProxy(rig, c.protocol);
      const down = await localTempDir('ferry-queue-cut-down-');
      const cut = rig.proxy.cutAfter({ role: 'data', direction: 'downstream', afterBytes: CUT });
      await runOne(rig, conn, download(rig, down));
      const cutConn = await cut;
      const call = resumedCall(conn.calls, 'download');
      expect(call.offset).toBeGreaterThan(0);
      expect(call.offset).toBeLessThanOrEqual(CUT);
      const after = rig.proxy.bytesAfter(cutConn.id, 'downstream', 'data');
      expect(after).toBe(SIZE - call.offset);
      expect(call.bytes).toBe(SIZE - call.offset);
      expect(await sha256Stream(join(down, 'remote.bin'))).toBe(rig.sha);
      report(`${c.kind} download, data cut`, call.offset, after);
    });

    it('download: control connection cut mid-transfer → retried, resumed, sha256-equal', async () => {
      const conn = throughProxy(rig, c.protocol);
      const down = await localTempDir('ferry-queue-cut-down-');
      // When the download's data connection has carried CUT bytes, its control connection is cut.
      const cut = rig.proxy.cutAfter({
        role: 'data',
        direction: 'downstream',
        afterBytes: CUT,
        instead: (data, proxy) => proxy.connections.find((x) => x.id === data.controlId)?.cut(),
      });
      await runOne(rig, conn, download(rig, down));
      const data = await cut;
      const control = rig.proxy.connections.find((x: ProxiedConnection) => x.id === data.controlId);
      expect(control?.cutAt).not.toBeNull();
      expect(data.cutAt).toBeNull();
      const lastId = Math.max(...rig.proxy.connections.filter((x) => x.controlId === data.controlId || x.id === data.controlId).map((x) => x.id));
      const call = resumedCall(conn.calls, 'download');
      expect(call.offset).toBeGreaterThan(0);
      expect(call.offset).toBeLessThan(SIZE);
      const after = rig.proxy.bytesAfter(lastId, 'downstream', 'data');
      expect(after).toBe(SIZE - call.offset);
      expect(await sha256Stream(join(down, 'remote.bin'))).toBe(rig.sha);
      report(`${c.kind} download, control cut`, call.offset, after);
    });

    it('upload: data connection cut after N bytes → retried, resumed from the server\'s size, sha256-equal', async () => {
      const conn = throughProxy(rig, c.protocol);
      const cut = rig.proxy.cutAfter({ role: 'data', direction: 'upstream', afterBytes: CUT });
      await runOne(rig, conn, upload(rig));
      const cutConn = await cut;
      const call = resumedCall(conn.calls, 'upload');
      expect(call.offset).toBeGreaterThan(0);
      expect(call.offset).toBeLessThanOrEqual(CUT);
      const after = rig.proxy.bytesAfter(cutConn.id, 'upstream', 'data');
      expect(after).toBe(SIZE - call.offset);
      expect(await sha256Stream(join(rig.server.root, 'up.bin'))).toBe(rig.sha);
      await expect(stat(partPath(join(rig.server.root, 'up.bin')))).rejects.toThrow();
      report(`${c.kind} upload, data cut`, call.offset, after);
      await rm(join(rig.server.root, 'up.bin'));
    });
  });
}

/** SSH framing, MACs, padding and the handshake cost a little over the payload. */
function expectSshBytes(after: number, payload: number): void {
  expect(after).toBeGreaterThanOrEqual(payload);
  expect(after).toBeLessThan(payload * 1.03 + 256 * 1024);
}

for (const c of SFTP_CASES) {
  const req = requireServer(c.kind);
  describe.skipIf(req.skip)(`queue survives a cut SSH connection on ${c.kind}${req.skip ? ` (skipped: ${req.reason})` : ''}`, () => {
    let rig: Rig;
    beforeAll(async () => {
      rig = await setUp(c, false);
    });
    afterAll(async () => {
      await rig?.proxy.close();
      await rig?.server.stop();
      if (rig?.local) await rm(rig.local, { recursive: true, force: true });
    });

    it('download: SSH connection cut after N bytes → retried, resumed at the contiguous bytes, sha256-equal', async () => {
      const conn = throughProxy(rig, c.protocol);
      const down = await localTempDir('ferry-queue-cut-down-');
      const cut = rig.proxy.cutAfter({ direction: 'downstream', afterBytes: CUT });
      await runOne(rig, conn, download(rig, down));
      const cutConn = await cut;
      const call = resumedCall(conn.calls, 'download');
      expect(call.offset).toBeGreaterThan(0);
      expect(call.offset).toBeLessThanOrEqual(CUT);
      const after = rig.proxy.bytesAfter(cutConn.id, 'downstream');
      expectSshBytes(after, SIZE - call.offset);
      expect(after).toBeLessThan(SIZE);
      expect(await sha256Stream(join(down, 'remote.bin'))).toBe(rig.sha);
      report(`${c.kind} download, SSH cut`, call.offset, after);
    });

    it('upload: SSH connection cut after N bytes → retried, resumed from the server\'s size, sha256-equal', async () => {
      const conn = throughProxy(rig, c.protocol);
      const cut = rig.proxy.cutAfter({ direction: 'upstream', afterBytes: CUT });
      await runOne(rig, conn, upload(rig));
      const cutConn = await cut;
      const call = resumedCall(conn.calls, 'upload');
      expect(call.offset).toBeGreaterThan(0);
      expect(call.offset).toBeLessThanOrEqual(CUT);
      const after = rig.proxy.bytesAfter(cutConn.id, 'upstream');
      expectSshBytes(after, SIZE - call.offset);
      expect(after).toBeLessThan(SIZE);
      expect(await sha256Stream(join(rig.server.root, 'up.bin'))).toBe(rig.sha);
      report(`${c.kind} upload, SSH cut`, call.offset, after);
      await rm(join(rig.server.root, 'up.bin'));
    });
  });
}
