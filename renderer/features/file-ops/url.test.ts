import { describe, expect, it } from 'vitest';
import { localUrl, remoteUrl } from './url.js';

describe('urls', () => {
  it('builds remote URLs without a password', () => {
    expect(remoteUrl({ protocol: 'ftp', host: 'example.com', port: 21, user: 'bob' }, '/pub/a b.txt')).toBe('ftp://bob@example.com:21/pub/a%20b.txt');
    expect(remoteUrl({ protocol: 'sftp', host: '::1', port: 2222, user: 'me@corp' }, '/x')).toBe('sftp://me%40corp@[::1]:2222/x');
    expect(remoteUrl({ protocol: 'ftp', host: 'h', port: 21, user: '' }, '/')).toBe('ftp://h:21/');
  });
  it('builds file URLs', () => {
    expect(localUrl('posix', '/home/a/b c')).toBe('file:///home/a/b%20c');
    expect(localUrl('win32', 'C:\\Users\\a')).toBe('file:///C:/Users/a');
  });
});
