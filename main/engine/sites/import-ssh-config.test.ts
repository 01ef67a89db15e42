import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Site } from '../../../shared/model/site.js';
import { hostMatches, importSshConfig, tokenizeLine } from './import-ssh-config.js';

const home = '/home/dev';
const config = readFileSync(new URL('./fixtures/ssh-config', import.meta.url), 'utf8');
const pick = (site: Site) => ({ name: site.name, host: site.host, port: site.port, user: site.user, logonType: site.logonType, keyFile: site.keyFile });

describe('ssh config lines and patterns', () => {
  it('accepts "key value", "key=value", any case and quoted arguments', () => {
    expect(tokenizeLine('  HostName example.com')).toEqual({ keyword: 'hostname', args: ['example.com'] });
    expect(tokenizeLine('Port=2222')).toEqual({ keyword: 'port', args: ['2222'] });
    expect(tokenizeLine('USER = bob')).toEqual({ keyword: 'user', args: ['bob'] });
    expect(tokenizeLine('IdentityFile "~/my keys/id"')).toEqual({ keyword: 'identityfile', args: ['~/my keys/id'] });
    expect(tokenizeLine('Host a b\tc')).toEqual({ keyword: 'host', args: ['a', 'b', 'c'] });
    expect(tokenizeLine('   # comment')).toBeNull();
    expect(tokenizeLine('')).toBeNull();
  });

  it('matches wildcards case-insensitively and lets a negation veto', () => {
    expect(hostMatches(['*.example.com'], 'WWW.example.com')).toBe(true);
    expect(hostMatches(['?ackup'], 'backup')).toBe(true);
    expect(hostMatches(['*.example.com', '!db.example.com'], 'db.example.com')).toBe(false);
    expect(hostMatches(['a.example.com'], 'a-example.com')).toBe(false);
    expect(hostMatches(['!x'], 'y')).toBe(false);
  });
});

describe('ssh config import', () => {
  const result = importSshConfig(config, { home, localUser: 'dev', newId: (() => { let n = 0; return () => `s${++n}`; })() });

  it('makes an SFTP site per named host, with the values ssh would use', () => {
    expect(result.tree.map((node) => pick(node as Site))).toEqual([
      { name: 'web1', host: 'web1.prod.example.com', port: 2222, user: 'deploy', logonType: 'key', keyFile: join(home, '.ssh/id_ed25519_prod') },
      { name: 'web2', host: 'web2.prod.example.com', port: 22, user: 'deploy', logonType: 'key', keyFile: join(home, '.ssh/id_ed25519_prod') },
      { name: 'db-primary', host: '10.0.4.12', port: 2202, user: 'dba', logonType: 'key', keyFile: join(home, '.ssh/keys/db key (2024)') },
      { name: 'bastion', host: 'bastion.example.com', port: 22, user: 'jump', logonType: 'key', keyFile: '/home/dev/.ssh/bastion_jump@bastion.example.com' },
      { name: 'serveur-été', host: 'xn--bcher-kva.example', port: 22, user: 'fallback', logonType: 'ask', keyFile: null },
      { name: 'git', host: 'github.com', port: 22, user: 'git', logonType: 'key', keyFile: join(home, '.ssh/id_github') },
      { name: 'nas', host: '192.168.1.20', port: 22, user: 'fallback', logonType: 'key', keyFile: join(home, '.ssh/id_default') },
    ]);
    expect(result.tree.every((node) => node.kind === 'site' && node.protocol === 'sftp')).toBe(true);
    expect(result.report.imported).toBe(7);
    expect(result.secrets.size).toBe(0);
  });

  it('reports wildcards, negations, Match blocks and Include as skipped, with reasons', () => {
    expect(result.report.skipped.map((s) => s.name)).toEqual([
      'Include ~/.ssh/config.d/*',
      'Match host *.example.org exec test -f ~/.vpn',
      '*.internal.example',
      '!legacy.internal.example',
      '?ackup',
      '*',
    ]);
    for (const skipped of result.report.skipped) expect(skipped.reason.length).toBeGreaterThan(10);
  });

  it('uses the agent for key-less hosts when one runs, and handles CRLF files and bad ports', () => {
    const text = 'Host one\r\n  HostName one.example\r\n  Port 70000\r\nHost two three\r\n  User x\r\n';
    const imported = importSshConfig(text, { home, agentAvailable: true });
    expect(imported.tree.map((n) => pick(n as Site))).toEqual([
      { name: 'one', host: 'one.example', port: 22, user: '', logonType: 'agent', keyFile: null },
      { name: 'two', host: 'two', port: 22, user: 'x', logonType: 'agent', keyFile: null },
      { name: 'three', host: 'three', port: 22, user: 'x', logonType: 'agent', keyFile: null },
    ]);
    expect(imported.report.warnings).toEqual([{ name: 'one', message: 'its Port "70000" is not valid; 22 is used' }]);
  });

  it('skips hosts whose name cannot be a host, and reports unknown tokens', () => {
    const imported = importSshConfig('Host bad\n  HostName "not a host"\nHost tok\n  IdentityFile ~/.ssh/%C\n', { home });
    expect(imported.report.skipped).toEqual([{ name: 'bad', reason: 'its HostName "not a host" is not a valid host name' }]);
    expect(imported.report.warnings).toEqual([{ name: 'tok', message: '"%C" in its IdentityFile was left as is' }]);
    expect(importSshConfig('', { home }).tree).toEqual([]);
  });
});
