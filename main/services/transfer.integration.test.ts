/**
 * The transfer queue through the whole contract: the real core over the
 * in-memory transport, real vsftpd (FTPS) and OpenSSH (SFTP). A tree goes up
 * and comes back sha256-equal, a re-upload asks "file exists", files dropped
 * into the browser host are staged and uploaded, and a saved site's
 * connections are opened by `site:` key with its stored password.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FerryError } from '../../shared/errors.js';
import type { ConflictAnswer, TransferJob } from '../../shared/model/transfer.js';
import { FINISHED_STATUSES } from '../../shared/model/transfer.js';
import type { PromptAnswer, PromptRequest } from '../../shared/model/prompt.js';
import type { Protocol } from '../../shared/model/session.js';
import { makeSite } from '../../shared/model/site.js';
import { makeTree, sha256, sha256File, type TreeFile } from '../engine/queue/queue-tests.testing.js';
import { requireServer } from '../engine/testing/availability.js';
import { startSshd, startVsftpd, type RunningServer } from '../engine/testing/servers/index.js';
import { connectInMemory } from '../ipc/memory-transport.js';
import { createCore, type Core } from './create-core.js';

const MASTER = 'correct horse battery';
/** vsftpd 3.0.3 cannot take an empty file over FTPS (see transfer-queue.integration.test.ts): no size 0 here. */
const SIZES = [1, 4096, 65_537, 200_003, 3];

interface Case {
  readonly kind: 'vsftpd' | 'sshd';
  readonly protocol: Protocol;
  readonly start: () => Promise<RunningServer>;
  /** The prompt kind trusting the server raises. */
  readonly trustPrompt: 'certificate' | 'host-key';
}

const CASES: readonly Case[] = [
  { kind: 'vsftpd', protocol: 'ftpes', start: () => startVsftpd({ tls: 'explicit' }), trustPrompt: 'certificate' },
  { kind: 'sshd', protocol: 'sftp', start: () => startSshd({}), trustPrompt: 'host-key' },
];

const remoteJoin = (dir: string, name: string): string => (dir.endsWith('/') ? `${dir}${name}` : `${dir}/${name}`);

async function walk(root: string): Promise<string[]> {
  const entries = await readdir(root, { withFileTypes: true, recursive: true });
  return entries.map((entry) => join(entry.parentPath, entry.name).slice(root.length + 1) + (entry.isDirectory() ? '/' : '')).sort();
}

