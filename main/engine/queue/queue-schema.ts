/**
 * Validation of `queue.json`. The file is ours, but it survives crashes,
 * upgrades and hand edits: anything that does not match is treated as
 * corrupt (moved aside by json-file.ts) rather than half-trusted.
 */
import { z } from 'zod';
import { ERROR_CODES } from '../../../shared/errors.js';
import {
  ASCII_EXTENSION_PATTERN,
  CHECKSUM_ALGORITHMS,
  CONFLICT_ACTIONS,
  DEFAULT_ASCII_EXTENSIONS,
  MAX_ASCII_EXTENSIONS,
  MAX_CONCURRENCY,
  MAX_RETRIES,
  MIN_CONCURRENCY,
  TRANSFER_TYPES,
  type QueueSettings,
  type TransferJob,
} from '../../../shared/model/transfer.js';

const count = z.number().int().min(0);
const bytes = z.number().int().min(0).nullable();
const conflictAction = z.enum(CONFLICT_ACTIONS);

const state = z.discriminatedUnion('status', [
  z.object({ status: z.literal('queued'), retryAt: z.number().optional(), lastError: z.string().optional() }),
  z.object({ status: z.literal('running'), phase: z.enum(['connecting', 'checking', 'transferring', 'verifying']), speed: z.number(), eta: z.number().nullable() }),
  z.object({ status: z.literal('paused') }),
  z.object({ status: z.literal('done'), verified: z.enum(['size', 'checksum', 'exists']), algorithm: z.enum(CHECKSUM_ALGORITHMS).optional() }),
  z.object({ status: z.literal('skipped'), reason: z.string() }),
  z.object({ status: z.literal('failed'), code: z.enum(ERROR_CODES), message: z.string(), attempts: count }),
  z.object({ status: z.literal('cancelled') }),
]);

export const jobSchema = z.object({
  id: z.string().min(1).max(100),
  kind: z.enum(['file', 'folder']),
  direction: z.enum(['upload', 'download']),
  siteKey: z.string().min(1).max(500),
  localPath: z.string().min(1).max(4096),
  remotePath: z.string().min(1).max(4096),
  size: bytes,
  modified: z.number().nullable(),
  transferred: count,
  state,
  order: z.number().int(),
  conflictAction: conflictAction.nullable(),
  attempts: count,
  interrupted: z.boolean().default(false),
  // absent in queue.json files written before ASCII transfers existed
  ascii: z.boolean().default(false),
}) satisfies z.ZodType<TransferJob, unknown>;

export const settingsSchema = z.object({
  concurrency: z.number().int().min(MIN_CONCURRENCY).max(MAX_CONCURRENCY),
  perSiteLimit: z.number().int().min(MIN_CONCURRENCY).max(MAX_CONCURRENCY),
  retries: z.number().int().min(0).max(MAX_RETRIES),
  downloadLimit: z.number().int().positive().nullable(),
  uploadLimit: z.number().int().positive().nullable(),
  tempNames: z.boolean(),
  verifyChecksums: z.boolean(),
  preserveTimes: z.boolean(),
  defaultConflictAction: z.union([conflictAction, z.literal('ask')]),
  // both absent in queue.json files written before ASCII transfers existed
  transferType: z.enum(TRANSFER_TYPES).default('binary'),
  asciiExtensions: z
    .array(z.string().regex(ASCII_EXTENSION_PATTERN))
    .max(MAX_ASCII_EXTENSIONS)
    .readonly()
    .default(() => [...DEFAULT_ASCII_EXTENSIONS]),
  sites: z.record(
    z.string(),
    z.object({ maxConnections: z.number().int().min(1).max(MAX_CONCURRENCY).nullable().optional(), tempNames: z.boolean().optional() }),
  ),
}) satisfies z.ZodType<QueueSettings, unknown>;

export const storedQueueSchema = z.object({
  version: z.literal(1),
  active: z.boolean(),
  /** Set while the queue runs; a file found with it set was not closed cleanly (see `reviveJobs`). */
  running: z.boolean().default(false),
  settings: settingsSchema,
  applyToAll: z.object({ upload: conflictAction.optional(), download: conflictAction.optional() }).default({}),
  jobs: z.array(jobSchema),
});

export type StoredQueue = z.infer<typeof storedQueueSchema>;
