/**
 * Validators for every method's params. The renderer is untrusted: the router
 * runs each call through these before a handler sees it, so handlers can rely
 * on the declared types. Strings that end up in protocol commands refuse CR,
 * LF and NUL here already (command injection), and everything has a length cap.
 */
import { z } from 'zod';
import { CHARSETS, LOGON_TYPES, PROTOCOLS } from '../model/session.js';
import { siteSchema } from '../model/site-schema.js';
import { ASCII_EXTENSION_PATTERN, CONFLICT_ACTIONS, MAX_ASCII_EXTENSIONS, MAX_CONCURRENCY, MAX_RETRIES, MIN_CONCURRENCY, TRANSFER_TYPES } from '../model/transfer.js';

const NO_CONTROL = /^[^\r\n\0]*$/;

/** A string that may be sent to a server inside a command. */
const commandSafe = (max: number) => z.string().max(max).regex(NO_CONTROL, 'must not contain CR, LF or NUL');

/** Host names and literal addresses (IPv6 without brackets). */
const host = z
  .string()
  .min(1, 'is required')
  .max(255)
  .regex(/^[A-Za-z0-9._:%-]+$/, 'is not a valid host name or address');

const sessionId = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);
const path = z.string().min(1).max(4096).regex(/^[^\0]*$/, 'must not contain NUL');
const port = z.number().int().min(1).max(65535);
const nodeId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'is not a valid id');
const nodeName = z.string().trim().min(1, 'is required').max(255).regex(/^[^\0-\x1f\x7f]*$/, 'must not contain control characters');
const jobIds = z.array(z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/)).min(1).max(100_000);
const stageId = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);
const secret = z.string().min(1).max(4096).regex(NO_CONTROL, 'must not contain CR, LF or NUL');

