/**
 * File operations and remote editing through the whole contract: the real
 * core over the in-memory transport, on vsftpd, pure-ftpd, proftpd, OpenSSH
 * sshd and the local side. New folder / empty file / rename across folders,
 * recursive delete with progress, recursive chmod on files only, unicode and
 * bracketed names, a bulk delete with one undeletable file (a root-owned 0555
 * folder: the servers run as the test user), search and its cancel; then the
 * edit round trip on vsftpd.
 */
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EditState, FsOperationEvent } from '../../shared/model/file-ops.js';
import type { PromptAnswer } from '../../shared/model/prompt.js';
import type { Protocol } from '../../shared/model/session.js';
import { requireServer } from '../engine/testing/availability.js';
import { BROWSE, makeBrowseFixture } from '../engine/testing/fixtures.js';
import { giveToTestUser } from '../engine/testing/ownership.js';
import { startServer, type RunningServer, type ServerKind } from '../engine/testing/servers/index.js';
import { makeTempDir } from '../engine/testing/temp-dir.js';
import { connectInMemory } from '../ipc/memory-transport.js';
import { createCore, type Core } from './create-core.js';

type Client = ReturnType<typeof connectInMemory>;

interface Side {
  readonly name: string;
  readonly skip: boolean;
  readonly kind: ServerKind | null;
  readonly protocol: Protocol | null;
}

const SIDES: readonly Side[] = [
  { name: 'vsftpd', skip: requireServer('vsftpd').skip, kind: 'vsftpd', protocol: 'ftp-plain' },
  { name: 'pure-ftpd', skip: requireServer('pure-ftpd').skip, kind: 'pure-ftpd', protocol: 'ftp-plain' },
  { name: 'proftpd', skip: requireServer('proftpd').skip, kind: 'proftpd', protocol: 'ftp-plain' },
  { name: 'sshd', skip: requireServer('sshd').skip, kind: 'sshd', protocol: 'sftp' },
  { name: 'local', skip: false, kind: null, protocol: null },
];

const rjoin = (dir: string, ...names: string[]): string => names.reduce((acc, n) => (acc.endsWith('/') ? `${acc}${n}` : `${acc}/${n}`), dir);

/** A core with a no-op opener and a client that trusts servers once and records events. */
function makeCore(dataDir: string, opened: string[]): { core: Core; client: Client; ops: FsOperationEvent[]; edits: EditState[] } {
  const core = createCore({ host: 'browser', version: 'test', dataDir, knownHostsPath: join(dataDir, 'known_hosts'), opener: (target) => void opened.push(target), editPollMs: 100 });
  const client = connectInMemory(core.router, core.bus);
  const ops: FsOperationEvent[] = [];
  const edits: EditState[] = [];
  client.on('fs.operation', (event) => ops.push(event));
  client.on('edit.changed', (state) => edits.push(state));
  client.on('prompt.request', (request) => {
    const answer: PromptAnswer = request.kind === 'certificate' || request.kind === 'host-key' ? { kind: 'trust', scope: 'once' } : { kind: 'cancel' };
    void client.call('prompt.answer', { promptId: request.promptId, answer });
  });
  return { core, client, ops, edits };
}

