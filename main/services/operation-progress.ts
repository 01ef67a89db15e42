/**
 * Progress of one long operation as `fs.operation` events: at most one
 * progress event per `intervalMs` (≤ 5 a second by default — the renderer
 * repaints a counter, not every item), failures and hits sent as they come.
 */
import type { FsOperationEvent } from '../../shared/model/file-ops.js';

export type OperationSink = (event: FsOperationEvent) => void;

export interface OperationReporter {
  readonly failed: { path: string; reason: string }[];
  done: number;
  /** Counts one finished item; emits progress when the interval has passed. */
  step(current: string | null): void;
  fail(path: string, reason: string): void;
  /** Final progress and `finished`. */
  finish(cancelled: boolean): void;
}

export function createReporter(operationId: string, emit: OperationSink, intervalMs = 200, now: () => number = Date.now): OperationReporter {
  let last = 0;
  const reporter: OperationReporter = {
    failed: [],
    done: 0,
    step(current) {
      reporter.done++;
      const t = now();
      if (t - last >= intervalMs) {
        last = t;
        emit({ operationId, kind: 'progress', done: reporter.done, total: null, current });
      }
    },
    fail(path, reason) {
      reporter.failed.push({ path, reason });
      emit({ operationId, kind: 'item-failed', path, reason });
    },
    finish(cancelled) {
      emit({ operationId, kind: 'progress', done: reporter.done, total: reporter.done + reporter.failed.length, current: null });
      emit({ operationId, kind: 'finished', cancelled });
    },
  };
  return reporter;
}
