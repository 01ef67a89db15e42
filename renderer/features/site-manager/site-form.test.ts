import { describe, expect, it } from 'vitest';
import { makeSite } from '../../../shared/model/site.js';
import { formToSite, sameForm, secretParam, siteToForm, switchSiteProtocol, type SiteForm } from './site-form.js';
import { validateSiteForm } from './site-form-rules.js';

const SITE = makeSite('s1', 'Shop', { protocol: 'ftpes', host: 'ftp.example.com', user: 'alice', secret: 'stored', remoteDir: '/www', maxConnections: 2 });

const form = (patch: Partial<SiteForm> = {}): SiteForm => ({ ...siteToForm(SITE), ...patch });

describe('site form ↔ site', () => {
  it('round-trips a site through the form unchanged', () => {
    const result = formToSite(siteToForm(SITE), SITE);
    expect(result).toEqual({ ok: true, site: SITE, password: undefined, passphrase: undefined });
  });

  it('shows optional numbers and folders as empty text, and turns empty text back into null', () => {
    const f = siteToForm(makeSite('s2', 'Bare', { host: 'h' }));
    expect(f).toMatchObject({ port: '21', maxConnections: '', timeoutSeconds: '', remoteDir: '', localDir: '', color: '', maxTlsVersion: '' });
    const result = formToSite({ ...form(), maxConnections: ' ', remoteDir: '  ', timeoutSeconds: '30', color: 'red', maxTlsVersion: 'TLSv1.2' }, SITE);
    expect(result.ok && result.site).toMatchObject({ maxConnections: null, remoteDir: null, timeoutSeconds: 30, color: 'red', maxTlsVersion: 'TLSv1.2' });
  });

  it('trims the name, host and user, and uses the default port when Port is empty', () => {
    const result = formToSite(form({ name: '  Shop 2 ', host: ' h.example ', user: ' bob ', port: '', protocol: 'sftp' }), SITE);
    expect(result.ok && result.site).toMatchObject({ name: 'Shop 2', host: 'h.example', user: 'bob', port: 22 });
  });

  it('compares forms by value, bookmarks included', () => {
    const bookmark = { id: 'b1', name: 'Logs', remoteDir: '/var/log', localDir: null };
    expect(sameForm(form({ bookmarks: [bookmark] }), form({ bookmarks: [{ ...bookmark }] }))).toBe(true);
    expect(sameForm(form({ bookmarks: [bookmark] }), form())).toBe(false);
    expect(sameForm(form({ host: 'other' }), form())).toBe(false);
  });
});

describe('validation', () => {
  it('requires a name and a host, and says so under each', () => {
    const errors = validateSiteForm(form({ name: ' ', host: '' }));
    expect(errors.name).toMatch(/name/);
    expect(errors.host).toBe('Enter a host name or address.');
    const result = formToSite(form({ name: '', host: '' }), SITE);
    expect(result.ok === false && result.first).toBe('name');
  });

  it('refuses a URL or spaces in Host and an out-of-range port', () => {
    expect(validateSiteForm(form({ host: 'ftp://example.com' })).host).toMatch(/without “ftp:\/\/”/);
    expect(validateSiteForm(form({ host: 'my host' })).host).toMatch(/only letters/);
    expect(validateSiteForm(form({ port: '0' })).port).toMatch(/1 to 65535/);
    expect(validateSiteForm(form({ port: '70000' })).port).toMatch(/1 to 65535/);
    expect(validateSiteForm(form({ port: '2x' })).port).toBeDefined();
    expect(validateSiteForm(form({ port: '2121' })).port).toBeUndefined();
  });

  it('needs a user for SFTP and a key file for key logons', () => {
    expect(validateSiteForm(form({ protocol: 'sftp', user: '' })).user).toMatch(/SFTP needs a user/);
    expect(validateSiteForm(form({ protocol: 'ftp', user: '' })).user).toBeUndefined();
    expect(validateSiteForm(form({ protocol: 'sftp', logonType: 'key', keyFile: ' ' })).keyFile).toMatch(/key file/);
  });

  it('checks the limits: connections 1–10, timeout 1–600 s, no line breaks in folders or secrets', () => {
    expect(validateSiteForm(form({ maxConnections: '11' })).maxConnections).toBeDefined();
    expect(validateSiteForm(form({ maxConnections: '10' })).maxConnections).toBeUndefined();
    expect(validateSiteForm(form({ timeoutSeconds: '0' })).timeoutSeconds).toBeDefined();
    expect(validateSiteForm(form({ remoteDir: '/a\nb' })).remoteDir).toBeDefined();
    const secrets = { password: { typed: 'a\rb', clear: false }, passphrase: { typed: '', clear: false } };
    expect(validateSiteForm(form(), secrets).password).toMatch(/line breaks/);
  });

  it('points at the first problem in screen order', () => {
    const result = formToSite(form({ timeoutSeconds: 'x', port: '99999' }), SITE);
    expect(result.ok === false && result.first).toBe('port');
  });
});

