import { FTPError } from 'basic-ftp';
import { describe, expect, it } from 'vitest';
import { mapFtpError, replyReason } from './ftp-errors.js';
import { formatTimeVal, parseTimeVal } from './ftp-ops.js';

describe('replyReason: what real servers say when a file operation fails', () => {
  it.each([
    ['550 /dir: File exists', 'exists'], // proftpd MKD
    ["550 Can't create directory: File exists", 'exists'], // pure-ftpd MKD
    ['550 /dir: Directory not empty', 'not-empty'], // proftpd RMD
    ["550 Can't remove directory: Directory not empty", 'not-empty'], // pure-ftpd RMD
    ['550 /locked/f.txt: Permission denied', 'denied'], // proftpd DELE
    ['451 Rename/move failure: Permission denied', 'denied'], // pure-ftpd RNTO
    ['550 /dir: Is a directory', 'is-folder'], // proftpd DELE
    ['550 /missing: No such file or directory', 'missing'],
    ["550 Sorry, but that file doesn't exist", 'missing'], // pure-ftpd RNFR
    ['550 Delete operation failed.', null], // vsftpd: no reason at all
    ['550 Create directory operation failed.', null],
    ['550 Rename failed.', null],
  ])('%s → %s', (message, reason) => {
    expect(replyReason(message)).toBe(reason);
  });

  it('maps the reasons to codes, keeping the server text', () => {
    const map = (code: number, message: string) => mapFtpError(new FTPError({ code, message }), 'Cannot do it');
    expect(map(550, '550 /dir: File exists')).toMatchObject({ code: 'ALREADY_EXISTS', message: 'Cannot do it: something with that name already exists (550 /dir: File exists)' });
    expect(map(451, '451 Rename/move failure: Permission denied')).toMatchObject({ code: 'PERMISSION_DENIED', retryable: false });
    expect(map(550, '550 Can\'t remove directory: Directory not empty')).toMatchObject({ code: 'PROTOCOL', message: expect.stringContaining('not empty') });
    expect(map(550, '550 Delete operation failed.')).toMatchObject({ code: 'NOT_FOUND' });
    expect(map(553, '553 Could not create file.')).toMatchObject({ code: 'PERMISSION_DENIED' });
  });

  it("maps proftpd's refused data connection (425 … Operation not permitted) to a retryable failure, not a permission error", () => {
    const map = (code: number, message: string) => mapFtpError(new FTPError({ code, message }), 'Cannot download /f');
    expect(map(425, '425 Unable to build data connection: Operation not permitted')).toMatchObject({ code: 'PROTOCOL', retryable: true });
    expect(map(425, "425 Can't open data connection.")).toMatchObject({ code: 'PROTOCOL', retryable: true });
  });

  it("maps vsftpd's `500 OOPS:` (its session process died) to a lost connection, keeping the server's words", () => {
    const map = (code: number, message: string) => mapFtpError(new FTPError({ code, message }), 'Cannot download /f');
    expect(map(500, '500 OOPS: priv_sock_get_int')).toMatchObject({ code: 'CONNECTION_LOST', message: "Cannot download /f: the server's session ended with an internal error (500 OOPS: priv_sock_get_int)" });
    expect(map(500, '500 Unknown command.')).toMatchObject({ code: 'PROTOCOL', retryable: false });
  });
});

describe('formatTimeVal (RFC 3659 time-val for MFMT / SITE UTIME)', () => {
  it('formats UTC whole seconds', () => {
    expect(formatTimeVal(Date.parse('2020-01-02T03:04:05.999Z'))).toBe('20200102030405');
    expect(formatTimeVal(0)).toBe('19700101000000');
  });

  it('parses MDTM replies as UTC, with or without fractions', () => {
    const t = Date.UTC(2021, 11, 31, 23, 59, 58);
    expect(parseTimeVal('20211231235958')).toBe(t);
    expect(parseTimeVal('20211231235958.5')).toBe(t + 500);
    expect(parseTimeVal('20211231235958.123')).toBe(t + 123);
    expect(parseTimeVal('garbage')).toBeNull();
    expect(formatTimeVal(t)).toBe('20211231235958');
  });

  it('refuses what a time-val cannot hold', () => {
    expect(() => formatTimeVal(Number.NaN)).toThrow(expect.objectContaining({ code: 'INVALID_PARAMS' }));
    expect(() => formatTimeVal(Date.parse('+010000-01-01T00:00:00Z'))).toThrow(expect.objectContaining({ code: 'INVALID_PARAMS' }));
    expect(() => formatTimeVal(1e300)).toThrow(expect.objectContaining({ code: 'INVALID_PARAMS' }));
  });
});
