import { describe, expect, it } from 'vitest';
import { FerryError } from '../../../shared/errors.js';
import { backoffDelay, classifyFailure, failureReason, ftpReplyCode, isTooManyConnections } from './retry-policy.js';
import { replyFailure } from './fake-server.testing.js';

const errno = (code: string): Error => Object.assign(new Error(`boom ${code}`), { code });

describe('classifyFailure', () => {
  it.each([421, 425, 426, 450, 451])('retries FTP %i', (code) => {
    expect(classifyFailure(replyFailure(code, 'transient'))).toBe('transient');
  });

  it.each([530, 550, 553])('fails FTP %i at once', (code) => {
    expect(classifyFailure(replyFailure(code, 'Permission denied'))).toBe('permanent');
  });

  it("retries vsftpd's `500 OOPS:` (the session died, not the file), but not other 5xx", () => {
    expect(classifyFailure(replyFailure(500, 'OOPS: priv_sock_get_int', 'CONNECTION_LOST'))).toBe('transient');
    expect(classifyFailure(replyFailure(500, 'Unknown command.'))).toBe('permanent');
  });

  it('retries connection loss, timeouts and resets', () => {
    expect(classifyFailure(new FerryError('CONNECTION_LOST', 'The connection was lost'))).toBe('transient');
    expect(classifyFailure(new FerryError('TIMEOUT', 'The server did not answer in time'))).toBe('transient');
    expect(classifyFailure(errno('ECONNRESET'))).toBe('transient');
    expect(classifyFailure(errno('EPIPE'))).toBe('transient');
  });

  it('fails SFTP permission denied and missing files at once', () => {
    const sftp = (status: number): FerryError => new FerryError(status === 3 ? 'PERMISSION_DENIED' : 'NOT_FOUND', 'x', { cause: Object.assign(new Error('x'), { code: status }) });
    expect(classifyFailure(sftp(3))).toBe('permanent');
    expect(classifyFailure(sftp(2))).toBe('permanent');
    expect(ftpReplyCode(sftp(3))).toBeNull();
  });

  it('retries the adapters\' "upload incomplete" (a truncated upload)', () => {
    expect(classifyFailure(new FerryError('PROTOCOL', 'Upload incomplete: server has 10 of 20 bytes (/a)', { retryable: true }))).toBe('transient');
  });

  it('fails local disk errors at once', () => {
    expect(classifyFailure(errno('ENOSPC'))).toBe('permanent');
    expect(classifyFailure(errno('EACCES'))).toBe('permanent');
    expect(failureReason(errno('EACCES')).code).toBe('PERMISSION_DENIED');
  });

  it('tells cancellation apart', () => {
    expect(classifyFailure(new FerryError('CANCELLED', 'Cancelled.'))).toBe('cancelled');
  });

  it.each([
    '421 Too many connections (2) from this IP',
    '421 There are too many connections from your internet address.',
    '421 10 users (the maximum) are already logged in, sorry',
    '421 Sorry, the maximum number of connections (2) for your host are already connected.',
  ])('recognises "%s" as too many connections', (text) => {
    const error = replyFailure(421, text.slice(4), 'CONNECTION_LOST');
    expect(isTooManyConnections(error)).toBe(true);
    expect(classifyFailure(error)).toBe('too-many-connections');
  });

  it('does not take a plain 421 timeout for a connection limit', () => {
    expect(isTooManyConnections(replyFailure(421, 'Timeout.', 'CONNECTION_LOST'))).toBe(false);
  });

  it('reads sshd MaxStartups refusals as too many connections', () => {
    expect(isTooManyConnections(new FerryError('CONNECTION_LOST', 'Cannot connect: the server closed the connection before the SSH handshake'))).toBe(true);
  });
});

describe('backoffDelay', () => {
  it('doubles up to the cap, with half of it random', () => {
    const options = { baseMs: 1000, maxMs: 8000, factor: 2 };
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, options, () => 0))).toEqual([500, 1000, 2000, 4000, 4000]);
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, options, () => 1))).toEqual([1000, 2000, 4000, 8000, 8000]);
  });

  it('spreads parallel retries apart', () => {
    const delays = new Set(Array.from({ length: 20 }, () => backoffDelay(3)));
    expect(delays.size).toBeGreaterThan(10);
    for (const delay of delays) expect(delay).toBeGreaterThanOrEqual(2000);
  });
});
