import { describe, expect, it } from 'vitest';
import { encodeDragPayload, isFerryDrag, isFileDrag, parseDragPayload, sideMarker, DRAG_MIME } from './drag-payload.js';
import { transferItems } from './transfer-actions.js';

describe('drag payload', () => {
  it('round-trips', () => {
    const payload = { side: 'local' as const, sessionId: 'local', entries: [{ path: '/home/a.txt', type: 'file' as const }, { path: '/home/d', type: 'dir' as const }] };
    expect(parseDragPayload(encodeDragPayload(payload))).toEqual(payload);
  });

  it('rejects malformed payloads', () => {
    for (const text of [null, '', 'nope', '[]', '{"v":2,"side":"local","sessionId":"l","entries":[{"path":"/a","type":"file"}]}', '{"v":1,"side":"x","sessionId":"l","entries":[{"path":"/a","type":"file"}]}', '{"v":1,"side":"local","sessionId":"l","entries":[]}', '{"v":1,"side":"local","sessionId":"l","entries":[{"path":"","type":"file"}]}', '{"v":1,"side":"local","sessionId":"l","entries":[{"path":"/a","type":"bogus"}]}', '{"v":1,"side":"local","sessionId":"l","entries":[{"path":"/a\\u0000","type":"file"}]}'])
      expect(parseDragPayload(text)).toBeNull();
  });

  it('recognises drag types', () => {
    expect(isFerryDrag([DRAG_MIME, sideMarker('remote')])).toBe(true);
    expect(isFerryDrag(['Files'])).toBe(false);
    expect(isFileDrag(['Files'])).toBe(true);
    expect(sideMarker('local')).not.toBe(sideMarker('remote'));
  });

  it('builds queue items: uploads into the remote folder, downloads with type into the local folder', () => {
    expect(transferItems('local', [{ path: '/h/a', type: 'file' }, { path: '/h/d', type: 'dir' }], '/srv')).toEqual([
      { direction: 'upload', localPath: '/h/a', remoteDir: '/srv' },
      { direction: 'upload', localPath: '/h/d', remoteDir: '/srv' },
    ]);
    expect(transferItems('remote', [{ path: '/srv/a', type: 'file' }, { path: '/srv/d', type: 'dir' }, { path: '/srv/l', type: 'link' }], '/h')).toEqual([
      { direction: 'download', remotePath: '/srv/a', type: 'file', localDir: '/h' },
      { direction: 'download', remotePath: '/srv/d', type: 'dir', localDir: '/h' },
      { direction: 'download', remotePath: '/srv/l', localDir: '/h' },
    ]);
  });
});
