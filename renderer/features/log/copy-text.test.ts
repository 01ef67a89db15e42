import { describe, expect, it } from 'vitest';
import { copyText } from './copy-text.js';

/** Just enough of a Document for the textarea fallback. */
function fakeDocument(result: boolean | 'throw') {
  const copied: string[] = [];
  const area = { value: '', style: {} as Record<string, string>, setAttribute: () => undefined, select: () => undefined, remove: () => undefined };
  const doc = {
    createElement: () => area,
    body: { appendChild: () => undefined },
    activeElement: null,
    execCommand: () => {
      if (result === 'throw') throw new Error('nope');
      copied.push(area.value);
      return result;
    },
  };
  return { doc: doc as unknown as Document, copied };
}

describe('copyText', () => {
  it('uses the async clipboard when it works', async () => {
    const written: string[] = [];
    expect(await copyText('hello', { clipboard: { writeText: async (t) => void written.push(t) } })).toBe(true);
    expect(written).toEqual(['hello']);
  });

  it('falls back to execCommand when the clipboard refuses or is missing', async () => {
    const { doc, copied } = fakeDocument(true);
    const refusing = { writeText: () => Promise.reject(new Error('denied')) };
    expect(await copyText('one', { clipboard: refusing, document: doc })).toBe(true);
    expect(await copyText('two', { document: doc })).toBe(true);
    expect(copied).toEqual(['one', 'two']);
  });

  it('reports failure when nothing works', async () => {
    expect(await copyText('x', { document: fakeDocument('throw').doc })).toBe(false);
    expect(await copyText('x', {})).toBe(false);
  });
});
