import { describe, expect, it } from 'vitest';
import { ChecksumRefused, checksumSupport, ftpChecksum, parseHashReply, parseXReply, xCommandPath, type FtpReply } from './ftp-hash.js';

const SHA256 = 'edeaaff3f1774ad2888673770c6d64097e391bc362d7d6fb34982ddf0efd18cb';
const SHA1 = '03cfd743661f07975fa2f1220c5194cbaff48451';

/** proftpd 1.3.8 with mod_digest, `DigestAlgorithms all`, as FEAT reports it (basic-ftp's Map shape). */
const PROFTPD_FEAT = new Map([
  ['HASH', 'CRC32;MD5;SHA-1*;SHA-256;SHA-512;'],
  ['MD5', ''],
  ['MFMT', ''],
  ['XCRC', ''],
  ['XMD5', ''],
  ['XSHA', ''],
  ['XSHA1', ''],
  ['XSHA256', ''],
  ['XSHA512', ''],
]);

describe('checksumSupport', () => {
  it('reads proftpd mod_digest FEAT: HASH algorithms, the selected one, X-commands', () => {
    expect(checksumSupport(PROFTPD_FEAT)).toEqual({
      hash: ['crc32', 'md5', 'sha1', 'sha256'],
      selected: 'sha1',
      x: { sha256: 'XSHA256', sha1: 'XSHA1', md5: 'XMD5', crc32: 'XCRC' },
    });
  });

  it('finds nothing on vsftpd / pure-ftpd', () => {
    expect(checksumSupport(new Map([['MDTM', ''], ['SIZE', ''], ['MFMT', '']]))).toEqual({ hash: [], selected: null, x: {} });
  });

  it('uses XSHA for SHA-1 when XSHA1 is absent; verbs in any case', () => {
    expect(checksumSupport(new Map([['xsha', ''], ['hash', 'sha-256*']]))).toEqual({ hash: ['sha256'], selected: 'sha256', x: { sha1: 'XSHA' } });
  });
});

describe('parseHashReply', () => {
  it('reads the final line of a multi-line 213 (proftpd)', () => {
    const reply = `213-Computing SHA-256 digest\n213-Computing...\n213 SHA-256 0-4 ${SHA256} /a [b] c.txt`;
    expect(parseHashReply(reply, 'sha256')).toBe(SHA256);
  });

  it('reads the single-line draft example form', () => {
    expect(parseHashReply(`213 SHA-256 0-1234 ${SHA256.toUpperCase()} file`, 'sha256')).toBe(SHA256);
    expect(parseHashReply('213 CRC32 0-10 363a3020 f', 'crc32')).toBe('363a3020');
  });

  it('refuses another algorithm, a partial range, a short digest', () => {
    expect(parseHashReply(`213 SHA-1 0-4 ${SHA1} f`, 'sha256')).toBeNull();
    expect(parseHashReply(`213 SHA-256 100-200 ${SHA256} f`, 'sha256')).toBeNull();
    expect(parseHashReply('213 SHA-256 0-4 abcd f', 'sha256')).toBeNull();
    expect(parseHashReply('213 garbage', 'sha256')).toBeNull();
  });
});

describe('parseXReply', () => {
  it('reads proftpd 250 replies (upper case, after a 250- line)', () => {
    expect(parseXReply(`250-Computing SHA256 digest\n250 ${SHA256.toUpperCase()}`, 'sha256')).toBe(SHA256);
    expect(parseXReply('250-Computing CRC32 digest\n250 363A3020', 'crc32')).toBe('363a3020');
  });

  it('pads a CRC without leading zeros and refuses a digest of the wrong length', () => {
    expect(parseXReply('250 3A3020', 'crc32')).toBe('003a3020');
    expect(parseXReply(`250 ${SHA1}`, 'sha256')).toBeNull();
  });
});

describe('xCommandPath', () => {
  it('quotes paths with white space (mod_digest splits at spaces), refuses to quote a quote', () => {
    expect(xCommandPath('/file.txt')).toBe('/file.txt');
    expect(xCommandPath('/a [b] c.txt')).toBe('"/a [b] c.txt"');
    expect(xCommandPath('/a "b" c')).toBeNull();
  });
});

/** A scripted server: answers each command line from `script` and records them. */
function scripted(script: (line: string) => FtpReply): { send: (line: string) => Promise<FtpReply>; sent: string[] } {
  const sent: string[] = [];
  return {
    sent,
    send: async (line) => {
      sent.push(line);
      return script(line);
    },
  };
}

describe('ftpChecksum', () => {
  it('selects SHA-256 with OPTS HASH once per connection, then uses HASH', async () => {
    const server = scripted((line) => {
      if (line === 'OPTS HASH SHA-256') return { code: 200, message: '200 SHA-256' };
      return { code: 213, message: `213-Computing SHA-256 digest\n213 SHA-256 0-4 ${SHA256} /a b` };
    });
    const state = { selected: checksumSupport(PROFTPD_FEAT).selected };
    const support = checksumSupport(PROFTPD_FEAT);
    expect(await ftpChecksum(server.send, support, '/a b', ['sha256', 'md5'], state)).toEqual({ algorithm: 'sha256', hex: SHA256 });
    expect(await ftpChecksum(server.send, support, '/a b', ['sha256'], state)).toEqual({ algorithm: 'sha256', hex: SHA256 });
    expect(server.sent).toEqual(['OPTS HASH SHA-256', 'HASH /a b', 'HASH /a b']);
  });

  it('falls back to the X-command when OPTS HASH is refused, quoting a path with spaces', async () => {
    const server = scripted((line) => {
      if (line.startsWith('OPTS')) return { code: 501, message: '501 SHA-256: Unsupported algorithm' };
      return { code: 250, message: `250-Computing SHA256 digest\n250 ${SHA256.toUpperCase()}` };
    });
    const result = await ftpChecksum(server.send, checksumSupport(PROFTPD_FEAT), '/a [b] c.txt', ['sha256'], { selected: 'sha1' });
    expect(result).toEqual({ algorithm: 'sha256', hex: SHA256 });
    expect(server.sent).toEqual(['OPTS HASH SHA-256', 'XSHA256 "/a [b] c.txt"']);
  });

  it('walks the preference list to an algorithm the server has, and returns null when it has none', async () => {
    const server = scripted(() => ({ code: 250, message: '250 B1946AC92492D2347C6235B4D2611184' }));
    const md5Only = checksumSupport(new Map([['XMD5', '']]));
    expect(await ftpChecksum(server.send, md5Only, '/f', ['sha256', 'md5'], { selected: null })).toEqual({ algorithm: 'md5', hex: 'b1946ac92492d2347c6235b4d2611184' });
    expect(await ftpChecksum(server.send, checksumSupport(new Map()), '/f', ['sha256'], { selected: null })).toBeNull();
    expect(server.sent).toEqual(['XMD5 /f']);
  });

  it('rejects with the reply when the server refuses the file', async () => {
    const server = scripted(() => ({ code: 550, message: '550 /missing: No such file or directory' }));
    const refused = ftpChecksum(server.send, checksumSupport(PROFTPD_FEAT), '/missing', ['sha1'], { selected: 'sha1' });
    await expect(refused).rejects.toBeInstanceOf(ChecksumRefused);
    await expect(refused).rejects.toMatchObject({ reply: { code: 550 } });
  });
});
