import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FerryError } from '../../../shared/errors.js';
import type { Site, SiteFolder, SiteNode } from '../../../shared/model/site.js';
import { allSites, findNode } from '../../../shared/model/site-tree.js';
import { parseSafePath, safePathToPosix } from './filezilla-path.js';
import { importFileZillaSites } from './import-filezilla.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const counter = () => {
  let n = 0;
  return () => `id${++n}`;
};
const byName = (tree: readonly SiteNode[], name: string): Site => {
  const site = allSites(tree).find((s) => s.name === name);
  if (!site) throw new Error(`no site ${name}`);
  return site;
};
const outline = (tree: readonly SiteNode[]): unknown => tree.map((n) => (n.kind === 'folder' ? { [n.name]: outline(n.children) } : n.name));
const errorOf = (fn: () => unknown): FerryError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof FerryError) return error;
    throw error;
  }
  throw new Error('no error');
};

describe('FileZilla safe paths', () => {
  it('decodes length-prefixed segments, spaces included', () => {
    expect(parseSafePath('1 0 3 pub 4 test')).toEqual({ type: 'unix', prefix: null, segments: ['pub', 'test'] });
    expect(safePathToPosix('1 0 3 pub 4 test')).toBe('/pub/test');
    expect(safePathToPosix('1 0 6 my www 4 logs')).toBe('/my www/logs');
    expect(safePathToPosix('1 0')).toBe('/');
    expect(safePathToPosix('0 0 1 a')).toBe('/a');
  });

  it('counts lengths in code points (Linux, macOS) or UTF-16 units (Windows)', () => {
    expect(safePathToPosix('1 0 9 backups 📦')).toBe('/backups 📦');
    expect(safePathToPosix('1 0 10 backups 📦')).toBe('/backups 📦');
  });

  it('refuses malformed paths and non-Unix server types', () => {
    for (const bad of ['', 'x', '1', '1 0 5 pub', '1 0 3 pub4 test', '1 2', '1 0 0 ', '99 0', '1 0 2 ..', '1 0 3 a/b']) expect(safePathToPosix(bad)).toBeNull();
    expect(parseSafePath('2 5 DKA0: 5 USERS 6 SYSTEM')).toEqual({ type: 'vms', prefix: 'DKA0:', segments: ['USERS', 'SYSTEM'] });
    expect(safePathToPosix('2 5 DKA0: 5 USERS 6 SYSTEM')).toBeNull();
    expect(safePathToPosix('3 2 C: 3 web')).toBeNull();
  });
});

