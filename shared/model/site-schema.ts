/**
 * Validators for the Site Manager model, shared by everything that takes a
 * site from outside: `sites.json` on load, Ferry's JSON export on import, and
 * (later) the IPC methods that save a site sent by the untrusted renderer.
 *
 * Settings missing from an object get their defaults (a hand-written export,
 * or a file from before a setting existed), but a value of the wrong type or
 * out of range is refused. Strings that reach a server inside a command
 * (user, folders) refuse CR, LF and NUL, as in `ipc/schemas.ts`. Unknown keys
 * are dropped — in particular any `password` someone put in a file.
 */
import { z } from 'zod';
import { CHARSETS, LOGON_TYPES, PROTOCOLS } from './session.js';
import { SECRET_MODES, SITE_COLORS, SITE_TRANSFER_MODES, type Bookmark, type RecentServer, type Site, type SiteFolder, type SiteNode } from './site.js';

/** Deeper nesting than this is refused: nobody files sites 32 folders deep, and recursion stays bounded. */
export const MAX_TREE_DEPTH = 32;

const NO_CONTROL = /^[^\r\n\0]*$/;
const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'is not a valid id');
const name = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(255)
  .regex(/^[^\0-\x1f\x7f]*$/, 'must not contain control characters');
const commandSafe = (max: number) => z.string().max(max).regex(NO_CONTROL, 'must not contain CR, LF or NUL');
const folderPath = z.string().min(1).max(4096).regex(NO_CONTROL, 'must not contain CR, LF or NUL');
const host = z
  .string()
  .min(1, 'is required')
  .max(255)
  .regex(/^[A-Za-z0-9._:%-]+$/, 'is not a valid host name or address');
const port = z.number().int().min(1).max(65535);

export const bookmarkSchema = z.object({
  id,
  name,
  remoteDir: folderPath,
  localDir: folderPath.nullable().default(null),
}) satisfies z.ZodType<Bookmark, unknown>;

export const siteSchema = z.object({
  kind: z.literal('site'),
  id,
  name,
  protocol: z.enum(PROTOCOLS),
  host,
  port,
  logonType: z.enum(LOGON_TYPES).default('normal'),
  user: commandSafe(256).default(''),
  secret: z.enum(SECRET_MODES).default('none'),
  keyFile: folderPath.nullable().default(null),
  keyPassphrase: z.enum(SECRET_MODES).default('none'),
  transferMode: z.enum(SITE_TRANSFER_MODES).default('default'),
  charset: z.enum(CHARSETS).default('auto'),
  remoteDir: folderPath.nullable().default(null),
  localDir: folderPath.nullable().default(null),
  maxConnections: z.number().int().min(1).max(10).nullable().default(null),
  tempNameUploads: z.boolean().default(false),
  maxTlsVersion: z.enum(['TLSv1.2', 'TLSv1.3']).nullable().default(null),
  timeoutSeconds: z.number().int().min(1).max(600).nullable().default(null),
  comments: z.string().max(10_000).default(''),
  color: z.enum(SITE_COLORS).nullable().default(null),
  bookmarks: z.array(bookmarkSchema).max(1000).default([]),
}) satisfies z.ZodType<Site, unknown>;

/** A folder; its children are checked through `siteNodeSchema` (declared with its type, which breaks the cycle). */
export const folderSchema = z.object({
  kind: z.literal('folder'),
  id,
  name,
  children: z.array(z.lazy(() => siteNodeSchema)).max(10_000),
}) satisfies z.ZodType<SiteFolder, unknown>;

export const siteNodeSchema: z.ZodType<SiteNode, unknown> = z.discriminatedUnion('kind', [siteSchema, folderSchema]);

export const recentServerSchema = z.object({
  protocol: z.enum(PROTOCOLS),
  host,
  port,
  user: commandSafe(256),
  logonType: z.enum(LOGON_TYPES),
  lastUsed: z.number().int().min(0),
}) satisfies z.ZodType<RecentServer, unknown>;

/** Walks a parsed tree once: refuses nesting beyond `MAX_TREE_DEPTH` and ids used twice. */
function checkTree(nodes: readonly SiteNode[], context: z.RefinementCtx, seen = new Set<string>(), depth = 1): void {
  if (depth > MAX_TREE_DEPTH) {
    context.addIssue({ code: 'custom', message: `folders are nested deeper than ${MAX_TREE_DEPTH} levels` });
    return;
  }
  for (const node of nodes) {
    const ids = node.kind === 'site' ? [node.id, ...node.bookmarks.map((b) => b.id)] : [node.id];
    for (const each of ids) {
      if (seen.has(each)) context.addIssue({ code: 'custom', message: `id ${each} is used twice` });
      seen.add(each);
    }
    if (node.kind === 'folder') checkTree(node.children, context, seen, depth + 1);
  }
}

/** A whole tree: the nodes, plus the depth and unique-id rules. */
export const siteTreeSchema = z.array(siteNodeSchema).max(10_000).superRefine((nodes, context) => checkTree(nodes, context));

/** Formats a zod error as one line for a user-facing message: `tree.0.host: is not a valid host name`. */
export function describeIssues(error: z.ZodError, max = 3): string {
  const lines = error.issues.slice(0, max).map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message));
  const more = error.issues.length > max ? ` (and ${error.issues.length - max} more)` : '';
  return `${lines.join('; ')}${more}`;
}
