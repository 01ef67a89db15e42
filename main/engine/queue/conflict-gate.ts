/**
 * Which answer a job gets when its target exists. In order: the job's own
 * choice, the "apply to all" answer for its direction, the queue's default
 * action, else the user is asked — one question at a time, so twenty
 * parallel conflicts show one dialog, and an "apply to all" answer given to
 * the first settles the nineteen waiting behind it without asking.
 */
import type { ConflictAction, ConflictAnswer, ConflictDefault, ConflictQuestion, TransferDirection, TransferJob } from '../../../shared/model/transfer.js';
import { unsafeNameReason } from './paths.js';

export type AskConflict = (question: ConflictQuestion) => Promise<ConflictAnswer>;

export interface ConflictChoice {
  readonly action: ConflictAction;
  /** For `rename`: the name to use (plain file name). */
  readonly newName?: string | undefined;
}

/**
 * `promise`, or the signal's reason as soon as it aborts: a job cancelled
 * while its question is on screen ends at once instead of holding a transfer
 * slot until someone answers.
 */
function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason as unknown);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

export type ApplyToAll = Partial<Record<TransferDirection, ConflictAction>>;

export class ConflictGate {
  private chain: Promise<unknown> = Promise.resolve();

  /**
   * @param ask the user-facing question (null: nobody to ask — conflicts are skipped)
   * @param defaultAction read on each conflict, so a settings change applies at once
   * @param applyToAll remembered answers, persisted with the queue
   */
  constructor(
    private readonly ask: AskConflict | null,
    private readonly defaultAction: () => ConflictDefault,
    readonly applyToAll: ApplyToAll = {},
    private readonly onChange: () => void = () => {},
  ) {}

  /** Forgets "apply to all" (the queue emptied). */
  reset(): void {
    delete this.applyToAll.upload;
    delete this.applyToAll.download;
    this.onChange();
  }

  /** The choice for `job`; `question` is built (listing the folder for a free name) only when the user is asked. */
  async choose(job: TransferJob, question: () => Promise<ConflictQuestion>, signal?: AbortSignal): Promise<ConflictChoice> {
    const settled = this.settled(job);
    if (settled) return { action: settled };
    const turn = this.chain.then(async (): Promise<ConflictChoice> => {
      signal?.throwIfAborted();
      const now = this.settled(job); // an answer given while we waited may apply
      if (now) return { action: now };
      if (!this.ask) return { action: 'skip' };
      const answer = await this.ask(await question());
      if (answer.applyToAll) {
        this.applyToAll[job.direction] = answer.action;
        this.onChange();
      }
      const newName = answer.newName !== undefined && unsafeNameReason(answer.newName) === null ? answer.newName : undefined;
      return { action: answer.action, newName };
    });
    this.chain = turn.catch(() => undefined);
    return abortable(turn, signal);
  }

  private settled(job: TransferJob): ConflictAction | null {
    if (job.conflictAction) return job.conflictAction;
    const all = this.applyToAll[job.direction];
    if (all) return all;
    const fallback = this.defaultAction();
    return fallback === 'ask' ? null : fallback;
  }
}
