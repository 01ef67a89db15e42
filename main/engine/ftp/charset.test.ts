import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { createCharsetCodec } from './charset.js';

/** The wire form of bytes, as the latin1 control socket delivers them. */
const wire = (bytes: Buffer): string => bytes.toString('latin1');

describe('createCharsetCodec', () => {
  it('is the identity for auto (UTF-8 handled by the socket)', () => {
    for (const codec of [createCharsetCodec('auto'), createCharsetCodec(undefined)]) {
      expect(codec.controlEncoding).toBe('utf8');
      expect(codec.encode('ünï/名前')).toBe('ünï/名前');
      expect(codec.decode('ünï/名前')).toBe('ünï/名前');
    }
  });

  const samples = [
    ['cp1251', 'Привет.txt'],
    ['shift_jis', 'ファイル名-テスト.txt'],
    ['gbk', '中文文件名.txt'],
    ['euc-kr', '한국어 파일.txt'],
    ['latin1', 'Ünïcødé ß.txt'],
    ['koi8-r', 'Папка'],
    ['big5', '繁體中文'],
    ['euc-jp', '日本語'],
  ] as const;
  for (const [charset, name] of samples) {
    it(`round-trips ${charset} byte-exactly`, () => {
      const codec = createCharsetCodec(charset);
      expect(codec.controlEncoding).toBe('latin1');
      const bytes = iconv.encode(name, charset);
      const shown = codec.decode(wire(bytes));
      expect(shown).toBe(name);
      expect(Buffer.from(codec.encode(`/dir/${shown}`), 'latin1')).toEqual(Buffer.concat([Buffer.from('/dir/'), bytes]));
    });
  }

  it('decodes a whole listing line by line, leaving ASCII fields alone', () => {
    const codec = createCharsetCodec('cp1251');
    const listing = Buffer.concat([
      Buffer.from('-rw-r--r--    1 1000     1000           5 Jan 01 12:00 '),
      iconv.encode('Привет.txt', 'cp1251'),
      Buffer.from('\r\ndrwxr-xr-x    2 1000     1000        4096 Jan 01 12:00 '),
      iconv.encode('Папка', 'cp1251'),
      Buffer.from('\r\n'),
    ]);
    expect(codec.decode(wire(listing))).toBe(
      '-rw-r--r--    1 1000     1000           5 Jan 01 12:00 Привет.txt\r\ndrwxr-xr-x    2 1000     1000        4096 Jan 01 12:00 Папка\r\n',
    );
  });

  it('keeps undecodable bytes as escapes that encode back to the same bytes', () => {
    const codec = createCharsetCodec('cp1251');
    // 0x98 is unassigned in cp1251; the token with it is escaped, the rest decoded.
    const bytes = Buffer.concat([iconv.encode('Привет ', 'cp1251'), Buffer.from([0x41, 0x98, 0xcf])]);
    const shown = codec.decode(wire(bytes));
    expect(shown.startsWith('Привет ')).toBe(true);
    expect(shown).not.toContain('\ufffd');
    expect(Buffer.from(codec.encode(shown), 'latin1')).toEqual(bytes);
  });

  it('escapes a broken Shift_JIS sequence and still round-trips it', () => {
    const codec = createCharsetCodec('shift_jis');
    const bytes = Buffer.from([0x66, 0x82, 0x0a, 0x83, 0x74, 0x83, 0x40]); // 0x82 cut off by a line break
    const shown = codec.decode(wire(bytes));
    expect(shown.split('\n')[1]).toBe('ファ');
    expect(Buffer.from(codec.encode(shown), 'latin1')).toEqual(bytes);
  });

  it('refuses text the code page cannot express instead of sending "?"', () => {
    const codec = createCharsetCodec('cp1251');
    expect(() => codec.encode('/名前.txt')).toThrow(expect.objectContaining({ code: 'INVALID_PARAMS' }));
    expect(codec.encode('/why?.txt')).toBe('/why?.txt');
  });

  it('refuses an unknown charset with INVALID_PARAMS', () => {
    expect(() => createCharsetCodec('klingon' as never)).toThrow(expect.objectContaining({ code: 'INVALID_PARAMS' }));
  });
});
