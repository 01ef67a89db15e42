/**
 * Validators for every method's params. The renderer is untrusted: the router
 * runs each call through these before a handler sees it, so handlers can rely
 * on the declared types. Strings that end up in protocol commands refuse CR,
 * LF and NUL here already (command injection), and everything has a length cap.
 */
import { z } from 'zod';
import { CHARSETS, LOGON_TYPES, PROTOCOLS } from '../model/session.js';

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
  'fs.list': z.object({ sessionId, path }).strict(),
  'log.history': z.object({}).strict(),
  'prompt.answer': z
    .object({
      promptId: z.string().min(1).max(64),
      answer: z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('trust'), scope: z.enum(['once', 'always']), writeKnownHosts: z.boolean().optional() }).strict(),
        z.object({ kind: z.literal('secret'), value: z.string().max(4096) }).strict(),
        z.object({ kind: z.literal('responses'), values: z.array(z.string().max(4096)).max(32) }).strict(),
        z.object({ kind: z.literal('cancel') }).strict(),
      ]),
    })
    .strict(),
  'prompt.pending': z.object({}).strict(),
  'trust.forget': z.object({ kind: z.enum(['certificate', 'host-key']), host, port }).strict(),
} as const;

export type MethodName = keyof typeof schemas;
export type ParamsOf<M extends MethodName> = z.infer<(typeof schemas)[M]>;
