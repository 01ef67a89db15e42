import { describe, expect, it } from 'vitest';
import { parsePwdReply } from './ftp-client.js';

describe('parsePwdReply', () => {
  it('reads the quoted path, with doubled quotes as one (RFC 959 Appendix II)', () => {
    expect(parsePwdReply('257 "/" is the current directory')).toBe('/');
    expect(parsePwdReply('257 "/a ""quoted"" dir" is current directory.')).toBe('/a "quoted" dir');
    expect(parsePwdReply('257 "/with space"')).toBe('/with space');
  });

  it('refuses a reply without a quoted path', () => {
    expect(() => parsePwdReply('257 no quotes')).toThrow(/PWD/);
    expect(() => parsePwdReply('257 "/unterminated')).toThrow(/PWD/);
  });
});
