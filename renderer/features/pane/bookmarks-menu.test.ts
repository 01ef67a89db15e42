import { describe, expect, it } from 'vitest';
import { makeFolder, makeSite } from '../../../shared/model/site.js';
import type { SessionInfo } from '../../../shared/model/session.js';
import type { SitesState } from '../../../shared/model/sites-state.js';
import { sessionBookmarks } from './bookmarks-menu.js';

const SESSION: SessionInfo = { sessionId: 's1', protocol: 'ftp', host: 'h', port: 21, user: 'u', home: '/', pathStyle: 'posix', system: null, encryption: null };
const BOOKMARK = { id: 'b1', name: 'Logs', remoteDir: '/var/log', localDir: null };
const SITES: SitesState = {
  tree: [makeFolder('f', 'Work', [makeSite('site-1', 'Shop', { host: 'h', bookmarks: [BOOKMARK] })])],
  recent: [],
  problem: null,
  readOnly: false,
  secrets: { kind: 'ask', unlocked: false },
};

describe('session bookmarks', () => {
  it('are the bookmarks of the site the session came from', () => {
    expect(sessionBookmarks({ status: 'connected', session: SESSION, initialPath: null, localPath: null, siteId: 'site-1' }, SITES)).toEqual([BOOKMARK]);
  });

  it('are none for quick connect, no session, or a site deleted meanwhile', () => {
    expect(sessionBookmarks({ status: 'connected', session: SESSION, initialPath: null, localPath: null, siteId: null }, SITES)).toEqual([]);
    expect(sessionBookmarks({ status: 'idle', reason: null }, SITES)).toEqual([]);
    expect(sessionBookmarks({ status: 'connected', session: SESSION, initialPath: null, localPath: null, siteId: 'gone' }, SITES)).toEqual([]);
    expect(sessionBookmarks({ status: 'connected', session: SESSION, initialPath: null, localPath: null, siteId: 'site-1' }, null)).toEqual([]);
  });
});
