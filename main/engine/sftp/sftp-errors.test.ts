import { describe, expect, it } from 'vitest';
import { FerryError } from '../../../shared/errors.js';
import { isConnectionLoss, mapSftpError, mapSshError } from './sftp-errors.js';

/** An error shaped like the ones ssh2 produces. */
function sshError(message: string, extra: { level?: string; code?: number | string }): Error {
  return Object.assign(new Error(message), extra);
}

describe('mapSftpError (status codes)', () => {
  it.each([
    [2, 'No such file', 'NOT_FOUND'],
    [3, 'Permission denied', 'PERMISSION_DENIED'],
    [4, 'Failure', 'PROTOCOL'],
    [5, 'Bad message', 'PROTOCOL'],
    [6, 'No connection', 'CONNECTION_LOST'],
    [7, 'Connection lost', 'CONNECTION_LOST'],
    [8, 'Operation unsupported', 'UNSUPPORTED'],
    [11, 'File exists', 'ALREADY_EXISTS'],
    [19, 'Not a directory', 'NOT_A_DIRECTORY'],
    [99, 'Odd', 'PROTOCOL'],
  ] as const)('status %i → %s', (code, message, expected) => {
    const mapped = mapSftpError(sshError(message, { code }), 'Cannot open /x');
    expect(mapped).toBeInstanceOf(FerryError);
    expect(mapped.code).toBe(expected);
    expect(mapped.message.startsWith('Cannot open /x: ')).toBe(true);
    expect(mapped.cause).toBeInstanceOf(Error);
  });

  it('keeps the server’s text when it says more', () => {
    expect(mapSftpError(sshError('quota exceeded on /home', { code: 4 }), 'Upload').message).toBe('Upload: the server reported a failure (quota exceeded on /home)');
    expect(mapSftpError(sshError('Permission denied', { code: 3 }), 'X').message).toBe('X: permission denied');
  });

  it('treats ssh2’s cleanup errors as a lost connection', () => {
    const lost = mapSftpError(new Error('No response from server'), 'Listing');
    expect(lost.code).toBe('CONNECTION_LOST');
    expect(lost.retryable).toBe(true);
    expect(isConnectionLoss(lost)).toBe(true);
  });

  it('maps local errno codes', () => {
    expect(mapSftpError(sshError('ENOENT: no such file', { code: 'ENOENT' }), 'Read').code).toBe('NOT_FOUND');
    expect(mapSftpError(sshError('EACCES: denied', { code: 'EACCES' }), 'Read').code).toBe('PERMISSION_DENIED');
  });

  it('passes FerryErrors through', () => {
    const error = new FerryError('CANCELLED', 'no');
    expect(mapSftpError(error, 'x')).toBe(error);
  });
});

describe('mapSshError (levels)', () => {
  it.each([
    ['client-authentication', 'All configured authentication methods failed', 'AUTH_FAILED'],
    ['agent', 'Failed to connect to agent', 'AUTH_FAILED'],
    ['client-timeout', 'Timed out while waiting for handshake', 'TIMEOUT'],
    ['client-dns', 'lookup failed', 'HOST_NOT_FOUND'],
    ['handshake', 'Handshake failed: no matching key exchange algorithm', 'PROTOCOL'],
    ['protocol', 'Connection lost before handshake', 'CONNECTION_LOST'],
    ['sftp-protocol', 'Malformed VERSION packet', 'PROTOCOL'],
  ] as const)('%s → %s', (level, message, expected) => {
    expect(mapSshError(sshError(message, { level }), 'Cannot connect to h:22').code).toBe(expected);
  });

  it('names the handshake reason', () => {
    const mapped = mapSshError(sshError('Handshake failed: no matching cipher', { level: 'handshake' }), 'Cannot connect to h:22');
    expect(mapped.message).toBe('Cannot connect to h:22: SSH handshake failed (Handshake failed: no matching cipher)');
  });

  it.each([
    ['ECONNREFUSED', 'CONNECTION_REFUSED', 'connection refused'],
    ['ENOTFOUND', 'HOST_NOT_FOUND', 'unknown host'],
    ['EAI_AGAIN', 'HOST_NOT_FOUND', 'unknown host'],
    ['ETIMEDOUT', 'TIMEOUT', 'the connection timed out'],
    ['ECONNRESET', 'CONNECTION_LOST', 'the connection was lost'],
    ['EHOSTUNREACH', 'CONNECTION_REFUSED', 'connection refused'],
  ] as const)('client-socket %s → %s', (errno, expected, text) => {
    const mapped = mapSshError(sshError(`connect ${errno} 1.2.3.4:22`, { level: 'client-socket', code: errno }), 'Cannot connect to h:22');
    expect(mapped.code).toBe(expected);
    expect(mapped.message).toContain(text);
  });

  it('tells keepalive loss from a slow handshake', () => {
    const keepalive = mapSshError(sshError('Keepalive timeout', { level: 'client-timeout' }), 'Session');
    expect(keepalive.code).toBe('TIMEOUT');
    expect(isConnectionLoss(keepalive)).toBe(true);
  });

  it('maps SSH disconnect reasons (RFC 4253 §11.1)', () => {
    expect(mapSshError(sshError('Too many connections', { code: 12 }), 'C').code).toBe('CONNECTION_REFUSED');
    expect(mapSshError(sshError('No more auth methods', { code: 14 }), 'C').code).toBe('AUTH_FAILED');
    expect(mapSshError(sshError('Protocol error', { code: 2 }), 'C').code).toBe('PROTOCOL');
  });

  it('never crashes on non-errors', () => {
    expect(mapSshError('boom', 'C').code).toBe('INTERNAL');
    expect(mapSshError(undefined, 'C')).toBeInstanceOf(FerryError);
  });
});
