/**
 * The Site Manager through the whole contract (in-memory transport, real core,
 * real vsftpd): save a site with a password, connect by id, and prove the
 * password is nowhere in plain text — not in the data folder, not in the log.
 */
import { readdir, readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PromptRequest } from '../../shared/model/prompt.js';
import { makeSite } from '../../shared/model/site.js';
import { connectInMemory } from '../ipc/memory-transport.js';
import { requireServer } from '../engine/testing/availability.js';
import { makeBrowseFixture } from '../engine/testing/fixtures.js';
import { startVsftpd, type RunningServer } from '../engine/testing/servers/index.js';
import { createCore, type Core } from './create-core.js';

const MASTER = 'correct horse battery';

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

const vsftpd = requireServer('vsftpd');
describe.skipIf(vsftpd.skip)('sites and secrets through the contract', () => {
  let server: RunningServer;
  let dataDir: string;
  let core: Core;

  beforeAll(async () => {
    server = await startVsftpd({});
    await makeBrowseFixture(server.root);
    dataDir = await mkdtemp(join(tmpdir(), 'ferry-sites-int-'));
  });
  afterAll(async () => {
    await core?.shutdown();
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('saves a site with a password, connects by id, and never writes or logs the password in plain text', async () => {
    core = createCore({ host: 'browser', version: 'test', dataDir });
    const client = connectInMemory(core.router, core.bus);
    const asked: string[] = [];
    // the user answers the vault prompts with the master password
    client.on('prompt.request', (request: PromptRequest) => {
      asked.push(request.kind === 'secret' ? request.title : request.kind);
      if (request.kind === 'secret') void client.call('prompt.answer', { promptId: request.promptId, answer: { kind: 'secret', value: MASTER } });
    });

    const site = makeSite('site-1', 'Test vsftpd', { protocol: 'ftp-plain', host: server.host, port: server.port, user: server.user, remoteDir: '/nested' });
    const saved = await client.call('sites.save', { parentId: null, site, password: server.password });
    expect(saved.tree).toEqual([expect.objectContaining({ id: 'site-1', secret: 'stored' })]);
    expect(saved.secrets).toEqual({ kind: 'vault', unlocked: true });
    expect(asked).toEqual(['Create a master password']);

    const { session, remoteDir } = await client.call('sites.connect', { siteId: 'site-1' });
    expect(remoteDir).toBe('/nested');
    const listing = await client.call('fs.list', { sessionId: session.sessionId, path: '/' });
    expect(listing.entries.some((entry) => entry.name === 'readme.txt')).toBe(true);
    await client.call('session.disconnect', { sessionId: session.sessionId });
    core.bus.flush();

    const files = await filesUnder(dataDir);
    expect(files.map((file) => file.slice(dataDir.length + 1)).sort()).toEqual(expect.arrayContaining(['sites.json', 'vault.json']));
    for (const file of files) {
      const bytes = await readFile(file);
      for (const form of [server.password, Buffer.from(server.password).toString('base64'), Buffer.from(server.password).toString('hex')]) {
        expect(bytes.includes(form), `${file} contains the password`).toBe(false);
      }
    }
    const log = (await client.call('log.history', {})).map((entry) => entry.text).join('\n');
    expect(log).toContain('PASS ****');
    expect(log).not.toContain(server.password);
  });

  it('a restarted core asks for the master password once, refuses a wrong one, and connects', async () => {
    await core.shutdown();
    core = createCore({ host: 'browser', version: 'test', dataDir });
    const client = connectInMemory(core.router, core.bus);
    const answers = ['wrong master password', MASTER];
    const asked: string[] = [];
    client.on('prompt.request', (request: PromptRequest) => {
      if (request.kind !== 'secret') return;
      asked.push(request.message);
      void client.call('prompt.answer', { promptId: request.promptId, answer: { kind: 'secret', value: answers.shift() ?? '' } });
    });
    expect((await client.call('sites.get', {})).secrets).toEqual({ kind: 'vault', unlocked: false });
    const { session } = await client.call('sites.connect', { siteId: 'site-1' });
    expect(asked).toHaveLength(2);
    expect(asked[1]).toMatch(/^Wrong master password/);
    await client.call('session.disconnect', { sessionId: session.sessionId });
    // unlocked once per run: a second connect asks nothing
    await client.call('sites.connect', { siteId: 'site-1' });
    expect(asked).toHaveLength(2);
  });
});
