import { describe, expect, it } from 'vitest';
import type { FtpReply, SendCommand } from './ftp-commands.js';
import { formatTimeVal, ftpEnsureDir, ftpModifiedTime, ftpReplace, ftpSetModifiedTime, parseTimeVal } from './ftp-commands.js';
import { checksumAlgorithms, ftpChecksum, parseChecksumFeatures, parseChecksumReply } from './ftp-checksum.js';
import { classifyFailure } from './retry-policy.js';

/** A scripted server: answers by the command's verb; records what was sent. */
function script(answers: Record<string, FtpReply | FtpReply[]>): { send: SendCommand; sent: string[] } {
  const sent: string[] = [];
  const send: SendCommand = async (command, path) => {
    const line = path === undefined ? command : `${command} ${path}`;
    sent.push(line);
    const verb = command.split(' ')[0] ?? '';
    const answer = answers[line] ?? answers[verb];
    const reply = Array.isArray(answer) ? answer.shift() : answer;
    return reply ?? { code: 500, message: `500 ${verb} not understood` };
  };
  return { send, sent };
}

describe('time-val', () => {
  it('formats and parses RFC 3659 times in UTC', () => {
    const t = Date.UTC(2021, 11, 31, 23, 59, 58);
    expect(formatTimeVal(t)).toBe('20211231235958');
    expect(parseTimeVal('20211231235958')).toBe(t);
    expect(parseTimeVal('20211231235958.5')).toBe(t + 500);
    expect(parseTimeVal('garbage')).toBeNull();
  });
});

describe('FTP file commands', () => {
  it('mkdir accepts an existing folder (vsftpd answers 550 to MKD)', async () => {
    const { send, sent } = script({ MKD: { code: 550, message: '550 Create directory operation failed.' }, CWD: { code: 250, message: '250 OK' } });
    await ftpEnsureDir(send, '/a b');
    expect(sent).toEqual(['MKD /a b', 'CWD /a b']);
  });

  it('mkdir fails with the server\'s reason when the folder cannot be made', async () => {
    const { send } = script({ MKD: { code: 550, message: '550 Permission denied' }, CWD: { code: 550, message: '550 No such directory' } });
    const error = await ftpEnsureDir(send, '/x').catch((e: unknown) => e);
    expect(String(error)).toMatch(/Permission denied/);
    expect(classifyFailure(error)).toBe('permanent');
  });

  it('renames with RNFR/RNTO and reports a refusal', async () => {
    const ok = script({ RNFR: { code: 350, message: '350 Ready' }, RNTO: { code: 250, message: '250 OK' } });
    await ftpReplace(ok.send, '/a.ferrypart', '/a');
    expect(ok.sent).toEqual(['RNFR /a.ferrypart', 'RNTO /a']);
    const refused = script({ RNFR: { code: 350, message: '350 Ready' }, RNTO: { code: 553, message: '553 Not allowed' } });
    await expect(ftpReplace(refused.send, '/a', '/b')).rejects.toThrow(/553/);
  });

  it('sets times with MFMT, falls back to SITE UTIME, and answers false when neither exists', async () => {
    const t = Date.UTC(2020, 0, 2, 3, 4, 5);
    const mfmt = script({ MFMT: { code: 213, message: '213 Modify=20200102030405; /f' } });
    expect(await ftpSetModifiedTime(mfmt.send, '/f', t)).toBe(true);
    expect(mfmt.sent).toEqual(['MFMT 20200102030405 /f']);
    const site = script({ SITE: { code: 200, message: '200 OK' } });
    expect(await ftpSetModifiedTime(site.send, '/f', t)).toBe(true);
    expect(site.sent).toEqual(['MFMT 20200102030405 /f', 'SITE UTIME 20200102030405 /f']);
    expect(await ftpSetModifiedTime(script({}).send, '/f', t)).toBe(false);
    const refused = script({ MFMT: { code: 550, message: '550 /f: Permission denied' } });
    await expect(ftpSetModifiedTime(refused.send, '/f', t)).rejects.toMatchObject({ code: 'PERMISSION_DENIED' });
  });

  it('reads MDTM', async () => {
    const { send } = script({ MDTM: { code: 213, message: '213 20200102030405' } });
    expect(await ftpModifiedTime(send, '/f')).toBe(Date.UTC(2020, 0, 2, 3, 4, 5));
  });
});

describe('FTP checksums', () => {
  const featLines = ['HASH SHA-256*;SHA-1;MD5;CRC32', 'XCRC', 'XMD5', 'XSHA1', 'XSHA256', 'MFMT', 'SIZE'];

  it('reads what FEAT offers, strongest first', () => {
    const support = parseChecksumFeatures(featLines);
    expect(support.hash).toEqual(['sha256', 'sha1', 'md5', 'crc32']);
    expect(checksumAlgorithms(support)).toEqual(['sha256', 'sha1', 'md5', 'crc32']);
    expect(checksumAlgorithms(parseChecksumFeatures(['XMD5', 'SIZE']))).toEqual(['md5']);
    expect(checksumAlgorithms(parseChecksumFeatures(['MDTM', 'SIZE']))).toEqual([]);
  });

  it('parses HASH and X-command replies, multi-line keep-alives included', () => {
    const digest = 'ab'.repeat(32);
    expect(parseChecksumReply(`213 SHA-256 0-1234 ${digest} my file.txt`, 'sha256')).toBe(digest);
    expect(parseChecksumReply(`213-Computing hash\r\n213-Still computing\r\n213 SHA-256 0-9 ${digest.toUpperCase()} f`, 'sha256')).toBe(digest);
    expect(parseChecksumReply('250 0a1b2c3d', 'crc32')).toBe('0a1b2c3d');
    expect(parseChecksumReply('250 d41d8cd98f00b204e9800998ecf8427e', 'md5')).toBe('d41d8cd98f00b204e9800998ecf8427e');
    expect(parseChecksumReply('250 OK', 'md5')).toBeNull();
  });

  it('selects the algorithm with OPTS HASH before HASH, or uses the X-command', async () => {
    const digest = 'cd'.repeat(32);
    const hash = script({ OPTS: { code: 200, message: '200 SHA-256' }, HASH: { code: 213, message: `213 SHA-256 0-3 ${digest} /f` } });
    expect(await ftpChecksum(hash.send, parseChecksumFeatures(featLines), '/f', 'sha256')).toBe(digest);
    expect(hash.sent).toEqual(['OPTS HASH SHA-256', 'HASH /f']);
    const x = script({ XMD5: { code: 250, message: '250 d41d8cd98f00b204e9800998ecf8427e' } });
    expect(await ftpChecksum(x.send, parseChecksumFeatures(['XMD5']), '/f', 'md5')).toBe('d41d8cd98f00b204e9800998ecf8427e');
    expect(await ftpChecksum(x.send, parseChecksumFeatures(['XMD5']), '/f', 'sha256')).toBeNull();
  });
});
