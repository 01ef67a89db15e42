/**
 * Questions main asks in the middle of connecting (trust this certificate or
 * host key? the key's passphrase? the server's login prompts?), queued so the
 * window shows one at a time. Fed by `prompt.request` / `prompt.closed`, and
 * by `prompt.pending` at start so a reloaded window shows what is still open.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { FerryApi } from '../../shared/ipc/contract.js';
import type { PromptAnswer, PromptRequest } from '../../shared/model/prompt.js';

export interface PromptState {
  /** Waiting prompts in arrival order; the first one is on screen. */
  readonly queue: readonly PromptRequest[];
  /** Why sending the last answer failed (the prompt is back on screen); null normally. */
  readonly failure: string | null;
}

export interface PromptStore extends PromptState {
  /** Listens to main and fetches the prompts already waiting. Returns a stop function. */
  start(): () => void;
  /** Answers a prompt (it leaves the queue at once); a second answer to the same prompt is ignored. */
  answer(promptId: string, answer: PromptAnswer): Promise<void>;
}

/** The prompt on screen, if any. */
export const currentPrompt = (state: PromptState): PromptRequest | null => state.queue[0] ?? null;

export function createPromptStore(api: FerryApi): StoreApi<PromptStore> {
  /** Prompts that ended (answered here, or closed by main): never shown again, even if a late `prompt.pending` lists them. */
  const finished = new Set<string>();
  /** Prompts main said are over (its `prompt.closed`): an answer that failed to send must not bring them back. */
  const closedByMain = new Set<string>();

  return createStore<PromptStore>()((set, get) => {
    const add = (request: PromptRequest): void => {
      if (finished.has(request.promptId)) return;
      if (get().queue.some((p) => p.promptId === request.promptId)) return;
      set({ queue: [...get().queue, request] });
    };

    const remove = (promptId: string): void => {
      finished.add(promptId);
      const queue = get().queue;
      if (!queue.some((p) => p.promptId === promptId)) return;
      const wasCurrent = queue[0]?.promptId === promptId;
      set({ queue: queue.filter((p) => p.promptId !== promptId), ...(wasCurrent ? { failure: null } : {}) });
    };

    return {
      queue: [],
      failure: null,

      start() {
        let stopped = false;
        const stops = [
          api.on('prompt.request', add),
          api.on('prompt.closed', ({ promptId }) => {
            closedByMain.add(promptId);
            remove(promptId);
          }),
        ];
        // Subscribed first, so nothing asked meanwhile is missed; duplicates are dropped by id.
        api.call('prompt.pending', {}).then(
          (pending) => {
            if (stopped) return;
            // Main's order (oldest first) before anything that arrived as an event meanwhile.
            const recovered = pending.filter((p) => !finished.has(p.promptId));
            const ids = new Set(recovered.map((p) => p.promptId));
            const queue = [...recovered, ...get().queue.filter((p) => !ids.has(p.promptId))];
            if (queue.length !== get().queue.length || queue.some((p, i) => p !== get().queue[i])) set({ queue });
          },
          () => undefined, // an older main without prompts: nothing to recover
        );
        return () => {
          stopped = true;
          for (const stop of stops) stop();
        };
      },

      async answer(promptId, answer) {
        const request = get().queue.find((p) => p.promptId === promptId);
        if (!request) return;
        remove(promptId);
        try {
          // (the params type wants a mutable array: copy the responses)
          await api.call('prompt.answer', { promptId, answer: answer.kind === 'responses' ? { kind: 'responses', values: [...answer.values] } : answer });
          // `accepted: false`: it was answered elsewhere or timed out; either way it is gone.
        } catch (error) {
          // Not delivered: show it again (first) so the connection does not wait in silence.
          if (closedByMain.has(promptId)) return;
          finished.delete(promptId);
          set({
            queue: [request, ...get().queue],
            failure: `Could not send the answer: ${error instanceof Error ? error.message : String(error)}`,
          });
        }
      },
    };
  });
}
