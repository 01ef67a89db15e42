/**
 * Asks the user something in the middle of an engine operation and waits for
 * the answer: main pushes `prompt.request`, any connected renderer answers
 * with `prompt.answer`. A prompt nobody answers is cancelled after a while so
 * a connection attempt never hangs forever.
 */
import { randomUUID } from 'node:crypto';
import type { PromptAnswer, PromptRequest } from '../../shared/model/prompt.js';
import type { EventBus } from '../ipc/event-bus.js';

/** A prompt request before main gives it an id. */
export type PromptQuestion = PromptRequest extends infer R ? (R extends PromptRequest ? Omit<R, 'promptId'> : never) : never;

export interface PromptService {
  ask(question: PromptQuestion): Promise<PromptAnswer>;
  /** Delivers an answer; false when the prompt is unknown or already answered. */
  answer(promptId: string, answer: PromptAnswer): boolean;
  /** Prompts still waiting, for a renderer that reloads. */
  pending(): readonly PromptRequest[];
}

const DEFAULT_TIMEOUT_MS = 10 * 60 * 1000;

export function createPromptService(bus: EventBus, timeoutMs = DEFAULT_TIMEOUT_MS): PromptService {
  const waiting = new Map<string, { request: PromptRequest; resolve: (answer: PromptAnswer) => void; timer: ReturnType<typeof setTimeout> }>();
  return {
    ask(question) {
      const promptId = randomUUID();
      const request = { ...question, promptId } as PromptRequest;
      return new Promise<PromptAnswer>((resolve) => {
        const timer = setTimeout(() => {
          waiting.delete(promptId);
          bus.emit('prompt.closed', { promptId });
          resolve({ kind: 'cancel' });
        }, timeoutMs);
        timer.unref?.();
        waiting.set(promptId, { request, resolve, timer });
        bus.emit('prompt.request', request);
      });
    },
    answer(promptId, answer) {
      const entry = waiting.get(promptId);
      if (!entry) return false;
      waiting.delete(promptId);
      clearTimeout(entry.timer);
      bus.emit('prompt.closed', { promptId });
      entry.resolve(answer);
      return true;
    },
    pending: () => [...waiting.values()].map((entry) => entry.request),
  };
}
