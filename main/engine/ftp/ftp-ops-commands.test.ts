/**
 * The commands behind `FtpFs.modifiedTime` (MDTM) and a replacing
 * `FtpFs.rename`, against a scripted control channel: the wire sequence, and
 * the fallback for a server that refuses RNTO onto an existing file.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { trustingSecurity } from '../testing/test-security.js';
import { startFakeControl, type FakeControl } from './fake-control.testing.js';
import { FtpFs } from './ftp-fs.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A logged-in session whose replies to the file commands come from `answers` (by verb; a list is used in order). */
async function session(answers: Record<string, string | string[]>): Promise<{ fs: FtpFs; control: FakeControl }> {
  const control = await startFakeControl((command, reply) => {
    const verb = command.split(' ')[0] ?? '';
    const base: Record<string, string> = { USER: '331 Password please', PASS: '230 Logged in', PWD: '257 "/" is the current directory', FEAT: '211 No features' };
    const scripted = answers[verb];
    const answer = Array.isArray(scripted) ? scripted.shift() : scripted;
    reply(answer ?? base[verb] ?? '200 OK');
  });
  cleanups.push(() => control.close());
  const { fs } = await FtpFs.connect(
    { protocol: 'ftp-plain', host: control.host, port: control.port, user: 'u', password: 'p', transferMode: 'passive', timeoutMs: 5000 },
    { log: () => {}, security: trustingSecurity() },
  );
  cleanups.push(() => fs.close());
  return { fs, control };
}

const after = (control: FakeControl, verb: string): string[] => control.commands.slice(control.commands.findIndex((c) => c.startsWith(verb)));

describe('FtpFs.modifiedTime (MDTM)', () => {
  it('reads the UTC time-val, fractions included', async () => {
    const { fs, control } = await session({ MDTM: ['213 20200102030405', '213 20200102030405.250'] });
    expect(await fs.modifiedTime('/a b.txt')).toBe(Date.UTC(2020, 0, 2, 3, 4, 5));
    expect(await fs.modifiedTime('/f')).toBe(Date.UTC(2020, 0, 2, 3, 4, 5, 250));
    expect(control.commands).toContain('MDTM /a b.txt');
  });

  it('is null for a missing file and on a server without MDTM', async () => {
    const { fs } = await session({ MDTM: ['550 Could not get file modification time.', '502 Command not implemented.', '213 garbage'] });
    expect(await fs.modifiedTime('/missing')).toBeNull();
    expect(await fs.modifiedTime('/f')).toBeNull();
    expect(await fs.modifiedTime('/f')).toBeNull();
  });
});

describe('FtpFs.rename with { replace: true }', () => {
  it('sends RNFR + RNTO straight away (no listing of the target folder)', async () => {
    const { fs, control } = await session({ RNFR: '350 Ready for RNTO.', RNTO: '250 Rename successful.' });
    await fs.rename('/d/f.ferrypart', '/d/f', { replace: true });
    expect(after(control, 'RNFR')).toEqual(['RNFR /d/f.ferrypart', 'RNTO /d/f']);
    expect(control.commands.some((c) => /^(LIST|MLSD|CWD)/.test(c))).toBe(false);
  });

  it('deletes an existing target file and renames again when the server refuses to replace', async () => {
    const { fs, control } = await session({ RNFR: '350 Ready', RNTO: ['553 Rename failed: file exists', '250 OK'], SIZE: '213 3', DELE: '250 Deleted' });
    await fs.rename('/d/f.ferrypart', '/d/f', { replace: true });
    expect(after(control, 'RNFR')).toEqual(['RNFR /d/f.ferrypart', 'RNTO /d/f', 'SIZE /d/f', 'DELE /d/f', 'RNFR /d/f.ferrypart', 'RNTO /d/f']);
  });

  it('reports the refusal when no file is in the way (nothing deleted)', async () => {
    const { fs, control } = await session({ RNFR: '350 Ready', RNTO: '451 Rename/move failure: Permission denied', SIZE: '550 No such file' });
    await expect(fs.rename('/d/f.ferrypart', '/d/f', { replace: true })).rejects.toMatchObject({ code: 'PERMISSION_DENIED' });
    expect(control.commands.some((c) => c.startsWith('DELE'))).toBe(false);
  });
});
