import { describe, expect, it } from 'vitest';
import { applyHostInput, changedOptionCount, EMPTY_FORM, isKnownTimeZone, logonTypesFor, switchProtocol, toConnectParams, type QuickConnectForm } from './quick-connect-form.js';

describe('applyHostInput', () => {
  it('spreads a URL over the fields, leaving only the host in Host', () => {
    expect(applyHostInput(EMPTY_FORM, 'ftp://ann@files.example.com:2121/pub')).toEqual({
      ...EMPTY_FORM,
      protocol: 'ftp',
      host: 'files.example.com',
      port: '2121',
      user: 'ann',
      path: '/pub',
    });
  });

  it('takes a password from the URL and keeps fields the URL does not mention', () => {
    const form = { ...EMPTY_FORM, password: 'kept', user: 'old' };
    expect(applyHostInput(form, 'host.example:990')).toMatchObject({ host: 'host.example', port: '990', user: 'old', password: 'kept' });
    expect(applyHostInput(form, 'ftp://u:s%3Acret@h')).toMatchObject({ user: 'u', password: 's:cret', port: '21' });
  });

  it('returns null for a plain host name', () => {
    expect(applyHostInput(EMPTY_FORM, 'ftp.example.com')).toBeNull();
  });
});

describe('toConnectParams', () => {
  it('fills the default port and anonymous login', () => {
    expect(toConnectParams({ ...EMPTY_FORM, host: ' example.com ' })).toEqual({
      ok: true,
      params: { protocol: 'ftp', host: 'example.com', port: 21, user: 'anonymous', password: 'anonymous@', transferMode: 'passive' },
    });
  });

  it('passes what was typed', () => {
    const form = { ...EMPTY_FORM, host: 'h', port: '2121', user: 'ann', password: 'pw', transferMode: 'active' as const };
    expect(toConnectParams(form)).toEqual({ ok: true, params: { protocol: 'ftp', host: 'h', port: 2121, user: 'ann', password: 'pw', transferMode: 'active' } });
  });

  it('expands a URL still sitting in Host', () => {
    const result = toConnectParams({ ...EMPTY_FORM, host: 'ftp://bob@h:2100/x' });
    expect(result).toMatchObject({ ok: true, params: { host: 'h', port: 2100, user: 'bob' } });
  });

  it('explains a missing host or a bad port', () => {
    expect(toConnectParams(EMPTY_FORM)).toEqual({ ok: false, field: 'host', message: 'Enter a host name or address.' });
    expect(toConnectParams({ ...EMPTY_FORM, host: 'h', port: '70000' })).toMatchObject({ ok: false, field: 'port' });
    expect(toConnectParams({ ...EMPTY_FORM, host: 'h', port: 'abc' })).toMatchObject({ ok: false, field: 'port' });
    expect(toConnectParams({ ...EMPTY_FORM, host: 'h', port: '21.5' })).toMatchObject({ ok: false, field: 'port' });
  });
});

const base: QuickConnectForm = { ...EMPTY_FORM, host: 'h', user: 'ann', password: 'pw' };
const ok = (form: QuickConnectForm) => {
  const result = toConnectParams(form);
  if (!result.ok) throw new Error(result.message);
  return result.params;
};

describe('switchProtocol', () => {
  it('moves an untouched or default port to the new default and keeps a typed one', () => {
    expect(switchProtocol(EMPTY_FORM, 'sftp').port).toBe('22');
    expect(switchProtocol(EMPTY_FORM, 'ftpes').port).toBe(''); // same default: stays empty (the placeholder says 21)
    expect(switchProtocol({ ...EMPTY_FORM, port: '21' }, 'ftps').port).toBe('990');
    expect(switchProtocol({ ...EMPTY_FORM, protocol: 'ftps', port: '990' }, 'sftp').port).toBe('22');
    expect(switchProtocol({ ...EMPTY_FORM, protocol: 'sftp', port: '22' }, 'ftp').port).toBe('21');
    expect(switchProtocol({ ...EMPTY_FORM, port: '2121' }, 'sftp').port).toBe('2121');
  });

  it('falls back to a normal logon when the new protocol lacks the chosen type', () => {
    const sftpKey = { ...EMPTY_FORM, protocol: 'sftp' as const, logonType: 'key' as const };
    expect(switchProtocol(sftpKey, 'ftp').logonType).toBe('normal');
    expect(switchProtocol({ ...sftpKey, logonType: 'ask' }, 'ftps').logonType).toBe('ask');
    expect(switchProtocol({ ...EMPTY_FORM, logonType: 'anonymous' }, 'sftp').logonType).toBe('anonymous');
  });

  it('applies to a pasted URL too', () => {
    expect(applyHostInput({ ...EMPTY_FORM, port: '21', logonType: 'ask' }, 'sftp://bob@h')).toMatchObject({ protocol: 'sftp', port: '22', user: 'bob', logonType: 'ask' });
  });
});

