import { describe, expect, it } from 'vitest';
import { draftToBookmark, upsertBookmark, validateBookmark } from './bookmark-form.js';

describe('bookmark form', () => {
  it('needs a name and a remote folder; the local folder is optional', () => {
    expect(validateBookmark({ id: 'b', name: ' ', remoteDir: '', localDir: '' })).toEqual({
      name: 'Enter a name for the bookmark.',
      remoteDir: 'Enter the remote folder to open.',
    });
    expect(draftToBookmark({ id: 'b', name: ' Logs ', remoteDir: ' /var/log ', localDir: ' ' })).toEqual({ id: 'b', name: 'Logs', remoteDir: '/var/log', localDir: null });
    expect(draftToBookmark({ id: 'b', name: 'Logs', remoteDir: '/a\nb', localDir: '' })).toBeNull();
  });

  it('replaces a bookmark with the same id, appends a new one', () => {
    const a = { id: 'a', name: 'A', remoteDir: '/a', localDir: null };
    const b = { id: 'b', name: 'B', remoteDir: '/b', localDir: '/home/b' };
    expect(upsertBookmark([a], b)).toEqual([a, b]);
    expect(upsertBookmark([a, b], { ...a, name: 'A2' })).toEqual([{ ...a, name: 'A2' }, b]);
  });
});
