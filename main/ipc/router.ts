/**
 * The one router: every call from any renderer, over any transport, comes
 * through `handle`. It validates params against the contract's schemas (the
 * renderer is untrusted), runs the handler and always answers with an
 * envelope — a thrown error never escapes to the transport.
 */
import { FerryError } from '../../shared/errors.js';
import type { MethodName, ParamsOf, ResultOf } from '../../shared/ipc/contract.js';
import { schemas } from '../../shared/ipc/schemas.js';
import type { Envelope } from '../../shared/ipc/wire.js';
import { toFerryError } from './to-ferry-error.js';

export type Handlers = { [M in MethodName]: (params: ParamsOf<M>) => Promise<ResultOf<M>> };

export interface Router {
  handle(method: unknown, params: unknown): Promise<Envelope>;
}

function isMethod(method: unknown): method is MethodName {
  return typeof method === 'string' && Object.prototype.hasOwnProperty.call(schemas, method);
}

function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, 3)
    .map((issue) => (issue.path.length ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

export function createRouter(handlers: Handlers, onError?: (method: string, error: FerryError) => void): Router {
  return {
    async handle(method, params) {
      if (!isMethod(method)) {
        const name = typeof method === 'string' ? method.slice(0, 64) : typeof method;
        return { ok: false, error: new FerryError('UNKNOWN_METHOD', `Unknown method: ${name}`).toWire() };
      }
      const parsed = schemas[method].safeParse(params);
      if (!parsed.success) {
        return { ok: false, error: new FerryError('INVALID_PARAMS', `Invalid ${method} request: ${describeIssues(parsed.error.issues)}`).toWire() };
      }
      try {
        const handler = handlers[method] as (p: unknown) => Promise<unknown>;
        return { ok: true, value: await handler(parsed.data) };
      } catch (error) {
        const ferry = toFerryError(error);
        onError?.(method, ferry);
        return { ok: false, error: ferry.toWire() };
      }
    },
  };
}
