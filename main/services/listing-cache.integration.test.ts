/**
 * The listing cache through the contract on a real vsftpd: navigation may be
 * answered from the cache, Refresh (no `cached`) always asks the server, and
 * Ferry's own changes invalidate what they touch.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireServer } from '../engine/testing/availability.js';
import { makeBrowseFixture } from '../engine/testing/fixtures.js';
import { startVsftpd, type RunningServer } from '../engine/testing/servers/index.js';
import { connectInMemory } from '../ipc/memory-transport.js';
import { createCore, type Core } from './create-core.js';

const vsftpd = requireServer('vsftpd');
describe.skipIf(vsftpd.skip)('listing cache', () => {
  let server: RunningServer;
  let dataDir: string;
  let core: Core;

  beforeAll(async () => {
    server = await startVsftpd({});
    await makeBrowseFixture(server.root);
    dataDir = await mkdtemp(join(tmpdir(), 'ferry-cache-'));
    core = createCore({ host: 'browser', version: 'test', dataDir, opener: () => {} });
  });
  afterAll(async () => {
    await core?.shutdown();
    await server?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('answers navigation from the cache, refreshes on demand, and forgets what Ferry changed', async () => {
    const client = connectInMemory(core.router, core.bus);
    const { sessionId } = await client.call('session.connect', {
      protocol: 'ftp-plain',
      host: server.host,
      port: server.port,
      user: server.user,
      password: server.password,
      transferMode: 'passive',
    });
    const names = async (cached: boolean): Promise<string[]> =>
      (await client.call('fs.list', { sessionId, path: '/empty', ...(cached ? { cached } : {}) })).entries.map((entry) => entry.name).sort();

    expect(await names(true)).toEqual([]);
    await writeFile(join(server.root, 'empty', 'outside.txt'), 'written by someone else');
    expect(await names(true)).toEqual([]); // cached: the outside change is not seen yet
    expect(await names(false)).toEqual(['outside.txt']); // Refresh goes to the server

    await client.call('fs.mkdir', { sessionId, path: '/empty/made-by-ferry' });
    expect(await names(true)).toEqual(['made-by-ferry', 'outside.txt']); // Ferry's own change invalidated the folder
    await client.call('fs.rename', { sessionId, from: '/empty/made-by-ferry', to: '/empty/renamed' });
    expect(await names(true)).toEqual(['outside.txt', 'renamed']);
  });
});