describe('protocol switch', () => {
  it('moves a default port to the new default and keeps a typed one', () => {
    expect(switchSiteProtocol(form({ protocol: 'ftp', port: '21' }), 'sftp').port).toBe('22');
    expect(switchSiteProtocol(form({ protocol: 'ftp', port: '' }), 'ftps').port).toBe('990');
    expect(switchSiteProtocol(form({ protocol: 'ftp', port: '2121' }), 'sftp').port).toBe('2121');
  });

  it('falls back to the normal logon when the new protocol lacks the logon type', () => {
    expect(switchSiteProtocol(form({ protocol: 'sftp', logonType: 'key' }), 'ftp').logonType).toBe('normal');
    expect(switchSiteProtocol(form({ protocol: 'ftp', logonType: 'ask' }), 'sftp').logonType).toBe('ask');
  });
});

describe('secrets', () => {
  it('stores a typed secret, removes a cleared one, keeps an untouched one', () => {
    expect(secretParam({ typed: 'pw', clear: false }, true, 'stored')).toBe('pw');
    expect(secretParam({ typed: 'pw', clear: true }, true, 'stored')).toBe('pw');
    expect(secretParam({ typed: '', clear: true }, true, 'stored')).toBeNull();
    expect(secretParam({ typed: '', clear: false }, true, 'stored')).toBeUndefined();
    expect(secretParam({ typed: '', clear: false }, true, 'none')).toBeUndefined();
  });

  it('drops a stored secret when the logon type no longer uses it', () => {
    expect(secretParam({ typed: 'typed anyway', clear: false }, false, 'stored')).toBeNull();
    expect(secretParam({ typed: '', clear: false }, false, 'none')).toBeUndefined();
  });

  it('sends the password param and keeps the site’s secret mode consistent with it', () => {
    const typed = formToSite(form(), { ...SITE, secret: 'none' }, { password: { typed: 'hunter2', clear: false }, passphrase: { typed: '', clear: false } });
    expect(typed).toMatchObject({ ok: true, password: 'hunter2', site: { secret: 'stored' } });
    const cleared = formToSite(form(), SITE, { password: { typed: '', clear: true }, passphrase: { typed: '', clear: false } });
    expect(cleared).toMatchObject({ ok: true, password: null, site: { secret: 'none' } });
    const asked = formToSite(form({ logonType: 'ask' }), SITE);
    expect(asked).toMatchObject({ ok: true, password: null, site: { logonType: 'ask', secret: 'none' } });
  });

  it('sends a key passphrase only for key logons', () => {
    const secrets = { password: { typed: '', clear: false }, passphrase: { typed: 'phrase', clear: false } };
    const key = formToSite(form({ protocol: 'sftp', port: '22', logonType: 'key', keyFile: '~/.ssh/id' }), { ...SITE, secret: 'none' }, secrets);
    expect(key).toMatchObject({ ok: true, passphrase: 'phrase', site: { keyFile: '~/.ssh/id', keyPassphrase: 'stored' } });
    const normal = formToSite(form(), SITE, secrets);
    expect(normal.ok && normal.passphrase).toBeUndefined();
  });
});