describe('FileZilla sitemanager.xml import (3.67, Windows)', () => {
  const result = importFileZillaSites(fixture('sitemanager-3.67-windows.xml'), { newId: counter() });

  it('keeps nested folders, unicode names and order, and skips unsupported protocols', () => {
    expect(outline(result.tree)).toEqual([
      'Main website',
      { Clients: [{ Клиенты: ['Bücher & Co (implicit)', 'ACME (explicit TLS, account)'] }, { 日本: ['日本サーバー'] }] },
      { Infrastructure: ['Bastion (interactive)', 'Legacy box (plain FTP, ask)', 'Public mirror', 'NAS (FileZilla master password)'] },
      { Cloud: [] },
      { 'Empty folder': [] },
    ]);
    expect(result.report.imported).toBe(8);
    expect(result.report.skipped).toEqual([
      { name: 'Cloud / Backups bucket', reason: 'it uses S3, which Ferry does not support' },
      { name: 'Cloud / Web server over HTTPS', reason: 'it uses HTTPS, which Ferry does not support' },
    ]);
  });

  it('maps every protocol and logon type', () => {
    const settings = (name: string) => {
      const site = byName(result.tree, name);
      return [site.protocol, site.port, site.logonType, site.user, site.secret];
    };
    expect(settings('Main website')).toEqual(['ftp', 21, 'normal', 'webmaster', 'stored']);
    expect(settings('Bücher & Co (implicit)')).toEqual(['ftps', 990, 'normal', 'bücher', 'stored']);
    expect(settings('ACME (explicit TLS, account)')).toEqual(['ftpes', 21, 'normal', 'acme-deploy', 'stored']);
    expect(settings('日本サーバー')).toEqual(['sftp', 2222, 'key', 'tanaka', 'none']);
    expect(settings('Bastion (interactive)')).toEqual(['sftp', 22, 'interactive', 'ops', 'none']);
    expect(settings('Legacy box (plain FTP, ask)')).toEqual(['ftp-plain', 21, 'ask', 'legacy', 'ask']);
    expect(settings('Public mirror')).toEqual(['ftp', 21, 'anonymous', '', 'none']);
    expect(settings('NAS (FileZilla master password)')).toEqual(['ftp', 21, 'normal', 'anna', 'ask']);
  });

  it('moves decoded base64 passwords (UTF-8 included) out of the tree into secrets', () => {
    expect(result.secrets.get(byName(result.tree, 'Main website').id)).toBe('S3cr3t!pass');
    expect(result.secrets.get(byName(result.tree, 'Bücher & Co (implicit)').id)).toBe('pässwörd€ 密码');
    expect(result.secrets.get(byName(result.tree, 'ACME (explicit TLS, account)').id)).toBe('deploy-2024');
    expect(result.secrets.size).toBe(3);
    const json = JSON.stringify(result.tree);
    for (const secret of result.secrets.values()) expect(json).not.toContain(secret);
    expect(json).not.toContain('UzNjcjN0IXBhc3M=');
  });

  it('imports host forms, folders, charset, transfer mode, colour, comments and bookmarks', () => {
    const main = byName(result.tree, 'Main website');
    expect(main).toMatchObject({
      transferMode: 'default',
      charset: 'auto',
      color: 'red',
      localDir: 'C:\\Users\\anna\\Sites\\main',
      remoteDir: '/public/html',
      comments: 'Production & staging share this account.\nAsk Jo <jo@example.com> before changing it.',
    });
    expect(main.bookmarks.map(({ name, remoteDir, localDir }) => ({ name, remoteDir, localDir }))).toEqual([
      { name: 'Logs', remoteDir: '/var/log', localDir: null },
      { name: 'Uploads', remoteDir: '/public/my www/uploads', localDir: 'C:\\Users\\anna\\Uploads' },
    ]);
    expect(byName(result.tree, 'Bücher & Co (implicit)')).toMatchObject({ host: 'ftp.xn--bcher-kva.example', charset: 'cp1251', transferMode: 'passive', maxConnections: 4, color: 'blue', remoteDir: '/Загрузки' });
    expect(byName(result.tree, 'ACME (explicit TLS, account)')).toMatchObject({ transferMode: 'active', charset: 'auto' });
    expect(byName(result.tree, '日本サーバー')).toMatchObject({ keyFile: 'C:\\Users\\anna\\.ssh\\id_ed25519', color: 'orange', remoteDir: '/home/tanaka/backups 📦' });
    expect(byName(result.tree, 'Legacy box (plain FTP, ask)').host).toBe('2001:db8::21');
    expect(byName(result.tree, 'Public mirror').remoteDir).toBe('/pub/test');
  });

  it('says what was dropped on the way', () => {
    const messages = result.report.warnings.map((w) => `${w.name}: ${w.message}`);
    expect(messages).toEqual([
      'Main website: bookmark "Only local" has no remote folder Ferry can use and was left out',
      'Clients / Клиенты / ACME (explicit TLS, account): FTP accounts (ACCT) are not supported; it logs in with user and password only',
      'Clients / Клиенты / ACME (explicit TLS, account): its server time zone offset was not imported',
      'Clients / Клиенты / ACME (explicit TLS, account): its post-login commands were not imported',
      "Infrastructure / NAS (FileZilla master password): its password is protected by FileZilla's master password and cannot be read; Ferry will ask for it",
    ]);
  });

  it('gives every node and bookmark a distinct id', () => {
    const ids: string[] = [];
    const walk = (nodes: readonly SiteNode[]): void =>
      nodes.forEach((n) => {
        ids.push(n.id);
        if (n.kind === 'folder') walk(n.children);
        else ids.push(...n.bookmarks.map((b) => b.id));
      });
    walk(result.tree);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(6 + 8 + 2); // folders, sites, bookmarks
    expect(findNode(result.tree, ids[0] ?? '')).not.toBeNull();
  });
});

