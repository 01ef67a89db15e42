import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findCommand, run } from '../testing/run.js';
import { findKnownHostKeys, knownHostName, knownHostsLine, matchHostPatterns, matchWildcard } from './known-hosts.js';

/** A syntactically valid ssh-ed25519 blob (type string + 32-byte key). */
function fakeEd25519(fill: number): Buffer {
  const type = Buffer.from('ssh-ed25519');
  const head = Buffer.alloc(4);
  head.writeUInt32BE(type.length);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(32);
  return Buffer.concat([head, type, len, Buffer.alloc(32, fill)]);
}

const KEY_A = fakeEd25519(1);
const KEY_B = fakeEd25519(2);
const A64 = KEY_A.toString('base64');
const B64 = KEY_B.toString('base64');

describe('matching', () => {
  it('globs like OpenSSH match_pattern', () => {
    expect(matchWildcard('host.example.com', '*.example.com')).toBe(true);
    expect(matchWildcard('example.com', '*.example.com')).toBe(false);
    expect(matchWildcard('web1', 'web?')).toBe(true);
    expect(matchWildcard('web10', 'web?')).toBe(false);
    expect(matchWildcard('anything', '*')).toBe(true);
    expect(matchWildcard('', '*')).toBe(true);
    expect(matchWildcard('a'.repeat(60), `${'*a'.repeat(30)}b`)).toBe(false); // no exponential blow-up
  });

  it('lets a negated pattern veto the line', () => {
    expect(matchHostPatterns('a.example.com', '*.example.com,!b.example.com')).toBe(true);
    expect(matchHostPatterns('b.example.com', '*.example.com,!b.example.com')).toBe(false);
    expect(matchHostPatterns('b.example.com', '!b.example.com')).toBe(false);
    expect(matchHostPatterns('Host.Example.COM'.toLowerCase(), 'HOST.example.com')).toBe(true);
  });

  it('names non-22 ports as [host]:port', () => {
    expect(knownHostName('Example.com', 22)).toBe('example.com');
    expect(knownHostName('example.com', 2222)).toBe('[example.com]:2222');
    expect(knownHostName('::1', 2222)).toBe('[::1]:2222');
  });
});

describe('findKnownHostKeys', () => {
  const text = [
    '# a comment',
    '',
    `example.com,192.0.2.1 ssh-ed25519 ${A64} alice@laptop`,
    `[example.com]:2222 ssh-ed25519 ${B64}`,
    `*.wild.test,!bad.wild.test ssh-ed25519 ${A64}`,
    `web? ssh-ed25519 ${B64}`,
    `@revoked revoked.test ssh-ed25519 ${B64}`,
    `@cert-authority *.ca.test ssh-ed25519 ${A64}`,
    'garbage',
    `@unknown-marker example.com ssh-ed25519 ${A64}`,
    `example.com ssh-ed25519 !!!notbase64!!!`,
    `example.com ssh-rsa ${A64}`, // blob says ssh-ed25519: malformed
    `example.com ssh-ed25519`,
    '   \t  ',
    `|1|bm90LWEtc2FsdA==|broken hash ssh-ed25519 ${A64}`,
  ].join('\n');

  it('matches plain names and comma lists', () => {
    const found = findKnownHostKeys(text, 'example.com', 22);
    expect(found).toEqual([{ keyType: 'ssh-ed25519', key: KEY_A, marker: null, line: 3 }]);
    expect(findKnownHostKeys(text, '192.0.2.1', 22).map((k) => k.line)).toEqual([3]);
    expect(findKnownHostKeys(text, 'EXAMPLE.com', 22).map((k) => k.line)).toEqual([3]);
  });

  it('uses [host]:port for other ports and never the bare name', () => {
    expect(findKnownHostKeys(text, 'example.com', 2222)).toEqual([{ keyType: 'ssh-ed25519', key: KEY_B, marker: null, line: 4 }]);
    expect(findKnownHostKeys(text, 'example.com', 2200)).toEqual([]);
  });

  it('applies wildcards and negation', () => {
    expect(findKnownHostKeys(text, 'a.wild.test', 22).map((k) => k.line)).toEqual([5]);
    expect(findKnownHostKeys(text, 'bad.wild.test', 22)).toEqual([]);
    expect(findKnownHostKeys(text, 'web1', 22).map((k) => k.line)).toEqual([6]);
    expect(findKnownHostKeys(text, 'web12', 22)).toEqual([]);
  });

  it('reports markers', () => {
    expect(findKnownHostKeys(text, 'revoked.test', 22)).toEqual([{ keyType: 'ssh-ed25519', key: KEY_B, marker: 'revoked', line: 7 }]);
    expect(findKnownHostKeys(text, 'x.ca.test', 22)[0]?.marker).toBe('cert-authority');
  });

  it('skips garbage without throwing', () => {
    expect(() => findKnownHostKeys('\0\0\0\n|1|||\n@\n \n#\n|1|a|b|c ssh-ed25519 AAAA', 'x', 22)).not.toThrow();
    expect(findKnownHostKeys('', 'example.com', 22)).toEqual([]);
    expect(findKnownHostKeys(text.replace(/\n/g, '\r\n'), 'example.com', 22).map((k) => k.line)).toEqual([3]);
  });
});

