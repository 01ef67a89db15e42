/**
 * The "target exists" step shared by uploads and downloads: get a choice
 * from the gate (building the question, with a free name for "rename", only
 * if the user is asked) and turn it into a decision by FileZilla's rules.
 */
import type { ConflictSide } from '../../../shared/model/transfer.js';
import { decideConflict, suggestFreeName, type ConflictDecision } from './conflict.js';
import type { RunContext } from './run-context.js';

export interface ConflictInput {
  readonly source: ConflictSide;
  readonly target: ConflictSide;
  /** The target's name (last path segment). */
  readonly name: string;
  /** Names already present in the target's folder (read only when needed). */
  readonly siblings: () => Promise<ReadonlySet<string>>;
}

export async function resolveConflict(ctx: RunContext, input: ConflictInput): Promise<ConflictDecision> {
  let names: Promise<ReadonlySet<string>> | null = null;
  const freeName = async (): Promise<string> => {
    const taken = await (names ??= input.siblings());
    return suggestFreeName(input.name, (candidate) => taken.has(candidate));
  };
  const choice = await ctx.chooseConflict(async () => ({
    jobId: ctx.job.id,
    direction: ctx.job.direction,
    source: input.source,
    target: input.target,
    suggestedName: await freeName(),
  }));
  let renameTo = '';
  if (choice.action === 'rename') {
    const taken = await (names ??= input.siblings());
    renameTo = choice.newName !== undefined && !taken.has(choice.newName) ? choice.newName : await freeName();
  }
  return decideConflict(choice.action, input.source, input.target, renameTo);
}