describe('FileZilla sitemanager.xml import (3.24, Linux, old layout)', () => {
  const result = importFileZillaSites(fixture('sitemanager-3.24-linux-old.xml'), { newId: counter() });

  it('reads names written after the children and plaintext passwords', () => {
    expect(outline(result.tree)).toEqual(['Old "classic" host', { 'Old servers': ['Shell account', 'VMS machine'] }]);
    const classic = byName(result.tree, 'Old "classic" host');
    expect(classic).toMatchObject({ protocol: 'ftp', charset: 'latin1', remoteDir: '/', localDir: '/home/user/www', maxConnections: null, secret: 'stored' });
    expect(result.secrets.get(classic.id)).toBe('legacy&<pass>');
    expect(result.secrets.get(byName(result.tree, 'Shell account').id)).toBe('hunter2');
    expect(byName(result.tree, 'Shell account')).toMatchObject({ protocol: 'sftp', remoteDir: null, localDir: null });
  });

  it('reports bad sites and the nameless folder as skipped, with reasons', () => {
    expect(result.report.imported).toBe(3);
    expect(result.report.skipped).toEqual([
      { name: 'Old servers / Port out of range', reason: 'its port "99999" is not valid' },
      { name: 'Old servers / No host at all', reason: 'it has no host' },
      { name: '(folder without a name)', reason: 'FileZilla ignores a folder without a name, and everything in it' },
    ]);
    expect(result.report.warnings).toEqual([{ name: 'Old servers / VMS machine', message: 'its default remote folder could not be read' }]);
    expect((result.tree[1] as SiteFolder).children[1]).toMatchObject({ logonType: 'ask', secret: 'ask', user: 'SYSTEM', remoteDir: null });
  });
});

describe('FileZilla import errors', () => {
  it('refuses broken XML with the place of the problem', () => {
    const error = errorOf(() => importFileZillaSites(fixture('sitemanager-broken.xml')));
    expect(error.code).toBe('INVALID_PARAMS');
    expect(error.message).toBe('This file is not valid XML: Closing tag </Servr> does not match <Server> (line 12, column 5).');
  });

  it('tells other files apart from a site manager file', () => {
    expect(errorOf(() => importFileZillaSites('<FileZilla><Sites/></FileZilla>')).code).toBe('UNSUPPORTED');
    expect(errorOf(() => importFileZillaSites('<FileZilla3><RecentServers/></FileZilla3>')).message).toMatch(/recentservers\.xml/);
    expect(errorOf(() => importFileZillaSites('<FileZilla3><Settings/></FileZilla3>')).message).toMatch(/no <Servers> section/);
    expect(errorOf(() => importFileZillaSites('<html><body/></html>')).message).toMatch(/not a FileZilla site file \(it starts with <html>\)/);
  });

  it('skips sites FileZilla itself would refuse, or Ferry cannot hold', () => {
    const xml = `<FileZilla3><Servers>
      <Server><Host>a.example</Host><Protocol>0</Protocol><Logontype>1</Logontype><Name>No user</Name></Server>
      <Server><Host>b.example</Host><Protocol>0</Protocol><Logontype>5</Logontype><User>u</User><Name>FTP key</Name></Server>
      <Server><Host>bad host!</Host><Protocol>0</Protocol><Name>Bad host</Name></Server>
      <Server><Host>c.example</Host><Protocol>0</Protocol><Logontype>1</Logontype><User>a&#x0D;&#x0A;b</User><Name>Injected user</Name></Server>
      <Server><Host>d.example</Host><Logontype>1</Logontype><User>u</User><Pass encoding="base64">%%%</Pass><Name>Damaged password</Name></Server>
    </Servers></FileZilla3>`;
    const result = importFileZillaSites(xml);
    expect(result.report.skipped.map((s) => `${s.name}: ${s.reason}`)).toEqual([
      'No user: it has no user name',
      'FTP key: it uses a key file with FTP',
      'Bad host: its host "bad host!" is not a valid host name',
      'Injected user: it has a setting Ferry cannot use (user: must not contain CR, LF or NUL)',
    ]);
    expect(result.tree).toHaveLength(1);
    expect(result.tree[0]).toMatchObject({ name: 'Damaged password', protocol: 'ftp', port: 21, secret: 'ask' });
    expect(result.secrets.size).toBe(0);
  });
});
