import { spawn, spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { once } from 'node:events';
import { readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FerryError } from '../../../shared/errors.js';
import { makeFolder, makeSite, type RecentServer } from '../../../shared/model/site.js';
import { allSites, insertNode, renameNode } from '../../../shared/model/site-tree.js';
import { makeTempDir } from '../testing/temp-dir.js';
import { tempDirPerTest } from '../testing/temp-dir-per-test.js';
import { createSiteStore, type SitesData } from './site-store.js';

let writer = '';
beforeAll(async () => {
  writer = join(await makeTempDir('ferry-store-writer-'), 'store-writer.mjs');
  await build({ entryPoints: [new URL('./fixtures/store-writer.ts', import.meta.url).pathname], outfile: writer, bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'silent' });
});
afterAll(async () => {
  await rm(join(writer, '..'), { recursive: true, force: true });
});
const dir = tempDirPerTest('ferry-sites-');

const addSite = (id: string, parent: string | null = null) => (data: SitesData): SitesData => ({
  ...data,
  tree: insertNode(data.tree, makeSite(id, `Site ${id}`, { host: `${id}.example` }), parent),
});
const failure = async (promise: Promise<unknown>): Promise<FerryError> => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof FerryError) return error;
    throw error;
  }
  throw new Error('resolved');
};
const runWriter = (...args: string[]) => spawn(process.execPath, [writer, dir(), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });

describe('site store', () => {
  it('round-trips a versioned document, bumping the revision on each write', async () => {
    const store = createSiteStore(dir());
    expect(await store.read()).toEqual({ revision: 0, tree: [], recent: [] });
    await store.update((data) => ({ ...data, tree: [makeFolder('work', 'Work')] }));
    const after = await store.update(addSite('a1', 'work'));
    expect(after.revision).toBe(2);
    const again = await createSiteStore(dir()).read();
    expect(again).toEqual(after);
    expect(JSON.parse(await readFile(join(dir(), 'sites.json'), 'utf8'))).toMatchObject({ version: 1, revision: 2 });
    expect((await stat(join(dir(), 'sites.json'))).mode & 0o777).toBe(0o600);
    expect(await readdir(dir())).toEqual(['sites.json']);
  });

  it('passes errors of the change through, writes nothing invalid, and releases the lock', async () => {
    const store = createSiteStore(dir());
    await store.update(addSite('a1'));
    const before = await readFile(join(dir(), 'sites.json'), 'utf8');
    expect((await failure(store.update((data) => ({ ...data, tree: renameNode(data.tree, 'ghost', 'x') })))).code).toBe('NOT_FOUND');
    const invalid = await failure(store.update((data) => ({ ...data, tree: [makeSite('b1', 'Bad', { host: 'not a host' })] })));
    expect(invalid.code).toBe('INVALID_PARAMS');
    expect(invalid.message).toMatch(/^The site list was not saved: tree\.0\.host/);
    expect(await readFile(join(dir(), 'sites.json'), 'utf8')).toBe(before);
    expect(await readdir(dir())).toEqual(['sites.json']);
  });

  it('sweeps temp files left by writers that died before renaming, but only old ones', async () => {
    const [old, fresh] = [join(dir(), '.sites.json.dead01.tmp'), join(dir(), '.sites.json.live02.tmp')];
    await writeFile(old, '{"half');
    await writeFile(fresh, '{"half');
    const long = new Date(Date.now() - 120_000);
    await utimes(old, long, long);
    await createSiteStore(dir()).update(addSite('a1'));
    expect((await readdir(dir())).sort()).toEqual(['.sites.json.live02.tmp', 'sites.json']);
  });

  it('keeps the history without passwords, newest first, one entry per server', async () => {
    const store = createSiteStore(dir());
    const entry = { protocol: 'ftp', host: 'ftp.example.com', port: 21, user: 'bob', logonType: 'normal', lastUsed: 1, password: 'hunter2' } as RecentServer;
    await store.addRecent(entry);
    await store.addRecent({ ...entry, host: 'other.example', lastUsed: 2 });
    await store.addRecent({ ...entry, lastUsed: 3 });
    expect((await store.read()).recent.map((r) => `${r.host}@${r.lastUsed}`)).toEqual(['ftp.example.com@3', 'other.example@2']);
    expect(await readFile(join(dir(), 'sites.json'), 'utf8')).not.toContain('hunter2');
  });

  it('moves a corrupt file aside, says so, and starts empty and writable', async () => {
    await writeFile(join(dir(), 'sites.json'), '{"version": 1, "tree": [');
    const store = createSiteStore(dir());
    expect(await store.read()).toEqual({ revision: 0, tree: [], recent: [] });
    expect(store.problem()).toMatch(/^The site list was unreadable \(.*\); it was moved to .*sites\.json\.corrupt-\d+ and an empty one was started\.$/);
    const backup = (await readdir(dir())).find((name) => name.startsWith('sites.json.corrupt-')) ?? '';
    expect(await readFile(join(dir(), backup), 'utf8')).toBe('{"version": 1, "tree": [');
    await store.update(addSite('a1'));
    expect(allSites((await store.read()).tree)).toHaveLength(1);
  });

  it('treats a valid JSON file with invalid sites as corrupt too', async () => {
    await writeFile(join(dir(), 'sites.json'), JSON.stringify({ version: 1, revision: 4, tree: [{ kind: 'site', id: 'x', name: 'X', protocol: 'ftp', host: 'h', port: -1 }], recent: [] }));
    const store = createSiteStore(dir());
    expect((await store.read()).tree).toEqual([]);
    expect(store.problem()).toMatch(/tree\.0\.port/);
  });

  it('accepts a hand-written version 1 file without a revision or history', async () => {
    await writeFile(join(dir(), 'sites.json'), JSON.stringify({ version: 1, tree: [{ kind: 'site', id: 'x', name: 'X', protocol: 'sftp', host: 'h.example', port: 22 }] }));
    const store = createSiteStore(dir());
    expect(allSites((await store.read()).tree)[0]).toMatchObject({ id: 'x', logonType: 'normal', secret: 'none' });
    expect((await store.update(addSite('a1'))).revision).toBe(1);
    expect(store.problem()).toBeNull();
  });

  it('leaves a newer version untouched, keeps a copy, and refuses to write', async () => {
    const newer = JSON.stringify({ version: 2, revision: 9, sites: { future: true } });
    await writeFile(join(dir(), 'sites.json'), newer);
    const store = createSiteStore(dir());
    expect(await store.read()).toEqual({ revision: 0, tree: [], recent: [] });
    expect(store.isReadOnly()).toBe(true);
    expect(store.problem()).toMatch(/newer version of Ferry \(format 2\).*left unchanged \(a copy is at .*sites\.json\.v2-backup-\d+\)/);
    const error = await failure(store.update(addSite('a1')));
    expect(error.code).toBe('UNSUPPORTED');
    await store.addRecent({ protocol: 'ftp', host: 'h', port: 21, user: '', logonType: 'anonymous', lastUsed: 1 });
    expect(await readFile(join(dir(), 'sites.json'), 'utf8')).toBe(newer);
    const backup = (await readdir(dir())).find((name) => name.startsWith('sites.json.v2-backup-')) ?? '';
    expect(await readFile(join(dir(), backup), 'utf8')).toBe(newer);
    // A second store that has not read yet finds out inside its first transaction.
    expect((await failure(createSiteStore(dir()).update(addSite('a2')))).code).toBe('UNSUPPORTED');
  });
});

