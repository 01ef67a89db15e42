import { describe, expect, it } from 'vitest';
import { schemas } from '../ipc/schemas.js';
import { makeSite, rememberRecent, secretId, siteToConnectOptions, type RecentServer } from './site.js';
import { siteSchema, siteTreeSchema, describeIssues } from './site-schema.js';

describe('siteToConnectOptions', () => {
  it('passes the stored password for a normal logon and maps default transfer mode to passive', () => {
    const site = makeSite('s1', 'Shop', { protocol: 'ftpes', host: 'ftp.example.com', user: 'alice', secret: 'stored' });
    expect(siteToConnectOptions(site, 'hunter2')).toEqual({
      protocol: 'ftpes',
      host: 'ftp.example.com',
      port: 21,
      user: 'alice',
      password: 'hunter2',
      logonType: 'normal',
      transferMode: 'passive',
    });
  });

  it('asks instead of sending an empty password when the stored secret is missing', () => {
    const site = makeSite('s1', 'Shop', { host: 'h', user: 'alice', secret: 'stored' });
    expect(siteToConnectOptions(site)).toMatchObject({ logonType: 'ask', password: '' });
    expect(siteToConnectOptions({ ...site, secret: 'ask' })).toMatchObject({ logonType: 'ask' });
    expect(siteToConnectOptions({ ...site, secret: 'none' })).toMatchObject({ logonType: 'normal', password: '' });
  });

  it('logs in anonymously with the classic anonymous credentials whatever the site says', () => {
    const site = makeSite('s1', 'Mirror', { host: 'ftp.gnu.org', logonType: 'anonymous', user: 'ignored' });
    expect(siteToConnectOptions(site, 'ignored')).toMatchObject({ user: 'anonymous', password: 'anonymous@', logonType: 'anonymous' });
  });

  it('maps key, charset, TLS cap, timeout and active mode, and only where they apply', () => {
    const sftp = makeSite('s2', 'Box', { protocol: 'sftp', port: 2222, host: 'box', user: 'me', logonType: 'key', keyFile: '/home/me/.ssh/id_ed25519', charset: 'cp1251', maxTlsVersion: 'TLSv1.2', timeoutSeconds: 30 });
    const options = siteToConnectOptions(sftp);
    expect(options).toMatchObject({ protocol: 'sftp', port: 2222, logonType: 'key', privateKeyPath: '/home/me/.ssh/id_ed25519', password: '', timeoutMs: 30_000 });
    expect(options.charset).toBeUndefined();
    expect(options.maxTlsVersion).toBeUndefined();
    const ftps = makeSite('s3', 'Old', { protocol: 'ftps', port: 990, host: 'old', user: 'u', charset: 'cp1251', maxTlsVersion: 'TLSv1.2', transferMode: 'active' });
    expect(siteToConnectOptions(ftps, 'pw')).toMatchObject({ charset: 'cp1251', maxTlsVersion: 'TLSv1.2', transferMode: 'active' });
    const plain = makeSite('s4', 'Plain', { protocol: 'ftp-plain', host: 'p', maxTlsVersion: 'TLSv1.2' });
    expect(siteToConnectOptions(plain).maxTlsVersion).toBeUndefined();
  });

  it('produces options the session.connect validator accepts', () => {
    const site = makeSite('s1', 'Shop', { protocol: 'sftp', port: 22, host: 'sftp.example.com', user: 'bob', logonType: 'key', keyFile: '/k', timeoutSeconds: 20 });
    expect(schemas['session.connect'].safeParse(siteToConnectOptions(site)).success).toBe(true);
  });
});

describe('secret ids and recent servers', () => {
  it('keys a passphrase apart from the password', () => {
    expect(secretId('abc')).toBe('abc');
    expect(secretId('abc', 'passphrase')).toBe('abc:passphrase');
  });

  it('keeps the newest entry first, once, and at most max entries', () => {
    const entry = (host: string, lastUsed: number): RecentServer => ({ protocol: 'ftp', host, port: 21, user: 'u', logonType: 'normal', lastUsed });
    let list = rememberRecent([], entry('a', 1));
    list = rememberRecent(list, entry('b', 2));
    list = rememberRecent(list, entry('A', 3));
    expect(list.map((e) => `${e.host}@${e.lastUsed}`)).toEqual(['A@3', 'b@2']);
    expect(rememberRecent(list, entry('c', 4), 2).map((e) => e.host)).toEqual(['c', 'A']);
  });
});

describe('site schema', () => {
  it('fills defaults for missing settings and drops unknown keys such as a password', () => {
    const parsed = siteSchema.parse({ kind: 'site', id: 'a1', name: ' Shop ', protocol: 'ftp', host: 'h', port: 21, password: 'secret' });
    expect(parsed).toEqual(makeSite('a1', 'Shop', { host: 'h' }));
    expect('password' in parsed).toBe(false);
  });

  it('refuses bad values with a readable path', () => {
    const result = siteTreeSchema.safeParse([{ kind: 'site', id: 'a1', name: 'x', protocol: 'ftp', host: 'bad host', port: 70000, user: 'a\r\nb' }]);
    expect(result.success).toBe(false);
    if (!result.success) expect(describeIssues(result.error)).toMatch(/0\.host: is not a valid host name.*0\.port/);
  });

  it('refuses duplicate ids and too deep nesting', () => {
    const site = { kind: 'site', id: 'same', name: 'x', protocol: 'ftp', host: 'h', port: 21 };
    expect(siteTreeSchema.safeParse([site, { ...site }]).success).toBe(false);
    let deep: unknown = { kind: 'folder', id: 'f0', name: 'f', children: [] };
    for (let i = 1; i < 40; i += 1) deep = { kind: 'folder', id: `f${i}`, name: 'f', children: [deep] };
    const result = siteTreeSchema.safeParse([deep]);
    expect(result.success).toBe(false);
    if (!result.success) expect(describeIssues(result.error)).toMatch(/deeper than 32/);
  });
});
