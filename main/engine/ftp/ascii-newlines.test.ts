import { open, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { tempDirPerTest } from '../testing/temp-dir-per-test.js';
import { convertNewlines, lfSizeOfFile, NewlineConverter } from './ascii-newlines.js';
import { FileRangeSource, FileRangeWriter } from './file-streams.js';

const b = (text: string): Buffer => Buffer.from(text, 'latin1');
const s = (data: Buffer): string => data.toString('latin1');

/** Feeds `chunks` through one converter and joins the output. */
function run(chunks: readonly string[], eol: '\n' | '\r\n'): { out: string; converter: NewlineConverter } {
  const converter = new NewlineConverter(eol);
  const out = Buffer.concat([...chunks.map((c) => converter.convert(b(c))), converter.end()]);
  return { out: s(out), converter };
}

describe('NewlineConverter: to CRLF (ASCII upload)', () => {
  it('turns LF and CRLF line ends into CRLF', () => {
    expect(s(convertNewlines(b('a\nb\r\nc\n'), '\r\n'))).toBe('a\r\nb\r\nc\r\n');
    expect(s(convertNewlines(b('\n\n'), '\r\n'))).toBe('\r\n\r\n');
  });

  it('keeps a lone CR, also at the very end', () => {
    expect(s(convertNewlines(b('a\rb\r'), '\r\n'))).toBe('a\rb\r');
    expect(s(convertNewlines(b('\r\r\n'), '\r\n'))).toBe('\r\r\n');
  });

  it('handles a CRLF split across chunks (CR held back, no doubled CR)', () => {
    const { out, converter } = run(['line1\r', '\nline2\r', '', '\n', 'x\r', 'y'], '\r\n');
    expect(out).toBe('line1\r\nline2\r\nx\ry');
    expect(converter.crlfIn).toBe(2);
    expect(converter.bytesIn).toBe(17);
    expect(converter.lfSize).toBe(15);
  });

  it('converts nothing to nothing', () => {
    expect(convertNewlines(b(''), '\r\n').length).toBe(0);
    const { out, converter } = run(['', ''], '\r\n');
    expect(out).toBe('');
    expect(converter.lfSize).toBe(0);
  });

  it('passes every other byte through (UTF-8, NUL)', () => {
    const text = Buffer.from('grüße\0\u20ac\n', 'utf8');
    expect(convertNewlines(text, '\r\n')).toEqual(Buffer.concat([text.subarray(0, -1), b('\r\n')]));
  });
});

describe('NewlineConverter: from CRLF (ASCII download)', () => {
  it('turns CRLF (and a bare LF) into LF on posix', () => {
    expect(s(convertNewlines(b('a\r\nb\nc\r\n'), '\n'))).toBe('a\nb\nc\n');
  });

  it('turns CRLF into CRLF for win32', () => {
    expect(s(convertNewlines(b('a\r\nb\n'), '\r\n'))).toBe('a\r\nb\r\n');
  });

  it('handles a CR at a chunk boundary, one chunk at a time', () => {
    const wire = 'one\r\ntwo\r\n\r\nthree\rfour\r';
    for (let i = 0; i <= wire.length; i++) {
      expect(run([wire.slice(0, i), wire.slice(i)], '\n').out).toBe('one\ntwo\n\nthree\rfour\r');
    }
    expect(run([...wire], '\n').out).toBe('one\ntwo\n\nthree\rfour\r');
  });

  it('keeps a lone CR followed by another CR', () => {
    expect(run(['a\r', '\r', '\nb'], '\n').out).toBe('a\r\nb');
  });
});

describe('NewlineConverter.measure', () => {
  it('counts CRLF pairs like convert, across chunks', () => {
    const counter = new NewlineConverter('\n');
    for (const chunk of ['\r', '\n', 'ab\r\n\r', '\r\n', '\n', 'x\r']) counter.measure(b(chunk));
    expect(counter.crlfIn).toBe(3);
    expect(counter.lfSize).toBe(12 - 3);
  });
});

describe('ASCII conversion in the file streams', () => {
  const dir = tempDirPerTest('ferry-ascii-');

  it('lfSizeOfFile counts CRLF as one byte', async () => {
    await writeFile(join(dir(), 'a.txt'), 'a\r\nb\nc\r\n\r');
    expect(await lfSizeOfFile(join(dir(), 'a.txt'))).toBe(7);
    await writeFile(join(dir(), 'empty.txt'), '');
    expect(await lfSizeOfFile(join(dir(), 'empty.txt'))).toBe(0);
  });

  it('FileRangeSource sends CRLF; FileRangeWriter writes the local convention', async () => {
    await writeFile(join(dir(), 'in.txt'), 'a\nb\r\n\r');
    const input = await open(join(dir(), 'in.txt'), 'r');
    const converter = new NewlineConverter('\r\n');
    const source = new FileRangeSource(input, 0, undefined, undefined, converter);
    const chunks: Buffer[] = [];
    for (let chunk = await source.next(Buffer.alloc(2)); chunk; chunk = await source.next(Buffer.alloc(2))) chunks.push(chunk);
    await input.close();
    expect(s(Buffer.concat(chunks))).toBe('a\r\nb\r\n\r');
    expect(source.bytesRead).toBe(6);
    expect(converter.lfSize).toBe(5);

    const output = await open(join(dir(), 'out.txt'), 'w');
    const writer = new FileRangeWriter(output, 0, undefined, undefined, new NewlineConverter('\n'));
    await pipeline(Readable.from([b('x\r'), b('\ny\r'), b('\r')]), writer);
    await output.close();
    expect(writer.bytesWritten).toBe(5);
    const { readFile } = await import('node:fs/promises');
    expect(s(await readFile(join(dir(), 'out.txt')))).toBe('x\ny\r\r');
  });
});
