/**
 * Long file operations (recursive delete/chmod, search) run under an id the
 * renderer chose, so `fs.cancel` can stop one while its call is still pending.
 * Cancelling is an `AbortSignal`; the operation ends as cancelled, not failed.
 */
import { FerryError } from '../../shared/errors.js';

export interface Operations {
  /** Registers `operationId` and runs `work` with its signal; the id is free again afterwards. */
  run<T>(operationId: string, work: (signal: AbortSignal) => Promise<T>): Promise<T>;
  /** Aborts a running operation; false when none runs under that id. */
  cancel(operationId: string): boolean;
  /** Aborts everything (shutdown). */
  cancelAll(): void;
}

export function createOperations(): Operations {
  const running = new Map<string, AbortController>();
  return {
    async run(operationId, work) {
      if (running.has(operationId)) throw new FerryError('INVALID_PARAMS', `An operation with id ${operationId} is already running.`);
      const controller = new AbortController();
      running.set(operationId, controller);
      try {
        return await work(controller.signal);
      } finally {
        running.delete(operationId);
      }
    },
    cancel(operationId) {
      const controller = running.get(operationId);
      if (!controller) return false;
      controller.abort();
      return true;
    },
    cancelAll() {
      for (const controller of running.values()) controller.abort();
    },
  };
}