for (const side of SIDES) {
  describe.skipIf(side.skip)(`file operations through the contract on ${side.name}`, () => {
    let server: RunningServer | null = null;
    let dataDir: string;
    let root: string;
    let home: string;
    let sessionId = 'local';
    let core: Core;
    let client: Client;
    let ops: FsOperationEvent[];
    const remote = (...names: string[]): string => rjoin(home, ...names);
    const disk = (...names: string[]): string => join(root, ...names);

    beforeAll(async () => {
      dataDir = await mkdtemp(join(tmpdir(), 'ferry-fileops-int-'));
      ({ core, client, ops } = makeCore(dataDir, []));
      if (side.kind && side.protocol) {
        server = await startServer(side.kind, {});
        root = server.root;
        await makeBrowseFixture(root);
        const session = await client.call('session.connect', { protocol: side.protocol, host: server.host, port: server.port, user: server.user, password: server.password, transferMode: 'passive', timeoutMs: 10_000 });
        sessionId = session.sessionId;
        home = session.home;
      } else {
        root = await makeTempDir('ferry-fileops-local-');
        await makeBrowseFixture(root);
        home = root;
      }
    });

    afterAll(async () => {
      client?.close();
      await core?.shutdown();
      if (existsSync(disk('bulk', 'locked'))) await chmod(disk('bulk', 'locked'), 0o755);
      await server?.stop();
      if (!server && root) await rm(root, { recursive: true, force: true });
      await rm(dataDir, { recursive: true, force: true });
    });

    it('creates a folder and an empty file, refuses bad names before the server, renames across folders', async () => {
      await client.call('fs.mkdir', { sessionId, path: remote('work') });
      await client.call('fs.mkdir', { sessionId, path: remote('work', 'sub [1] ünï 名前') });
      await client.call('fs.createFile', { sessionId, path: remote('work', 'a (copy) [2].txt') });
      expect((await stat(disk('work', 'sub [1] ünï 名前'))).isDirectory()).toBe(true);
      expect((await stat(disk('work', 'a (copy) [2].txt'))).size).toBe(0);
      await expect(client.call('fs.mkdir', { sessionId, path: remote('work') })).rejects.toMatchObject({ code: 'ALREADY_EXISTS' });
      for (const bad of ['', '..', 'a\\b']) await expect(client.call('fs.mkdir', { sessionId, path: `${remote('work')}/${bad}` })).rejects.toMatchObject({ code: 'INVALID_PARAMS' });
      await expect(client.call('fs.createFile', { sessionId, path: remote('work', 'x\ny') })).rejects.toMatchObject({ code: 'INVALID_PARAMS' });

      await client.call('fs.rename', { sessionId, from: remote('work', 'a (copy) [2].txt'), to: remote('work', 'sub [1] ünï 名前', 'moved ✓.txt') });
      expect(existsSync(disk('work', 'a (copy) [2].txt'))).toBe(false);
      expect(existsSync(disk('work', 'sub [1] ünï 名前', 'moved ✓.txt'))).toBe(true);
      await expect(client.call('fs.rename', { sessionId, from: remote('work', 'sub [1] ünï 名前'), to: remote('work', 'bad/') })).rejects.toMatchObject({ code: 'INVALID_PARAMS' });

      const entry = await client.call('fs.stat', { sessionId, path: remote(BROWSE.readme) });
      expect(entry).toMatchObject({ name: BROWSE.readme, type: 'file', size: (await stat(disk(BROWSE.readme))).size });
      expect(await client.call('fs.stat', { sessionId, path: remote('no-such-file') })).toBeNull();
    });

    it('deletes a 3-level tree recursively with progress events', async () => {
      for (const dir of ['tree/l1a/l2a/l3', 'tree/l1b']) await mkdir(disk(dir), { recursive: true });
      for (const file of ['tree/f.txt', 'tree/l1a/f.txt', 'tree/l1a/l2a/f.txt', 'tree/l1a/l2a/l3/f [x].txt', 'tree/l1b/ünï.txt']) await writeFile(disk(file), 'x');
      await giveToTestUser(disk('tree'));
      const result = await client.call('fs.delete', { sessionId, paths: [remote('tree')], operationId: `del-${side.name}` });
      expect(result).toEqual({ done: 10, failed: [], cancelled: false });
      expect(existsSync(disk('tree'))).toBe(false);
      const mine = ops.filter((e) => e.operationId === `del-${side.name}`);
      expect(mine.some((e) => e.kind === 'progress')).toBe(true);
      expect(mine.at(-1)).toEqual({ operationId: `del-${side.name}`, kind: 'finished', cancelled: false });
    });

    it('sets permissions recursively on files only', async () => {
      await mkdir(disk('perm/sub'), { recursive: true });
      await writeFile(disk('perm/a.txt'), 'a');
      await writeFile(disk('perm/sub/b.txt'), 'b');
      await giveToTestUser(disk('perm'));
      const before = (await stat(disk('perm/sub'))).mode & 0o777;
      const result = await client.call('fs.chmod', { sessionId, paths: [remote('perm')], mode: 0o600, recursive: 'files', operationId: `chmod-${side.name}` });
      expect(result).toEqual({ done: 2, failed: [], cancelled: false });
      expect((await stat(disk('perm/a.txt'))).mode & 0o777).toBe(0o600);
      expect((await stat(disk('perm/sub/b.txt'))).mode & 0o777).toBe(0o600);
      expect((await stat(disk('perm/sub'))).mode & 0o777).toBe(before);
    });

    it.skipIf(side.kind === null)('a bulk delete reports exactly the one undeletable file and deletes the rest', async () => {
      await mkdir(disk('bulk/locked'), { recursive: true });
      await mkdir(disk('bulk/free'), { recursive: true });
      for (const file of ['bulk/1.txt', 'bulk/free/2.txt', 'bulk/free/3.txt']) await writeFile(disk(file), 'x');
      await writeFile(disk('other.txt'), 'x');
      await giveToTestUser(disk('bulk'));
      await giveToTestUser(disk('other.txt'));
      await writeFile(disk('bulk/locked/stuck.txt'), 'x'); // root's, in a root-owned folder:
      await chmod(disk('bulk/locked'), 0o555); // the server's user cannot unlink it
      const { chown } = await import('node:fs/promises');
      await chown(disk('bulk/locked'), 0, 0);
      const result = await client.call('fs.delete', { sessionId, paths: [remote('bulk'), remote('other.txt')], operationId: `bulk-${side.name}` });
      expect(result.failed.map((f) => f.path)).toEqual([remote('bulk', 'locked', 'stuck.txt')]);
      expect(result.failed[0]?.reason).toMatch(/\S/);
      expect(result.done).toBe(5); // 1.txt, free/2.txt, free/3.txt, free/, other.txt
      expect(ops.filter((e) => e.operationId === `bulk-${side.name}` && e.kind === 'item-failed')).toHaveLength(1);
      expect(existsSync(disk('bulk/free'))).toBe(false);
      expect(existsSync(disk('bulk/1.txt'))).toBe(false);
      expect(existsSync(disk('other.txt'))).toBe(false);
      expect(existsSync(disk('bulk/locked/stuck.txt'))).toBe(true);
    });

    it('search finds the nested deep.txt with its folder, and cancel stops a search', async () => {
      const found: FsOperationEvent[] = [];
      const off = client.on('fs.operation', (e) => {
        if (e.operationId === `search-${side.name}` && e.kind === 'found') found.push(e);
      });
      const result = await client.call('fs.search', { sessionId, path: home, pattern: 'DEEP*', operationId: `search-${side.name}` });
      off?.();
      expect(result).toEqual({ found: 1, cancelled: false });
      expect(found).toMatchObject([{ kind: 'found', folder: remote('nested', 'a', 'b'), entry: { name: 'deep.txt', type: 'file' } }]);
      expect(await client.call('fs.search', { sessionId, path: home, pattern: 'deep', minSize: 1_000_000, operationId: `search2-${side.name}` })).toEqual({ found: 0, cancelled: false });

      for (let i = 0; i < 200; i++) await mkdir(disk('wide', `d${i}`, 'x'), { recursive: true });
      await giveToTestUser(disk('wide'));
      const running = client.call('fs.search', { sessionId, path: remote('wide'), pattern: 'no-such-name', operationId: `cancel-${side.name}` });
      await expect.poll(() => client.call('fs.cancel', { operationId: `cancel-${side.name}` }).then((r) => r.cancelled), { timeout: 5000, interval: 5 }).toBe(true);
      await expect(running).resolves.toEqual({ found: 0, cancelled: true });
      expect(await client.call('fs.cancel', { operationId: `cancel-${side.name}` })).toEqual({ cancelled: false });
    });

    it('edit.open refuses a remote path whose last segment is ..', async () => {
      await expect(client.call('edit.open', { sessionId, path: `${remote('nested')}/..` })).rejects.toMatchObject({ code: 'INVALID_PARAMS' });
    });
  });
}

