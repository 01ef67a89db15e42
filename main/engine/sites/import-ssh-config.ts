/**
 * Imports the hosts of an OpenSSH client config (`~/.ssh/config`) as SFTP
 * sites, reading it the way ssh_config(5) says `ssh` does, so a site
 * connects where `ssh <alias>` would:
 *
 * - Keywords are case-insensitive; `Keyword value`, `Keyword=value` and
 *   double-quoted arguments are accepted; `#` starts a comment line.
 * - For each parameter the *first* value found wins, scanning every `Host`
 *   block that matches the alias in file order — so `Host *` defaults at the
 *   end fill in what the specific block left out, and settings before the
 *   first `Host` apply to all.
 * - Each concrete name on a `Host` line becomes a site; wildcard (`*`, `?`)
 *   and negated (`!name`) patterns describe many hosts and are reported as
 *   skipped. `Match` blocks need runtime facts (exec, user, network) and are
 *   skipped with their settings; `Include` is not followed.
 * - `IdentityFile` gets `~` and the tokens %d %u %h %r %n %p %% expanded.
 */
import { join } from 'node:path';
import { makeSite, type ImportReport, type SiteNode } from '../../../shared/model/site.js';
import { siteSchema, describeIssues } from '../../../shared/model/site-schema.js';
import { randomId, type NewId } from '../../../shared/model/site-tree.js';
import { normalizeHost, type SitesImport } from './import-filezilla.js';

export interface SshConfigOptions {
  /** The user's home folder, for `~` and `%d`. */
  readonly home: string;
  /** The local user name, for `%u`. */
  readonly localUser?: string;
  /** Hosts without an IdentityFile log in with the SSH agent when one runs, else by asking for a password. */
  readonly agentAvailable?: boolean;
  readonly newId?: NewId;
}

interface Block {
  readonly patterns: readonly string[];
  readonly options: readonly (readonly [keyword: string, args: readonly string[]])[];
}

/** Splits a line into keyword and arguments; null for blank and comment lines. */
export function tokenizeLine(line: string): { keyword: string; args: string[] } | null {
  const text = line.trim();
  if (text === '' || text.startsWith('#')) return null;
  const match = /^([^\s=]+)\s*(?:=\s*)?(.*)$/.exec(text);
  if (!match) return null;
  const args: string[] = [];
  const argument = /"([^"]*)"|(\S+)/g;
  for (let found = argument.exec(match[2] ?? ''); found; found = argument.exec(match[2] ?? '')) args.push(found[1] ?? found[2] ?? '');
  return { keyword: (match[1] ?? '').toLowerCase(), args };
}

function wildcardToRegExp(pattern: string): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'i');
}

/** ssh_config(5) pattern lists: a negated match vetoes the block; otherwise any positive match applies it. */
export function hostMatches(patterns: readonly string[], host: string): boolean {
  let matched = false;
  for (const pattern of patterns) {
    const negated = pattern.startsWith('!');
    if (wildcardToRegExp(negated ? pattern.slice(1) : pattern).test(host)) {
      if (negated) return false;
      matched = true;
    }
  }
  return matched;
}

const isWildcard = (pattern: string) => /[*?]/.test(pattern);

