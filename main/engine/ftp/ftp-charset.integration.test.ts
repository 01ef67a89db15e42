/**
 * Code-page file names against vsftpd, which stores and sends name bytes as
 * they are (no UTF-8 enforcement): a cp1251 file and a Shift_JIS folder made
 * directly on disk must show correctly with the matching charset, open and
 * download by that name (the bytes must round-trip), and new names must be
 * written in the code page. With `auto` the names show garbled, nothing fails.
 */
import { lchownSync, mkdirSync, readdirSync, readFileSync, rmdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join as joinLocal } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireServer } from '../testing/availability.js';
import { makeBrowseFixture } from '../testing/fixtures.js';
import { giveToTestUser } from '../testing/ownership.js';
import { startVsftpd, type RunningServer } from '../testing/servers/index.js';
import { ensureTestUser } from '../testing/system-user.js';
import { trustingSecurity } from '../testing/test-security.js';
import { FtpFs } from './ftp-fs.js';
import { join, localTempDir, recordLog, serverOptions } from './ftp-tests.testing.js';

const CYRILLIC = 'Привет.txt';
const CYRILLIC_TEXT = 'hello in cp1251\n';
const JAPANESE = '日本語フォルダ';
const vsftpd = requireServer('vsftpd');

/** A path under `root` whose last component is the given raw bytes. */
function rawPath(root: string, name: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${root}/`), name]);
}

describe.skipIf(vsftpd.skip)('code-page names on vsftpd', () => {
  let server: RunningServer;
  let local: string;
  // The harness walks folders with UTF-8 names (chown, removal), so the raw
  // names are created, handed over and removed here, with Buffer paths.
  const file = (): Buffer => rawPath(server.root, iconv.encode(CYRILLIC, 'cp1251'));
  const folder = (): Buffer => rawPath(server.root, iconv.encode(JAPANESE, 'shift_jis'));
  const inside = (): Buffer => Buffer.concat([folder(), Buffer.from('/inside.txt')]);
  const uploaded = (): Buffer => rawPath(server.root, iconv.encode('Новый файл.txt', 'cp1251'));
  beforeAll(async () => {
    server = await startVsftpd({});
    await makeBrowseFixture(server.root);
    await giveToTestUser(server.root);
    const user = await ensureTestUser();
    writeFileSync(file(), CYRILLIC_TEXT);
    mkdirSync(folder());
    writeFileSync(inside(), 'inside\n');
    for (const path of [file(), folder(), inside()]) lchownSync(path, user.uid, user.gid);
    local = await localTempDir('ferry-charset-');
  });
  afterAll(async () => {
    for (const path of [file(), inside(), uploaded()]) {
      try {
        unlinkSync(path);
      } catch {
        // not created (a failed test)
      }
    }
    try {
      rmdirSync(folder());
    } catch {
      // already gone
    }
    await server?.stop();
  });

  it('cp1251: shows the name, downloads by it, and writes new names in cp1251', async () => {
    const recorder = recordLog();
    const { fs, facts } = await FtpFs.connect(serverOptions(server, 'ftp-plain', { charset: 'cp1251' }), { log: recorder.log, security: trustingSecurity() });
    try {
      expect(recorder.sent('OPTS UTF8')).toBe(false);
      const root = await fs.list(facts.home);
      expect(root.entries.find((e) => e.name === CYRILLIC)).toMatchObject({ type: 'file', size: Buffer.byteLength(CYRILLIC_TEXT) });
      const target = joinLocal(local, 'cyrillic.txt');
      await fs.download(join(facts.home, CYRILLIC), target);
      expect(readFileSync(target, 'utf8')).toBe(CYRILLIC_TEXT);
      expect(await fs.size(join(facts.home, CYRILLIC))).toBe(Buffer.byteLength(CYRILLIC_TEXT));

      await writeFile(joinLocal(local, 'new.txt'), 'new\n');
      await fs.upload(joinLocal(local, 'new.txt'), join(facts.home, 'Новый файл.txt'));
      const names = readdirSync(server.root, { encoding: 'buffer' });
      expect(names.some((n) => n.equals(iconv.encode('Новый файл.txt', 'cp1251')))).toBe(true);
      // The log shows readable names, not Latin-1 mojibake.
      expect(recorder.lines).toContainEqual(['command', `SIZE ${join(facts.home, CYRILLIC)}`]);
      // Names the code page cannot express are refused, not sent as '?'.
      await expect(fs.list(join(facts.home, '名前'))).rejects.toMatchObject({ code: 'INVALID_PARAMS' });
    } finally {
      await fs.close();
    }
  });

  it('shift_jis: shows the folder, opens it by that name, PWD decoded', async () => {
    const { fs, facts } = await FtpFs.connect(serverOptions(server, 'ftp-plain', { charset: 'shift_jis' }), { log: () => {}, security: trustingSecurity() });
    try {
      const root = await fs.list(facts.home);
      expect(root.entries.find((e) => e.name === JAPANESE)).toMatchObject({ type: 'dir' });
      const inside = await fs.list(join(facts.home, JAPANESE));
      expect(inside.path).toBe(join(facts.home, JAPANESE));
      expect(inside.entries.map((e) => e.name)).toEqual(['inside.txt']);
    } finally {
      await fs.close();
    }
  });

  it('auto: the names show as something else, and nothing breaks', async () => {
    const { fs, facts } = await FtpFs.connect(serverOptions(server, 'ftp-plain', { charset: 'auto' }), { log: () => {}, security: trustingSecurity() });
    try {
      const root = await fs.list(facts.home);
      const names = root.entries.map((e) => e.name);
      expect(names).not.toContain(CYRILLIC);
      expect(names).not.toContain(JAPANESE);
      expect(names).toContain('readme.txt');
      expect(names).toContain('ünïcødé-名前.txt');
      expect((await fs.list(join(facts.home, 'folder with spaces'))).entries.length).toBe(1);
    } finally {
      await fs.close();
    }
  });

  it('refuses an unknown charset before connecting', async () => {
    const recorder = recordLog();
    await expect(
      FtpFs.connect(serverOptions(server, 'ftp-plain', { charset: 'x-klingon' as never }), { log: recorder.log, security: trustingSecurity() }),
    ).rejects.toMatchObject({ code: 'INVALID_PARAMS' });
    expect(recorder.lines).toEqual([]);
  });
});
