import { describe, expect, it } from 'vitest';
import type { RecentServer } from '../../../shared/model/site.js';
import { EMPTY_FORM } from './quick-connect-form.js';
import { applyRecent, quickFormToSite, recentLabel } from './quick-connect-sites.js';

describe('save as site', () => {
  it('keeps the typed fields, the URL folder and the typed password (sent apart from the site)', () => {
    const result = quickFormToSite({ ...EMPTY_FORM, host: 'sftp://ann@files.example.com:2222/srv/www', password: 'pw' }, 'id-1');
    expect(result).toMatchObject({
      ok: true,
      password: 'pw',
      site: { id: 'id-1', name: 'files.example.com', protocol: 'sftp', host: 'files.example.com', port: 2222, user: 'ann', logonType: 'normal', remoteDir: '/srv/www', secret: 'none' },
    });
    expect(JSON.stringify(result.ok && result.site)).not.toContain('pw');
  });

  it('saves an FTP login without user as Anonymous, with no password', () => {
    const result = quickFormToSite({ ...EMPTY_FORM, host: 'ftp.gnu.org', password: '' }, 'id');
    expect(result).toEqual({ ok: true, site: expect.objectContaining({ logonType: 'anonymous', user: '', port: 21, transferMode: 'default' }) });
  });

  it('keeps the options that apply: active mode, charset, TLS ceiling, key file', () => {
    const ftp = quickFormToSite({ ...EMPTY_FORM, host: 'h', user: 'u', transferMode: 'active', charset: 'cp1251', maxTlsVersion: 'TLSv1.2' }, 'id');
    expect(ftp.ok && ftp.site).toMatchObject({ transferMode: 'active', charset: 'cp1251', maxTlsVersion: 'TLSv1.2' });
    const key = quickFormToSite({ ...EMPTY_FORM, protocol: 'sftp', host: 'h', user: 'u', logonType: 'key', keyFile: '~/.ssh/id', password: 'ignored' }, 'id');
    expect(key).toEqual({ ok: true, site: expect.objectContaining({ logonType: 'key', keyFile: '~/.ssh/id', charset: 'auto' }) });
  });

  it('points at the field to fix', () => {
    expect(quickFormToSite({ ...EMPTY_FORM, host: ' ' }, 'id')).toMatchObject({ ok: false, field: 'host' });
    expect(quickFormToSite({ ...EMPTY_FORM, host: 'h', port: '99999' }, 'id')).toMatchObject({ ok: false, field: 'port' });
    expect(quickFormToSite({ ...EMPTY_FORM, protocol: 'sftp', host: 'h' }, 'id')).toMatchObject({ ok: false, field: 'user' });
    expect(quickFormToSite({ ...EMPTY_FORM, protocol: 'sftp', host: 'h', user: 'u', logonType: 'key' }, 'id')).toMatchObject({ ok: false, field: 'keyFile' });
  });
});

describe('recent servers', () => {
  const recent: RecentServer = { protocol: 'sftp', host: 'nas.local', port: 2222, user: 'me', logonType: 'agent', lastUsed: 1 };

  it('fills protocol, host, port, user and logon type, never a password', () => {
    const form = applyRecent({ ...EMPTY_FORM, password: 'old', path: '/pub' }, recent);
    expect(form).toMatchObject({ protocol: 'sftp', host: 'nas.local', port: '2222', user: 'me', logonType: 'agent', password: '', path: null });
    expect(applyRecent(EMPTY_FORM, { ...recent, protocol: 'ftp', port: 21, logonType: 'anonymous' })).toMatchObject({ port: '', user: '', logonType: 'anonymous' });
  });

  it('labels an entry with user, host, a non-default port and the protocol', () => {
    expect(recentLabel(recent)).toBe('me@nas.local:2222 (SFTP)');
    expect(recentLabel({ ...recent, protocol: 'ftp', port: 21, user: '', logonType: 'anonymous' })).toBe('nas.local (FTP)');
  });
});
