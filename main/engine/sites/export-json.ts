/**
 * Ferry's own site export: `{ format: 'ferry-sites', version: 1, exportedAt,
 * tree }`, for backups and moving sites to another machine.
 *
 * Secrets are never exported — the model has no field for them, the tree is
 * re-validated (which drops unknown keys) on the way out, and a site whose
 * password was `stored` is written as `ask`: on the other machine there is
 * no stored secret to find. Importing gives every node and bookmark a fresh
 * id, so importing the same file twice, or into the machine it came from,
 * never collides with existing sites.
 */
import { FerryError } from '../../../shared/errors.js';
import type { Site, SiteNode } from '../../../shared/model/site.js';
import { describeIssues, siteTreeSchema } from '../../../shared/model/site-schema.js';
import { allSites, randomId, withFreshIds, type NewId } from '../../../shared/model/site-tree.js';
import type { SitesImport } from './import-filezilla.js';

export const EXPORT_FORMAT = 'ferry-sites';
export const EXPORT_VERSION = 1;
const MAX_EXPORT_LENGTH = 32 * 1024 * 1024;

/** A site as it may leave the machine: where a secret was stored, the importer will have to ask. */
function withoutStoredSecrets(node: SiteNode): SiteNode {
  if (node.kind === 'folder') return { ...node, children: node.children.map(withoutStoredSecrets) };
  const site: Site = node;
  return {
    ...site,
    secret: site.secret === 'stored' ? 'ask' : site.secret,
    keyPassphrase: site.keyPassphrase === 'stored' ? 'ask' : site.keyPassphrase,
  };
}

/** The export file's text (pretty JSON, UTF-8 when written). */
export function exportSites(tree: readonly SiteNode[], now: Date = new Date()): string {
  const clean = siteTreeSchema.parse(tree.map(withoutStoredSecrets));
  return `${JSON.stringify({ format: EXPORT_FORMAT, version: EXPORT_VERSION, exportedAt: now.toISOString(), tree: clean }, null, 2)}\n`;
}

/**
 * Reads an export. Throws INVALID_PARAMS for anything that is not a valid
 * export (with the first problems found), UNSUPPORTED for one from a newer
 * Ferry.
 */
export function importFerrySites(text: string, options: { readonly newId?: NewId } = {}): SitesImport {
  const notExport = (why: string) => new FerryError('INVALID_PARAMS', `This file is not a Ferry sites export: ${why}.`);
  if (text.length > MAX_EXPORT_LENGTH) throw notExport('it is too large');
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw notExport(`it is not valid JSON (${(error as Error).message})`);
  }
  const doc = raw as { format?: unknown; version?: unknown; tree?: unknown } | null;
  if (!doc || typeof doc !== 'object' || Array.isArray(doc) || doc.format !== EXPORT_FORMAT) throw notExport(`it has no "format": "${EXPORT_FORMAT}"`);
  if (typeof doc.version === 'number' && doc.version > EXPORT_VERSION) {
    throw new FerryError('UNSUPPORTED', `This export was made by a newer version of Ferry (format ${doc.version}); update Ferry to import it.`);
  }
  if (doc.version !== EXPORT_VERSION) throw notExport(`its version ${JSON.stringify(doc.version)} is unknown`);
  let parsed;
  try {
    parsed = siteTreeSchema.safeParse(doc.tree);
  } catch (error) {
    throw notExport(`its site tree cannot be read (${(error as Error).message})`); // e.g. nesting deep enough to exhaust the stack
  }
  if (!parsed.success) throw notExport(describeIssues(parsed.error));
  const newId = options.newId ?? randomId;
  const tree = parsed.data.map((node) => withFreshIds(withoutStoredSecrets(node), newId));
  return { tree, secrets: new Map(), report: { imported: allSites(tree).length, skipped: [], warnings: [] } };
}
