import { describe, expect, it } from 'vitest';
import { parseHostInput } from './quick-connect-url.js';

describe('parseHostInput', () => {
  it('splits a full ftp URL into the quick-connect fields', () => {
    expect(parseHostInput('ftp://user@host.example:2121/pub')).toEqual({ protocol: 'ftp', host: 'host.example', port: 2121, user: 'user', path: '/pub' });
  });

  it('decodes percent-encoded user and password and fills the default port', () => {
    expect(parseHostInput(' ftp://me%40corp:p%3Ass@files.example ')).toEqual({ protocol: 'ftp', host: 'files.example', port: 21, user: 'me@corp', password: 'p:ss' });
  });

  it('accepts a bracketed IPv6 address with a port', () => {
    expect(parseHostInput('[::1]:2121')).toEqual({ host: '::1', port: 2121 });
  });

  it('returns null for a plain host name (nothing to split) and for unknown schemes or bad ports', () => {
    expect(parseHostInput('files.example')).toBeNull();
    expect(parseHostInput('http://files.example/')).toBeNull();
    expect(parseHostInput('ftp://files.example:70000')).toBeNull();
  });
});
