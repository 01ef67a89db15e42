import { describe, expect, it, vi } from 'vitest';
import type { PromptRequest } from '../../shared/model/prompt.js';
import { createEventBus } from '../ipc/event-bus.js';
import { createPromptService } from './prompt-service.js';

describe('prompt service', () => {
  it('emits a request with an id, resolves with the answer once, and announces the close', async () => {
    const bus = createEventBus();
    const prompts = createPromptService(bus);
    const events: [string, unknown][] = [];
    bus.subscribe((name, payload) => events.push([name, payload]));
    const answer = prompts.ask({ kind: 'secret', title: 'Key passphrase', message: 'For id_ed25519', label: 'Passphrase' });
    const request = events[0]?.[1] as PromptRequest;
    expect(events[0]?.[0]).toBe('prompt.request');
    expect(prompts.pending()).toEqual([request]);
    expect(prompts.answer(request.promptId, { kind: 'secret', value: 'pw' })).toBe(true);
    expect(prompts.answer(request.promptId, { kind: 'cancel' })).toBe(false);
    await expect(answer).resolves.toEqual({ kind: 'secret', value: 'pw' });
    expect(events[1]).toEqual(['prompt.closed', { promptId: request.promptId }]);
    expect(prompts.pending()).toEqual([]);
  });

  it('cancels a prompt nobody answers', async () => {
    vi.useFakeTimers();
    try {
      const prompts = createPromptService(createEventBus(), 1000);
      const answer = prompts.ask({ kind: 'keyboard-interactive', host: 'h', name: '', instructions: '', prompts: [{ prompt: 'Code:', echo: true }] });
      vi.advanceTimersByTime(1001);
      await expect(answer).resolves.toEqual({ kind: 'cancel' });
    } finally {
      vi.useRealTimers();
    }
  });

  it('refuses answers for unknown prompts', () => {
    expect(createPromptService(createEventBus()).answer('nope', { kind: 'cancel' })).toBe(false);
  });
});
