/**
 * OpenSSH `known_hosts` text, read and written the way OpenSSH 9 does
 * (sshd(8) "SSH_KNOWN_HOSTS FILE FORMAT", hostfile.c, match.c), so a user's
 * existing `~/.ssh/known_hosts` is honoured and what Ferry appends is
 * readable by `ssh`. Pure: no file access; main's trust service owns the
 * files and combines these answers with Ferry's own store and the prompt.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { keyTypeOfBlob } from './host-key.js';

/** `@revoked` / `@cert-authority` at the start of a line, or none. */
export type KnownHostMarker = null | 'revoked' | 'cert-authority';

export interface KnownHostKey {
  /** Key type as written on the line, e.g. `ssh-ed25519`. */
  readonly keyType: string;
  /** The public key blob (SSH wire format), decoded from base64. */
  readonly key: Buffer;
  readonly marker: KnownHostMarker;
  /** 1-based line number, for messages such as "offending key in known_hosts:12". */
  readonly line: number;
}

const HASH_MAGIC = '|1|';
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const KEY_TYPE = /^[A-Za-z0-9][A-Za-z0-9@._+-]*$/;

/**
 * The name a host is filed under: the bare host for port 22, `[host]:port`
 * otherwise (OpenSSH `put_host_port`). Lower-cased, as OpenSSH does before
 * matching, so `Example.COM` and `example.com` are one host.
 */
export function knownHostName(host: string, port: number): string {
  const name = host.toLowerCase();
  return port === 22 ? name : `[${name}]:${port}`;
}

/**
 * Glob match with `*` (any run, also empty) and `?` (one character), as
 * OpenSSH `match_pattern`. Iterative with one backtrack point, so a hostile
 * pattern cannot make it exponential.
 */
export function matchWildcard(text: string, pattern: string): boolean {
  let t = 0;
  let p = 0;
  let starP = -1;
  let starT = 0;
  while (t < text.length) {
    const pc = pattern[p];
    if (pc === '*') {
      starP = p++;
      starT = t;
    } else if (pc !== undefined && (pc === '?' || pc === text[t])) {
      p++;
      t++;
    } else if (starP >= 0) {
      p = starP + 1;
      t = ++starT;
    } else {
      return false;
    }
  }
  while (pattern[p] === '*') p++;
  return p === pattern.length;
}

/**
 * OpenSSH `match_hostname`: a comma list of patterns, each possibly negated
 * with `!`. A matching negated pattern vetoes the whole line even when a
 * positive one also matches; otherwise any positive match wins.
 */
export function matchHostPatterns(name: string, patterns: string): boolean {
  let matched = false;
  for (const raw of patterns.split(',')) {
    const negated = raw.startsWith('!');
    const pattern = (negated ? raw.slice(1) : raw).toLowerCase();
    if (pattern === '' || !matchWildcard(name, pattern)) continue;
    if (negated) return false;
    matched = true;
  }
  return matched;
}

/** `|1|salt|hash` (OpenSSH `HashKnownHosts`): HMAC-SHA1 keyed with the salt over the host name. */
function matchHashed(name: string, field: string): boolean | null {
  const parts = field.slice(HASH_MAGIC.length).split('|');
  if (parts.length !== 2) return null;
  const [salt64, hash64] = parts as [string, string];
  if (!BASE64.test(salt64) || !BASE64.test(hash64)) return null;
  const salt = Buffer.from(salt64, 'base64');
  const hash = Buffer.from(hash64, 'base64');
  if (salt.length !== 20 || hash.length !== 20) return null;
  return createHmac('sha1', salt).update(name).digest().equals(hash);
}

interface ParsedLine {
  readonly marker: KnownHostMarker;
  readonly hosts: string;
  readonly keyType: string;
  readonly key: Buffer;
}

/** One line, or null for comments, blank lines and anything malformed. */
function parseLine(line: string): ParsedLine | null {
  const fields = line.trim().split(/[ \t]+/);
  if (fields[0] === undefined || fields[0] === '' || fields[0].startsWith('#')) return null;
  let marker: KnownHostMarker = null;
  if (fields[0].startsWith('@')) {
    if (fields[0] === '@revoked') marker = 'revoked';
    else if (fields[0] === '@cert-authority') marker = 'cert-authority';
    else return null;
    fields.shift();
  }
  const [hosts, keyType, key64] = fields;
  if (hosts === undefined || keyType === undefined || key64 === undefined) return null;
  if (!KEY_TYPE.test(keyType) || !BASE64.test(key64)) return null;
  const key = Buffer.from(key64, 'base64');
  // OpenSSH's sshkey_read refuses a blob whose embedded type differs from the named one.
  if (keyTypeOfBlob(key) !== keyType) return null;
  return { marker, hosts, keyType, key };
}

/**
 * Every key `text` lists for `host`:`port`, in file order, including
 * `@revoked` and `@cert-authority` lines (the caller decides what they mean:
 * a revoked key must be refused even if another line trusts it). Never
 * throws: comments, blank lines and malformed lines are skipped, as `ssh` does.
 */
export function findKnownHostKeys(text: string, host: string, port: number): KnownHostKey[] {
  const name = knownHostName(host, port);
  const found: KnownHostKey[] = [];
  const lines = text.split(/\r?\n/);
  for (const [index, line] of lines.entries()) {
    const parsed = parseLine(line);
    if (!parsed) continue;
    const matches = parsed.hosts.startsWith(HASH_MAGIC) ? matchHashed(name, parsed.hosts) : matchHostPatterns(name, parsed.hosts);
    if (matches) found.push({ keyType: parsed.keyType, key: parsed.key, marker: parsed.marker, line: index + 1 });
  }
  return found;
}

/**
 * A line to append to known_hosts (no trailing newline). `hashed` writes the
 * host as `|1|salt|hash`, like `ssh-keygen -H` and `HashKnownHosts yes`, so
 * the file does not reveal which hosts the user visits.
 */
export function knownHostsLine(host: string, port: number, keyType: string, key: Buffer, options: { hashed?: boolean } = {}): string {
  const name = knownHostName(host, port);
  let hosts = name;
  if (options.hashed) {
    const salt = randomBytes(20);
    hosts = `${HASH_MAGIC}${salt.toString('base64')}|${createHmac('sha1', salt).update(name).digest('base64')}`;
  }
  return `${hosts} ${keyType} ${key.toString('base64')}`;
}
