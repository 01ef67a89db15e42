import { describe, expect, it } from 'vitest';
import { FerryError } from '../../../shared/errors.js';
import { makeFolder, makeSite, type SiteNode } from '../../../shared/model/site.js';
import { allSites } from '../../../shared/model/site-tree.js';
import { exportSites, importFerrySites } from './export-json.js';

const tree: SiteNode[] = [
  makeFolder('f1', 'Kunden', [
    makeSite('s1', 'Bücher', { host: 'ftp.example.de', user: 'anna', secret: 'stored', bookmarks: [{ id: 'b1', name: 'Logs', remoteDir: '/var/log', localDir: null }] }),
    makeSite('s2', 'Key box', { protocol: 'sftp', port: 22, host: 'box', user: 'me', logonType: 'key', keyFile: '/k', keyPassphrase: 'stored' }),
  ]),
  makeSite('s3', 'Mirror', { host: 'mirror.example', logonType: 'anonymous', secret: 'none' }),
];

const codeOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    return error instanceof FerryError ? `${error.code}: ${error.message}` : String(error);
  }
  return 'no error';
};

describe('Ferry JSON export', () => {
  it('round-trips the tree with fresh ids, turning stored secrets into "ask"', () => {
    const text = exportSites(tree, new Date('2025-01-02T03:04:05Z'));
    expect(JSON.parse(text)).toMatchObject({ format: 'ferry-sites', version: 1, exportedAt: '2025-01-02T03:04:05.000Z' });
    let n = 0;
    const back = importFerrySites(text, { newId: () => `new${++n}` });
    expect(back.report).toEqual({ imported: 3, skipped: [], warnings: [] });
    const sites = allSites(back.tree);
    expect(sites.map((s) => [s.id, s.name, s.secret, s.keyPassphrase])).toEqual([
      ['new2', 'Bücher', 'ask', 'none'],
      ['new4', 'Key box', 'none', 'ask'],
      ['new5', 'Mirror', 'none', 'none'],
    ]);
    expect(sites[0]?.bookmarks[0]).toEqual({ id: 'new3', name: 'Logs', remoteDir: '/var/log', localDir: null });
    const strip = (nodes: readonly SiteNode[]): unknown => JSON.parse(JSON.stringify(nodes).replace(/"id":"[^"]*"/g, '"id":""').replace(/"(secret|keyPassphrase)":"[^"]*"/g, '"$1":""'));
    expect(strip(back.tree)).toEqual(strip(tree));
  });

  it('never writes a password, even one smuggled into a node', () => {
    const smuggled = [{ ...makeSite('s9', 'X', { host: 'h' }), password: 'hunter2' }] as unknown as SiteNode[];
    expect(exportSites(smuggled)).not.toContain('hunter2');
  });

  it('refuses files that are not exports, with a clear reason', () => {
    expect(codeOf(() => importFerrySites('{nope'))).toMatch(/^INVALID_PARAMS: This file is not a Ferry sites export: it is not valid JSON/);
    expect(codeOf(() => importFerrySites('[]'))).toBe('INVALID_PARAMS: This file is not a Ferry sites export: it has no "format": "ferry-sites".');
    expect(codeOf(() => importFerrySites('{"format":"ferry-sites","version":0,"tree":[]}'))).toMatch(/its version 0 is unknown/);
    expect(codeOf(() => importFerrySites('{"format":"ferry-sites","version":7,"tree":[]}'))).toMatch(/^UNSUPPORTED: This export was made by a newer version of Ferry \(format 7\)/);
    const bad = JSON.stringify({ format: 'ferry-sites', version: 1, tree: [{ kind: 'site', id: 'a', name: 'A', protocol: 'gopher', host: 'h', port: 21 }] });
    expect(codeOf(() => importFerrySites(bad))).toMatch(/^INVALID_PARAMS: This file is not a Ferry sites export: 0\.protocol: Invalid option/);
  });

  it('accepts a minimal hand-written export, filling in defaults', () => {
    const text = JSON.stringify({ format: 'ferry-sites', version: 1, tree: [{ kind: 'site', id: 'x', name: 'Hand made', protocol: 'sftp', host: 'h.example', port: 22 }] });
    expect(importFerrySites(text).tree[0]).toMatchObject({ name: 'Hand made', logonType: 'normal', secret: 'none', charset: 'auto', bookmarks: [] });
  });
});