export const schemas = {
  'app.info': z.object({}).strict(),
  'session.connect': z
    .object({
      protocol: z.enum(PROTOCOLS),
      host,
      port,
      user: commandSafe(256),
      password: commandSafe(1024),
      logonType: z.enum(LOGON_TYPES).optional(),
      privateKeyPath: z.string().min(1).max(4096).regex(/^[^\0\r\n]*$/).optional(),
      transferMode: z.enum(['passive', 'active']),
      charset: z.enum(CHARSETS).optional(),
      maxTlsVersion: z.enum(['TLSv1.2', 'TLSv1.3']).optional(),
      activePortRange: z
        .object({ min: port, max: port })
        .strict()
        .refine((r) => r.min <= r.max, 'min must not exceed max')
        .optional(),
      activeExternalAddress: z.union([z.ipv4(), z.ipv6()]).optional(),
      serverTimezone: z
        .string()
        .max(64)
        .regex(/^[A-Za-z0-9_+\-/]+$/)
        .optional(),
      timeoutMs: z.number().int().min(1000).max(600_000).optional(),
    })
    .strict(),
  'session.disconnect': z.object({ sessionId }).strict(),
  /** `cached`: may answer from the session's listing cache (navigation); Refresh leaves it out. */
  'fs.list': z.object({ sessionId, path, cached: z.boolean().optional() }).strict(),
  'log.history': z.object({}).strict(),
  'prompt.answer': z
    .object({
      promptId: z.string().min(1).max(64),
      answer: z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('trust'), scope: z.enum(['once', 'always']), writeKnownHosts: z.boolean().optional() }).strict(),
        z.object({ kind: z.literal('secret'), value: z.string().max(4096) }).strict(),
        z.object({ kind: z.literal('responses'), values: z.array(z.string().max(4096)).max(32) }).strict(),
        z.object({ kind: z.literal('cancel') }).strict(),
        z
          .object({
            kind: z.literal('conflict'),
            answer: z.object({ action: z.enum(CONFLICT_ACTIONS), applyToAll: z.boolean(), newName: nodeName.optional() }).strict(),
          })
          .strict(),
      ]),
    })
    .strict(),
  'prompt.pending': z.object({}).strict(),
  'trust.forget': z.object({ kind: z.enum(['certificate', 'host-key']), host, port }).strict(),
  'trust.list': z.object({}).strict(),
  'sites.get': z.object({}).strict(),
  'sites.save': z
    .object({
      /** Folder to create a new site in (null = top level); ignored when the site exists. */
      parentId: nodeId.nullable(),
      site: siteSchema,
      /** A new password to store (the site's `secret` becomes `stored`), null to remove it, absent to keep it. */
      password: secret.nullable().optional(),
      passphrase: secret.nullable().optional(),
    })
    .strict(),
  'sites.createFolder': z.object({ parentId: nodeId.nullable(), name: nodeName }).strict(),
  'sites.rename': z.object({ id: nodeId, name: nodeName }).strict(),
  'sites.duplicate': z.object({ id: nodeId }).strict(),
  'sites.delete': z.object({ id: nodeId }).strict(),
  'sites.move': z.object({ id: nodeId, parentId: nodeId.nullable(), index: z.number().int().min(0).max(100_000).optional() }).strict(),
  'sites.connect': z.object({ siteId: nodeId }).strict(),
  'sites.import': z
    .object({
      format: z.enum(['filezilla', 'ssh-config', 'ferry']),
      /** The file's text; absent for `ssh-config` = read the user's ~/.ssh/config. */
      text: z.string().max(16 * 1024 * 1024).optional(),
    })
    .strict(),
  'sites.export': z.object({}).strict(),
  'queue.snapshot': z.object({}).strict(),
  'queue.add': z
    .object({
      /** The connected remote session the transfers go to/come from (main derives the site and credentials from it). */
      sessionId,
      items: z
        .array(
          z.discriminatedUnion('direction', [
            z.object({ direction: z.literal('upload'), localPath: path, remoteDir: path }).strict(),
            z.object({ direction: z.literal('download'), remotePath: path, type: z.enum(['file', 'dir']).optional(), localDir: path }).strict(),
          ]),
        )
        .min(1)
        .max(100_000),
    })
    .strict(),
  'queue.pause': z.object({ ids: jobIds.optional() }).strict(),
  'queue.resume': z.object({ ids: jobIds.optional() }).strict(),
  'queue.cancel': z.object({ ids: jobIds }).strict(),
  'queue.retry': z.object({ ids: jobIds }).strict(),
  'queue.remove': z.object({ ids: jobIds }).strict(),
  'queue.moveToTop': z.object({ ids: jobIds }).strict(),
  'queue.moveToBottom': z.object({ ids: jobIds }).strict(),
  'queue.clearDone': z.object({}).strict(),
  'queue.updateSettings': z
    .object({
      concurrency: z.number().int().min(MIN_CONCURRENCY).max(MAX_CONCURRENCY).optional(),
      perSiteLimit: z.number().int().min(1).max(MAX_CONCURRENCY).optional(),
      retries: z.number().int().min(0).max(MAX_RETRIES).optional(),
      downloadLimit: z.number().int().min(1024).nullable().optional(),
      uploadLimit: z.number().int().min(1024).nullable().optional(),
      tempNames: z.boolean().optional(),
      verifyChecksums: z.boolean().optional(),
      preserveTimes: z.boolean().optional(),
      defaultConflictAction: z.enum([...CONFLICT_ACTIONS, 'ask']).optional(),
      transferType: z.enum(TRANSFER_TYPES).optional(),
      asciiExtensions: z.array(z.string().regex(ASCII_EXTENSION_PATTERN)).max(MAX_ASCII_EXTENSIONS).optional(),
    })
    .strict(),
  /**
   * Browser host only: a file dropped from the OS arrives as bytes. `staging.begin`
   * reserves a private temp file, `staging.write` appends base64 chunks in order,
   * `staging.commit` queues the upload of everything staged under `batchId`
   * (relative paths keep dropped folders' structure).
   */
  'staging.begin': z.object({ batchId: stageId, relativePath: z.string().min(1).max(4096).regex(/^[^\0]*$/), size: z.number().int().min(0).max(2 ** 53 - 1) }).strict(),
  'staging.write': z.object({ stageId, offset: z.number().int().min(0), data: z.string().max(4 * 1024 * 1024) }).strict(),
  'staging.commit': z.object({ batchId: stageId, sessionId, remoteDir: path }).strict(),
  'staging.abort': z.object({ batchId: stageId }).strict(),
  'fs.stat': z.object({ sessionId, path }).strict(),
  'fs.mkdir': z.object({ sessionId, path }).strict(),
  'fs.createFile': z.object({ sessionId, path }).strict(),
  'fs.rename': z.object({ sessionId, from: path, to: path }).strict(),
  /**
   * Deletes files and folders (folders recursively). Runs as operation `operationId`:
   * progress comes as `fs.operation` events, `fs.cancel` stops it; one failing item
   * is reported with its path and reason and the rest continue.
   */
  'fs.delete': z.object({ sessionId, paths: z.array(path).min(1).max(100_000), operationId: stageId }).strict(),
  'fs.chmod': z
    .object({
      sessionId,
      paths: z.array(path).min(1).max(100_000),
      mode: z.number().int().min(0).max(0o7777),
      recursive: z.enum(['none', 'all', 'files', 'folders']),
      operationId: stageId,
    })
    .strict(),
  /** Recursive search from `path`: name pattern (glob or substring, case-insensitive), optional bounds; results stream as `fs.operation` events. */
  'fs.search': z
    .object({
      sessionId,
      path,
      pattern: z.string().min(1).max(255).regex(/^[^\0/]*$/),
      minSize: z.number().int().min(0).optional(),
      maxSize: z.number().int().min(0).optional(),
      modifiedAfter: z.number().int().optional(),
      modifiedBefore: z.number().int().optional(),
      operationId: stageId,
    })
    .strict(),
  'fs.cancel': z.object({ operationId: stageId }).strict(),
  /** Remote editing: download to a private temp folder, open with the OS (or the configured editor) and watch it. */
  'edit.open': z.object({ sessionId, path }).strict(),
  /** After `edit.changed`: upload the edited copy (`force` overwrites even if the remote file changed meanwhile). */
  'edit.upload': z.object({ editId: stageId, force: z.boolean() }).strict(),
  /** Replace the local copy with the server's current file. */
  'edit.reload': z.object({ editId: stageId }).strict(),
  'edit.close': z.object({ editId: stageId, neverAskAgain: z.boolean().optional() }).strict(),
  /** Opens a local file with the OS default application. */
  'local.open': z.object({ path }).strict(),
} as const;

export type MethodName = keyof typeof schemas;
/** Params are read-only on both sides: callers may pass readonly model objects (a `Site`), handlers must not mutate. */
type DeepReadonly<T> = T extends readonly (infer U)[] ? readonly DeepReadonly<U>[] : T extends object ? { readonly [K in keyof T]: DeepReadonly<T[K]> } : T;
export type ParamsOf<M extends MethodName> = DeepReadonly<z.infer<(typeof schemas)[M]>>;
