/**
 * Test helper: a real prompt service whose every question is answered the
 * way a user would (`reply`), recording the kinds of prompts asked, so a test
 * can assert that a dialog did (or did not) appear.
 */
import type { PromptAnswer, PromptRequest } from '../../shared/model/prompt.js';
import { createEventBus } from '../ipc/event-bus.js';
import { createPromptService, type PromptService } from './prompt-service.js';

export function answeringPrompts(reply: (request: PromptRequest) => PromptAnswer): PromptService & { readonly asked: string[] } {
  const bus = createEventBus();
  const prompts = createPromptService(bus);
  const asked: string[] = [];
  bus.subscribe((name, payload) => {
    if (name !== 'prompt.request') return;
    const request = payload as PromptRequest;
    asked.push(request.kind);
    queueMicrotask(() => prompts.answer(request.promptId, reply(request)));
  });
  return Object.assign(prompts, { asked });
}