describe('logon types', () => {
  it('offers key, agent and interactive for SFTP only', () => {
    expect(logonTypesFor('ftp')).toEqual(['normal', 'anonymous', 'ask']);
    expect(logonTypesFor('ftps')).toEqual(['normal', 'anonymous', 'ask']);
    expect(logonTypesFor('sftp')).toEqual(['normal', 'anonymous', 'ask', 'key', 'agent', 'interactive']);
  });

  it('requires a user name for SFTP, with a clear message on the Username field', () => {
    expect(toConnectParams({ ...base, protocol: 'sftp', user: ' ' })).toEqual({ ok: false, field: 'user', message: 'SFTP needs a user name: enter the account to log in as.' });
    expect(toConnectParams({ ...base, protocol: 'sftp', user: '', logonType: 'agent' })).toMatchObject({ ok: false, field: 'user' });
  });

  it('sends the logon type and drops the password for types that do not use one', () => {
    expect(ok({ ...base, protocol: 'sftp', logonType: 'agent' })).toEqual({ protocol: 'sftp', host: 'h', port: 22, user: 'ann', password: '', logonType: 'agent', transferMode: 'passive' });
    expect(ok({ ...base, protocol: 'sftp', logonType: 'interactive' })).toMatchObject({ logonType: 'interactive', password: '' });
    expect(ok({ ...base, logonType: 'ask' })).toMatchObject({ protocol: 'ftp', logonType: 'ask', user: 'ann', password: '' });
  });

  it('needs a key file for the key logon and sends its path', () => {
    expect(toConnectParams({ ...base, protocol: 'sftp', logonType: 'key' })).toMatchObject({ ok: false, field: 'keyFile' });
    expect(ok({ ...base, protocol: 'sftp', logonType: 'key', keyFile: ' ~/.ssh/id_ed25519 ' })).toEqual({
      protocol: 'sftp',
      host: 'h',
      port: 22,
      user: 'ann',
      password: '',
      logonType: 'key',
      privateKeyPath: '~/.ssh/id_ed25519',
      transferMode: 'passive',
    });
  });

  it('logs in anonymously when chosen, whatever the fields say', () => {
    expect(ok({ ...base, logonType: 'anonymous' })).toMatchObject({ user: 'anonymous', password: 'anonymous@', logonType: 'anonymous' });
  });

  it('asks for a user name with "Ask for password" on FTP instead of going anonymous', () => {
    expect(toConnectParams({ ...base, user: '', logonType: 'ask' })).toMatchObject({ ok: false, field: 'user' });
  });

  it('ignores a logon type the protocol does not offer', () => {
    expect(ok({ ...base, logonType: 'key', keyFile: 'k' })).not.toHaveProperty('logonType');
  });
});

