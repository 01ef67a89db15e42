import { describe, expect, it } from 'vitest';
import { DEFAULT_ASCII_EXTENSIONS, DEFAULT_QUEUE_SETTINGS } from '../../../shared/model/transfer.js';
import { formFromSettings, parseExtensions, patchFromForm } from './transfer-settings-form.js';

describe('transfer settings form', () => {
  it('round-trips the defaults; empty limits mean unlimited; KiB/s to bytes', () => {
    const form = formFromSettings(DEFAULT_QUEUE_SETTINGS);
    expect(form.downloadLimit).toBe('');
    const result = patchFromForm({ ...form, uploadLimit: '512', concurrency: '8' });
    expect(result).toEqual({
      patch: {
        concurrency: 8,
        perSiteLimit: 4,
        retries: 5,
        downloadLimit: null,
        uploadLimit: 512 * 1024,
        tempNames: true,
        verifyChecksums: true,
        preserveTimes: true,
        defaultConflictAction: 'ask',
        transferType: 'binary',
        asciiExtensions: DEFAULT_ASCII_EXTENSIONS,
      },
    });
  });

  it('edits the transfer type and the ASCII extensions as comma-separated text', () => {
    const form = formFromSettings({ ...DEFAULT_QUEUE_SETTINGS, asciiExtensions: ['txt', 'html'] });
    expect(form.asciiExtensions).toBe('txt, html');
    const result = patchFromForm({ ...form, transferType: 'auto', asciiExtensions: ' TXT, .html,,*.Css  md txt ' });
    expect(result).toMatchObject({ patch: { transferType: 'auto', asciiExtensions: ['txt', 'html', 'css', 'md'] } });
    expect(parseExtensions('')).toEqual([]);
    expect(parseExtensions('txt, tar.gz')).toEqual('"tar.gz" is not a file extension (letters and digits, up to 16).');
    expect(patchFromForm({ ...form, asciiExtensions: 'ok, b@d' })).toHaveProperty('error');
    expect(parseExtensions(Array.from({ length: 201 }, (_, i) => `e${i}`).join(','))).toBe('At most 200 ASCII extensions.');
  });

  it('rejects out-of-range values with a sentence', () => {
    const form = formFromSettings(DEFAULT_QUEUE_SETTINGS);
    expect(patchFromForm({ ...form, concurrency: '33' })).toEqual({ error: 'Concurrent transfers must be from 1 to 32.' });
    expect(patchFromForm({ ...form, retries: '-1' })).toHaveProperty('error');
    expect(patchFromForm({ ...form, downloadLimit: '0' })).toHaveProperty('error');
    expect(patchFromForm({ ...form, perSiteLimit: 'x' })).toHaveProperty('error');
  });
});
