import { describe, expect, it } from 'vitest';
import { applyHostInput, EMPTY_FORM, toConnectParams } from './quick-connect-form.js';

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
    expect(toConnectParams(EMPTY_FORM)).toEqual({ ok: false, message: 'Enter a host name or address.' });
    expect(toConnectParams({ ...EMPTY_FORM, host: 'h', port: '70000' })).toMatchObject({ ok: false });
    expect(toConnectParams({ ...EMPTY_FORM, host: 'h', port: 'abc' })).toMatchObject({ ok: false });
  });
});