describe.skipIf(findCommand('ssh-keygen') === null)('against OpenSSH ssh-keygen', () => {
  let dir: string;
  let keyType: string;
  let key: Buffer;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ferry-known-hosts-'));
    await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'k')]);
    const [type = '', b64 = ''] = (await readFile(join(dir, 'k.pub'), 'utf8')).trim().split(' ');
    keyType = type;
    key = Buffer.from(b64, 'base64');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('finds hosts in a file hashed by `ssh-keygen -H`', async () => {
    const file = join(dir, 'known_hosts');
    const b64 = key.toString('base64');
    await writeFile(file, `example.com ${keyType} ${b64}\n[example.com]:2222 ${keyType} ${b64}\nother.test ${keyType} ${b64}\n`);
    await run('ssh-keygen', ['-H', '-f', file]);
    const hashed = await readFile(file, 'utf8');
    expect(hashed).not.toContain('example.com');
    expect(hashed.split('\n').filter((l) => l.startsWith('|1|'))).toHaveLength(3);

    expect(findKnownHostKeys(hashed, 'example.com', 22)).toEqual([{ keyType, key, marker: null, line: 1 }]);
    expect(findKnownHostKeys(hashed, 'example.com', 2222).map((k) => k.line)).toEqual([2]);
    expect(findKnownHostKeys(hashed, 'example.com', 2200)).toEqual([]);
    expect(findKnownHostKeys(hashed, 'nowhere.test', 22)).toEqual([]);
  });

  it('writes lines (plain and hashed) that ssh-keygen -F finds', async () => {
    const file = join(dir, 'ours');
    const lines = [knownHostsLine('Plain.Example', 22, keyType, key), knownHostsLine('hashed.example', 2222, keyType, key, { hashed: true })];
    expect(lines[0]).toBe(`plain.example ${keyType} ${key.toString('base64')}`);
    expect(lines[1]).toMatch(/^\|1\|[A-Za-z0-9+/=]{28}\|[A-Za-z0-9+/=]{28} ssh-ed25519 /);
    await writeFile(file, `${lines.join('\n')}\n`);
    const plain = await run('ssh-keygen', ['-F', 'plain.example', '-f', file], { allowFailure: true });
    expect(plain.code).toBe(0);
    const hashed = await run('ssh-keygen', ['-F', '[hashed.example]:2222', '-f', file], { allowFailure: true });
    expect(hashed.code).toBe(0);
    expect(hashed.stdout).toContain('found: line 2');
    expect(findKnownHostKeys(`${lines.join('\n')}\n`, 'hashed.example', 2222).map((k) => k.line)).toEqual([2]);
  });
});