describe('site store concurrency', () => {
  it('keeps every edit when two stores on one folder interleave', async () => {
    const [one, two] = [createSiteStore(dir()), createSiteStore(dir())];
    await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? one : two).update(addSite(`s${i}`))));
    const final = await one.read();
    expect(allSites(final.tree).map((s) => s.id).sort()).toEqual(Array.from({ length: 40 }, (_, i) => `s${i}`).sort());
    expect(final.revision).toBe(40);
  });

  it('keeps every edit when two processes and this one write at once', async () => {
    const children = [runWriter('add', 'p1', '25'), runWriter('add', 'p2', '25')];
    const store = createSiteStore(dir());
    for (let i = 0; i < 10; i += 1) await store.update(addSite(`main-${i}`));
    const codes = await Promise.all(children.map(async (child) => (await once(child, 'exit'))[0] as number));
    expect(codes).toEqual([0, 0]);
    const final = await store.read();
    expect(allSites(final.tree)).toHaveLength(60);
    expect(final.revision).toBe(60);
  }, 30_000);

  it('breaks a lock left by a dead process at once', async () => {
    const dead = spawnSync(process.execPath, ['-e', '']).pid;
    await writeFile(join(dir(), 'sites.json.lock'), JSON.stringify({ pid: dead, host: hostname(), token: 't' }));
    const started = Date.now();
    await createSiteStore(dir()).update(addSite('a1'));
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await readdir(dir())).toEqual(['sites.json']);
  });

  it('breaks a lock nobody touched for the stale time, and waits for a live one', async () => {
    const lock = join(dir(), 'sites.json.lock');
    await writeFile(lock, JSON.stringify({ pid: 1, host: 'another-machine', token: 't' }));
    const old = new Date(Date.now() - 10_000);
    await utimes(lock, old, old);
    await createSiteStore(dir(), { lock: { staleMs: 2_000 } }).update(addSite('a1'));
    await writeFile(lock, JSON.stringify({ pid: process.pid, host: 'another-machine', token: 't' }));
    const error = await failure(createSiteStore(dir(), { lock: { staleMs: 60_000, timeoutMs: 300 } }).update(addSite('a2')));
    expect(error.code).toBe('TIMEOUT');
    expect(allSites((await createSiteStore(dir()).read()).tree).map((s) => s.id)).toEqual(['a1']);
  });

  it('leaves the last complete file when a writer is SIGKILLed mid-write', async () => {
    for (let round = 0; round < 6; round += 1) {
      const child = runWriter('rewrite', `r${round}`);
      await once(child.stdout, 'data'); // "ready": at least one write done
      await new Promise((resolve) => setTimeout(resolve, 20 + round * 15));
      child.kill('SIGKILL');
      await once(child, 'exit');
      const store = createSiteStore(dir());
      const snapshot = await store.read();
      expect(store.problem()).toBeNull();
      expect(snapshot.revision).toBeGreaterThan(0);
      expect(allSites(snapshot.tree)).toHaveLength(20);
      expect(allSites(snapshot.tree).every((site) => site.comments.length === 9_000)).toBe(true);
      // The dead writer's lock (if it died holding it) must not block the next one.
      await store.update((data) => data);
    }
  }, 60_000);
});