export function importSshConfig(text: string, options: SshConfigOptions): SitesImport {
  const newId = options.newId ?? randomId;
  const skipped: { name: string; reason: string }[] = [];
  const warnings: { name: string; message: string }[] = [];
  const blocks: Block[] = [];
  let current: { patterns: string[]; options: [string, string[]][] } | null = { patterns: ['*'], options: [] };
  blocks.push(current);

  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((line, index) => {
      const token = tokenizeLine(line);
      if (!token) return;
      if (token.keyword === 'host') {
        current = { patterns: token.args, options: [] };
        blocks.push(current);
      } else if (token.keyword === 'match') {
        current = null;
        skipped.push({ name: `Match ${token.args.join(' ')}`, reason: 'Match blocks depend on conditions only ssh can evaluate; their settings were ignored' });
      } else if (token.keyword === 'include') {
        skipped.push({ name: `Include ${token.args.join(' ')}`, reason: 'Included files are not read; import them separately' });
      } else if (token.args.length === 0) {
        warnings.push({ name: `line ${index + 1}`, message: `"${token.keyword}" has no value and was ignored` });
      } else {
        current?.options.push([token.keyword, token.args]);
      }
    });

  const effective = (alias: string): Map<string, readonly string[]> => {
    const values = new Map<string, readonly string[]>();
    for (const block of blocks) {
      if (!hostMatches(block.patterns, alias)) continue;
      for (const [keyword, args] of block.options) if (!values.has(keyword) && args.length > 0) values.set(keyword, args);
    }
    return values;
  };

  const tree: SiteNode[] = [];
  const seen = new Set<string>();
  for (const block of blocks.slice(1)) {
    for (const pattern of block.patterns) {
      if (pattern.startsWith('!')) {
        skipped.push({ name: pattern, reason: 'a negated pattern excludes hosts rather than naming one' });
        continue;
      }
      if (isWildcard(pattern)) {
        skipped.push({ name: pattern, reason: 'a wildcard pattern stands for many hosts; its settings were applied to the named hosts it matches' });
        continue;
      }
      if (seen.has(pattern.toLowerCase())) continue;
      seen.add(pattern.toLowerCase());
      const values = effective(pattern);
      const warn = (message: string) => warnings.push({ name: pattern, message });
      const first = (keyword: string): string | undefined => values.get(keyword)?.[0];

      const hostName = (first('hostname') ?? pattern).replace(/%%|%h/g, (token) => (token === '%%' ? '%' : pattern));
      const host = normalizeHost(hostName);
      if (host === null) {
        skipped.push({ name: pattern, reason: `its HostName "${hostName}" is not a valid host name` });
        continue;
      }
      const portText = first('port');
      let port = portText === undefined ? 22 : Number(portText);
      if (!Number.isInteger(port) || port < 1 || port > 65535) {
        warn(`its Port "${portText ?? ''}" is not valid; 22 is used`);
        port = 22;
      }
      const user = first('user') ?? '';
      const identity = first('identityfile');
      const keyFile = identity === undefined || identity.toLowerCase() === 'none' ? null : expandPath(identity, { ...options, host, user, alias: pattern, port }, warn);

      const site = makeSite(newId(), pattern, {
        protocol: 'sftp',
        host,
        port,
        user,
        logonType: keyFile ? 'key' : options.agentAvailable ? 'agent' : 'ask',
        secret: keyFile || options.agentAvailable ? 'none' : 'ask',
        keyFile,
      });
      const checked = siteSchema.safeParse(site);
      if (!checked.success) {
        skipped.push({ name: pattern, reason: `it has a setting Ferry cannot use (${describeIssues(checked.error, 1)})` });
        continue;
      }
      tree.push(checked.data);
    }
  }
  const report: ImportReport = { imported: tree.length, skipped, warnings };
  return { tree, secrets: new Map(), report };
}

interface Expansion extends SshConfigOptions {
  readonly host: string;
  readonly user: string;
  readonly alias: string;
  readonly port: number;
}

/** `~/` and the %-tokens ssh_config(5) allows in IdentityFile; unknown tokens are kept and reported. */
function expandPath(raw: string, context: Expansion, warn: (message: string) => void): string {
  const tokens: Readonly<Record<string, string | undefined>> = { '%': '%', d: context.home, u: context.localUser, h: context.host, r: context.user, n: context.alias, p: String(context.port) };
  let path = raw.replace(/%(.)/g, (whole, token: string) => {
    const value = tokens[token];
    if (value === undefined) warn(`"${whole}" in its IdentityFile was left as is`);
    return value ?? whole;
  });
  if (path === '~' || path.startsWith('~/')) path = join(context.home, path.slice(1));
  else if (path.startsWith('~')) warn('"~user" in its IdentityFile was left as is');
  if (path.includes('${')) warn('environment variables in its IdentityFile were left as is');
  return path;
}