describe.skipIf(requireServer('vsftpd').skip)('remote edit round trip on vsftpd', () => {
  let server: RunningServer;
  let dataDir: string;
  let core: Core;
  let client: Client;
  let edits: EditState[];
  const opened: string[] = [];

  beforeAll(async () => {
    server = await startServer('vsftpd', {});
    await writeFile(join(server.root, 'edit me.txt'), 'original\n');
    await giveToTestUser(join(server.root, 'edit me.txt'));
    dataDir = await mkdtemp(join(tmpdir(), 'ferry-edit-int-'));
    ({ core, client, edits } = makeCore(dataDir, opened));
  });

  afterAll(async () => {
    client?.close();
    await core?.shutdown();
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('opens, notices a save, uploads; warns when the server copy changed and overwrites only when forced', async () => {
    const { sessionId, home } = await client.call('session.connect', { protocol: 'ftp-plain', host: server.host, port: server.port, user: server.user, password: server.password, transferMode: 'passive', timeoutMs: 10_000 });
    const serverFile = join(server.root, 'edit me.txt');
    const state = await client.call('edit.open', { sessionId, path: rjoin(home, 'edit me.txt') });
    expect(state.status).toBe('watching');
    expect(opened).toEqual([state.localPath]);
    expect(await readFile(state.localPath, 'utf8')).toBe('original\n');
    expect((await stat(dirname(state.localPath))).mode & 0o777).toBe(0o700);
    expect(dirname(state.localPath)).toMatch(/ferry-edit-/);

    await writeFile(state.localPath, 'edited once\n');
    await expect.poll(() => edits.filter((e) => e.editId === state.editId && e.status === 'modified').length, { timeout: 10_000, interval: 50 }).toBeGreaterThan(0);
    expect((await client.call('edit.upload', { editId: state.editId, force: false })).status).toBe('watching');
    expect(await readFile(serverFile, 'utf8')).toBe('edited once\n');

    await writeFile(serverFile, 'someone else changed it on the server\n');
    const modifiedSoFar = edits.filter((e) => e.status === 'modified').length;
    await writeFile(state.localPath, 'edited twice\n');
    await expect.poll(() => edits.filter((e) => e.status === 'modified').length, { timeout: 10_000, interval: 50 }).toBeGreaterThan(modifiedSoFar);
    const refused = await client.call('edit.upload', { editId: state.editId, force: false });
    expect(refused.status).toBe('remote-changed');
    expect(refused.message).toMatch(/changed on the server/);
    expect(await readFile(serverFile, 'utf8')).toBe('someone else changed it on the server\n');
    expect((await client.call('edit.upload', { editId: state.editId, force: true })).status).toBe('watching');
    expect(await readFile(serverFile, 'utf8')).toBe('edited twice\n');

    await writeFile(serverFile, 'theirs\n');
    expect((await client.call('edit.reload', { editId: state.editId })).status).toBe('watching');
    expect(await readFile(state.localPath, 'utf8')).toBe('theirs\n');

    await client.call('edit.close', { editId: state.editId, neverAskAgain: true });
    expect(existsSync(dirname(state.localPath))).toBe(false);
    const again = await client.call('edit.open', { sessionId, path: rjoin(home, 'edit me.txt') });
    expect(again.autoUpload).toBe(true);
    await writeFile(again.localPath, 'auto uploaded\n');
    await expect.poll(() => readFile(serverFile, 'utf8'), { timeout: 10_000, interval: 50 }).toBe('auto uploaded\n');
    await client.call('edit.close', { editId: again.editId });
  });

  it('local.open opens an existing local file and refuses folders and missing paths', async () => {
    const file = join(dataDir, 'doc.txt');
    await writeFile(file, 'x');
    await client.call('local.open', { path: file });
    expect(opened.at(-1)).toBe(file);
    await expect(client.call('local.open', { path: dataDir })).rejects.toMatchObject({ code: 'INVALID_PARAMS' });
    await expect(client.call('local.open', { path: join(dataDir, 'missing') })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