for (const c of CASES) {
  const availability = requireServer(c.kind);
  describe.skipIf(availability.skip)(`transfer queue through the contract on ${c.kind} (${c.protocol})`, () => {
    let server: RunningServer;
    let dataDir: string;
    let work: string;
    let core: Core;
    let client: ReturnType<typeof connectInMemory>;
    let sessionId = '';
    let tree: TreeFile[] = [];
    const jobs = new Map<string, TransferJob>();
    const asked: PromptRequest[] = [];
    let conflictReply: ConflictAnswer | null = null;

    /** Waits for `queue.progress` batches to report every job finished; returns them. */
    async function settled(ids: readonly string[]): Promise<TransferJob[]> {
      await expect
        .poll(() => ids.filter((id) => !FINISHED_STATUSES.includes(jobs.get(id)?.state.status ?? 'queued')).length, { timeout: 60_000, interval: 50 })
        .toBe(0);
      return ids.map((id) => jobs.get(id) as TransferJob);
    }

    const notDone = (list: readonly TransferJob[]): string[] => list.filter((job) => job.state.status !== 'done').map((job) => `${job.remotePath}: ${JSON.stringify(job.state)}`);

    beforeAll(async () => {
      server = await c.start();
      dataDir = await mkdtemp(join(tmpdir(), 'ferry-transfer-int-'));
      work = await mkdtemp(join(tmpdir(), 'ferry-transfer-work-'));
      tree = await makeTree(join(work, 'tree'), 3, 10, SIZES);
      core = createCore({ host: 'browser', version: 'test', dataDir, knownHostsPath: join(dataDir, 'known_hosts'), queueOptions: { batchIntervalMs: 50 } });
      attach();
    });

    /** A client on the current core that records progress and answers prompts like the user would. */
    function attach(): void {
      client = connectInMemory(core.router, core.bus);
      client.on('queue.progress', (batch) => {
        for (const job of batch.changed) jobs.set(job.id, job);
      });
      client.on('prompt.request', (request) => {
        asked.push(request);
        let answer: PromptAnswer = { kind: 'cancel' };
        if (request.kind === 'certificate' || request.kind === 'host-key') answer = { kind: 'trust', scope: 'once' };
        else if (request.kind === 'secret') answer = { kind: 'secret', value: request.label === 'Password' ? server.password : MASTER };
        else if (request.kind === 'file-exists' && conflictReply) answer = { kind: 'conflict', answer: conflictReply };
        void client.call('prompt.answer', { promptId: request.promptId, answer });
      });
    }

    afterAll(async () => {
      client?.close();
      await core?.shutdown();
      await server?.stop();
      await rm(dataDir, { recursive: true, force: true });
      await rm(work, { recursive: true, force: true });
    });

    it('uploads a tree (30 files in 3 folders + an empty folder) and downloads it back sha256-equal', async () => {
      const session = await client.call('session.connect', {
        protocol: c.protocol,
        host: server.host,
        port: server.port,
        user: server.user,
        password: server.password,
        transferMode: 'passive',
        timeoutMs: 10_000,
      });
      sessionId = session.sessionId;
      await expect(client.call('queue.add', { sessionId: 'no-such-session', items: [{ direction: 'upload', localPath: join(work, 'tree'), remoteDir: server.home }] })).rejects.toMatchObject({
        code: 'NOT_CONNECTED',
      });

      const started = Date.now();
      const up = await client.call('queue.add', { sessionId, items: [{ direction: 'upload', localPath: join(work, 'tree'), remoteDir: server.home }] });
      expect(up.refused).toEqual([]);
      expect(up.ids).toHaveLength(30 + 5); // files + folder jobs: the tree, its 3 folders and the empty one
      const uploaded = await settled(up.ids);
      expect(notDone(uploaded)).toEqual([]);
      const upMs = Date.now() - started;
      const siteKey = uploaded[0]?.siteKey ?? '';
      expect(siteKey).toBe(`quick:${c.protocol}://${server.user}@${server.host}:${server.port}`);
      expect(siteKey).not.toContain(server.password);
      for (const file of tree) expect(sha256(await readFile(join(server.root, 'tree', file.rel))), file.rel).toBe(file.sha256);
      expect(existsSync(join(server.root, 'tree', 'empty folder'))).toBe(true);
      // trusted once in this run: the queue's extra connections asked nothing more
      expect(asked.filter((request) => request.kind === c.trustPrompt)).toHaveLength(1);

      const back = join(work, 'back');
      const down = await client.call('queue.add', { sessionId, items: [{ direction: 'download', remotePath: remoteJoin(server.home, 'tree'), type: 'dir', localDir: back }] });
      const downloaded = await settled(down.ids);
      expect(notDone(downloaded)).toEqual([]);
      expect(await walk(join(back, 'tree'))).toEqual(await walk(join(work, 'tree')));
      for (const file of tree) expect(await sha256File(join(back, 'tree', file.rel)), file.rel).toBe(file.sha256);
      const snapshot = await client.call('queue.snapshot', {});
      expect(snapshot.totals.byStatus.done).toBe(up.ids.length + down.ids.length);
      const bytes = tree.reduce((sum, file) => sum + file.size, 0);
      console.info(`${c.kind}: ${tree.length} files, ${bytes} bytes up in ${upMs} ms; ${down.ids.length} download jobs`);

      await client.call('queue.clearDone', {});
      expect((await client.call('queue.snapshot', {})).jobs).toEqual([]);
      // the password never reached queue.json
      expect((await readFile(join(dataDir, 'queue.json'))).includes(server.password)).toBe(false);
    });

    it('a re-upload raises a file-exists prompt: skip skips, overwrite replaces', async () => {
      const file = tree[0] as TreeFile;
      const localPath = join(work, 'tree', file.rel);
      const remoteDir = remoteJoin(server.home, `tree/${file.rel.split('/')[0] ?? ''}`);
      const before = asked.filter((request) => request.kind === 'file-exists').length;

      conflictReply = { action: 'skip', applyToAll: false };
      const skip = await client.call('queue.add', { sessionId, items: [{ direction: 'upload', localPath, remoteDir }] });
      const [skipped] = await settled(skip.ids);
      expect(skipped?.state.status).toBe('skipped');
      const questions = asked.filter((request) => request.kind === 'file-exists').slice(before);
      expect(questions).toHaveLength(1);
      expect(questions[0]).toMatchObject({ question: { direction: 'upload', target: { path: remoteJoin(remoteDir, file.rel.split('/')[1] ?? '') } } });

      conflictReply = { action: 'overwrite', applyToAll: false };
      const overwrite = await client.call('queue.add', { sessionId, items: [{ direction: 'upload', localPath, remoteDir }] });
      const [done] = await settled(overwrite.ids);
      expect(done?.state).toMatchObject({ status: 'done' });
      expect(asked.filter((request) => request.kind === 'file-exists').length - before).toBe(2);
      conflictReply = null;
    });

    it('stages a dropped folder of 2 files and uploads it, then deletes the staged copies', async () => {
      const batchId = `drop-${c.kind}`;
      const a = Buffer.from('hello from the browser\n');
      const b = Buffer.from(Array.from({ length: 100_003 }, (_, i) => (i * 31) % 251));
      await expect(client.call('staging.begin', { batchId, relativePath: '../escape.txt', size: 1 })).rejects.toMatchObject({ code: 'INVALID_PARAMS' });
      const stageA = await client.call('staging.begin', { batchId, relativePath: 'dropped/a.txt', size: a.length });
      const stageB = await client.call('staging.begin', { batchId, relativePath: 'dropped/sub/b.bin', size: b.length });
      await client.call('staging.write', { stageId: stageA.stageId, offset: 0, data: a.toString('base64') });
      const first = await client.call('staging.write', { stageId: stageB.stageId, offset: 0, data: b.subarray(0, 40_000).toString('base64') });
      expect(first.written).toBe(40_000);
      await expect(client.call('staging.write', { stageId: stageB.stageId, offset: 0, data: 'AAAA' })).rejects.toMatchObject({ code: 'INVALID_PARAMS' });
      await expect(client.call('staging.commit', { batchId, sessionId, remoteDir: server.home })).rejects.toMatchObject({ code: 'INVALID_PARAMS' });
      await client.call('staging.write', { stageId: stageB.stageId, offset: 40_000, data: b.subarray(40_000, 80_000).toString('base64') });
      const overrun = Buffer.alloc(b.length - 80_000 + 1).toString('base64');
      await expect(client.call('staging.write', { stageId: stageB.stageId, offset: 80_000, data: overrun })).rejects.toMatchObject({ code: 'INVALID_PARAMS' });
      await client.call('staging.write', { stageId: stageB.stageId, offset: 80_000, data: b.subarray(80_000).toString('base64') });
      expect(existsSync(join(dataDir, 'staging', batchId, 'dropped', 'sub', 'b.bin'))).toBe(true);

      const committed = await client.call('staging.commit', { batchId, sessionId, remoteDir: server.home });
      expect(committed.refused).toEqual([]);
      const staged = await settled(committed.ids);
      expect(notDone(staged)).toEqual([]);
      expect(await readFile(join(server.root, 'dropped', 'a.txt'))).toEqual(a);
      expect(sha256(await readFile(join(server.root, 'dropped', 'sub', 'b.bin')))).toBe(sha256(b));
      await expect.poll(() => existsSync(join(dataDir, 'staging', batchId)), { timeout: 10_000, interval: 50 }).toBe(false);

      const aborted = await client.call('staging.begin', { batchId: 'drop-aborted', relativePath: 'x.txt', size: 10 });
      expect(aborted.stageId).toBeTruthy();
      await client.call('staging.abort', { batchId: 'drop-aborted' });
      expect(existsSync(join(dataDir, 'staging', 'drop-aborted'))).toBe(false);
      await expect(client.call('staging.write', { stageId: aborted.stageId, offset: 0, data: 'AAAA' })).rejects.toMatchObject({ code: 'NOT_FOUND' } satisfies Partial<FerryError>);
    });

    it('uploads through a saved site: its connections open by site key with the stored password', async () => {
      const siteId = `site-${c.kind}`;
      const site = { ...makeSite(siteId, `Test ${c.kind}`, { protocol: c.protocol, host: server.host, port: server.port, user: server.user }), maxConnections: 2, tempNameUploads: true };
      await client.call('sites.save', { parentId: null, site, password: server.password });
      const { session } = await client.call('sites.connect', { siteId });
      const file = tree[1] as TreeFile;
      const added = await client.call('queue.add', { sessionId: session.sessionId, items: [{ direction: 'upload', localPath: join(work, 'tree', file.rel), remoteDir: server.home }] });
      const [job] = await settled(added.ids);
      expect(job?.siteKey).toBe(`site:${siteId}`);
      expect(job?.state).toMatchObject({ status: 'done' });
      const name = file.rel.split('/')[1] ?? '';
      expect(sha256(await readFile(join(server.root, name)))).toBe(file.sha256);
      expect((await client.call('queue.snapshot', {})).settings.sites[`site:${siteId}`]).toEqual({ maxConnections: 2, tempNames: true });
      expect(asked.filter((request) => request.kind === c.trustPrompt)).toHaveLength(1);
      expect((await stat(join(dataDir, 'queue.json'))).isFile()).toBe(true);
      await client.call('session.disconnect', { sessionId: session.sessionId });
    });

    it('after a restart, a quick-connect job asks for the password once and finishes', async () => {
      await client.call('queue.pause', {});
      const added = await client.call('queue.add', { sessionId, items: [{ direction: 'upload', localPath: join(work, 'tree', 'dir 01'), remoteDir: server.home }] });
      expect(added.ids).toHaveLength(11);
      client.close();
      await core.shutdown();
      expect((await readFile(join(dataDir, 'queue.json'))).includes(server.password)).toBe(false);

      core = createCore({ host: 'browser', version: 'test', dataDir, knownHostsPath: join(dataDir, 'known_hosts'), queueOptions: { batchIntervalMs: 50 } });
      attach();
      const before = asked.length;
      const restored = await client.call('queue.snapshot', {});
      expect(restored.active).toBe(false);
      expect(restored.jobs.filter((job) => added.ids.includes(job.id)).map((job) => job.state.status)).toEqual(Array(11).fill('queued'));
      await client.call('queue.resume', {});
      const resumed = await settled(added.ids);
      expect(notDone(resumed)).toEqual([]);
      const passwordPrompts = asked.slice(before).filter((request) => request.kind === 'secret' && request.label === 'Password');
      expect(passwordPrompts).toHaveLength(1);
      for (const file of tree.filter((f) => f.rel.startsWith('dir 01/'))) expect(sha256(await readFile(join(server.root, file.rel))), file.rel).toBe(file.sha256);
    });
  });
}
