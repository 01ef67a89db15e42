import { describe, expect, it } from 'vitest';
import { clientTlsOptions } from './tls-options.js';

describe('clientTlsOptions', () => {
  it('sends SNI for names only (RFC 6066 §3) and always sets host', () => {
    expect(clientTlsOptions('ftp.example.com')).toEqual({ host: 'ftp.example.com', servername: 'ftp.example.com', rejectUnauthorized: false });
    expect(clientTlsOptions('127.0.0.1')).toEqual({ host: '127.0.0.1', rejectUnauthorized: false });
    expect(clientTlsOptions('::1')).toEqual({ host: '::1', rejectUnauthorized: false });
  });

  it('caps the version when asked', () => {
    expect(clientTlsOptions('h', 'TLSv1.2').maxVersion).toBe('TLSv1.2');
  });
});