describe('connection options', () => {
  it('sends nothing the user did not set', () => {
    const params = ok({ ...base, transferMode: 'active' });
    expect(Object.keys(params).sort()).toEqual(['host', 'password', 'port', 'protocol', 'transferMode', 'user']);
  });

  it('sends the FTP options that were set', () => {
    const form: QuickConnectForm = {
      ...base,
      protocol: 'ftpes',
      transferMode: 'active',
      charset: 'cp1251',
      maxTlsVersion: 'TLSv1.2',
      activePortFrom: '50000',
      activePortTo: ' 50100 ',
      externalAddress: '203.0.113.5',
      serverTimezone: 'Europe/Berlin',
    };
    expect(ok(form)).toEqual({
      protocol: 'ftpes',
      host: 'h',
      port: 21,
      user: 'ann',
      password: 'pw',
      transferMode: 'active',
      charset: 'cp1251',
      maxTlsVersion: 'TLSv1.2',
      activePortRange: { min: 50000, max: 50100 },
      activeExternalAddress: '203.0.113.5',
      serverTimezone: 'Europe/Berlin',
    });
  });

  it('leaves out options that do not apply to the protocol or mode', () => {
    const set = { charset: 'latin1', maxTlsVersion: 'TLSv1.3', activePortFrom: '1', activePortTo: '2', externalAddress: '10.0.0.1', serverTimezone: 'UTC' } as const;
    expect(Object.keys(ok({ ...base, ...set, protocol: 'sftp', transferMode: 'active' })).sort()).toEqual(['host', 'password', 'port', 'protocol', 'transferMode', 'user']);
    // plain FTP has no TLS; passive mode has no active-mode settings
    expect(ok({ ...base, ...set, protocol: 'ftp-plain' })).toEqual({ ...ok({ ...base, protocol: 'ftp-plain' }), charset: 'latin1', serverTimezone: 'UTC' });
    expect(ok({ ...base, maxTlsVersion: 'TLSv1.3' })).toMatchObject({ maxTlsVersion: 'TLSv1.3' }); // "use TLS if available" speaks TLS
    expect(ok({ ...base, protocol: 'ftps', maxTlsVersion: 'TLSv1.2' })).toMatchObject({ maxTlsVersion: 'TLSv1.2', port: 990 });
  });

  it('checks the active port range', () => {
    const active = { ...base, transferMode: 'active' } as const;
    expect(toConnectParams({ ...active, activePortFrom: '50000' })).toMatchObject({ ok: false, field: 'activePortTo' });
    expect(toConnectParams({ ...active, activePortTo: '50000' })).toMatchObject({ ok: false, field: 'activePortFrom' });
    expect(toConnectParams({ ...active, activePortFrom: '0', activePortTo: '10' })).toMatchObject({ ok: false, field: 'activePortFrom' });
    expect(toConnectParams({ ...active, activePortFrom: '10', activePortTo: '99999' })).toMatchObject({ ok: false, field: 'activePortTo' });
    expect(toConnectParams({ ...active, activePortFrom: '60000', activePortTo: '50000' })).toMatchObject({ ok: false, field: 'activePortTo' });
    expect(ok({ ...active, activePortFrom: '50000', activePortTo: '50000' })).toMatchObject({ activePortRange: { min: 50000, max: 50000 } });
  });

  it('checks the external address and the time zone', () => {
    const active = { ...base, transferMode: 'active' } as const;
    expect(toConnectParams({ ...active, externalAddress: 'router.example.com' })).toMatchObject({ ok: false, field: 'externalAddress' });
    expect(toConnectParams({ ...active, externalAddress: '256.1.1.1' })).toMatchObject({ ok: false, field: 'externalAddress' });
    expect(ok({ ...active, externalAddress: '2001:db8::1' })).toMatchObject({ activeExternalAddress: '2001:db8::1' });
    expect(toConnectParams({ ...base, serverTimezone: 'Mars/Olympus' })).toMatchObject({ ok: false, field: 'serverTimezone' });
    expect(isKnownTimeZone('America/New_York')).toBe(true);
    expect(isKnownTimeZone('Europe/Berlin; rm -rf')).toBe(false);
  });

  it('counts the options set for the protocol, for the collapsed panel', () => {
    expect(changedOptionCount(EMPTY_FORM)).toBe(0);
    expect(changedOptionCount({ ...EMPTY_FORM, charset: 'gbk', serverTimezone: 'UTC' })).toBe(2);
    expect(changedOptionCount({ ...EMPTY_FORM, protocol: 'sftp', charset: 'gbk', logonType: 'key', keyFile: 'k' })).toBe(2);
    expect(changedOptionCount({ ...EMPTY_FORM, externalAddress: '10.0.0.1' })).toBe(0); // passive: not used
  });
});
