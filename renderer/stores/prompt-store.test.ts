import { describe, expect, it } from 'vitest';
import { FerryError } from '../../shared/errors.js';
import type { PromptRequest } from '../../shared/model/prompt.js';
import { createPromptStore, currentPrompt } from './prompt-store.js';
import { createFakeApi, settle } from './testing/fake-api.js';

function secret(id: string): PromptRequest {
  return { promptId: id, kind: 'secret', title: 'Key passphrase', message: 'Enter the passphrase of id_ed25519.', label: 'Passphrase' };
}

const hostKey: PromptRequest = {
  promptId: 'hk',
  kind: 'host-key',
  host: 'h',
  port: 22,
  keyType: 'ssh-ed25519',
  fingerprint: 'SHA256:abc',
  canWriteKnownHosts: true,
};

function setup(pending: readonly PromptRequest[] = []) {
  const api = createFakeApi();
  api.handle('prompt.pending', () => pending);
  api.handle('prompt.answer', () => ({ accepted: true }));
  const store = createPromptStore(api);
  const stop = store.getState().start();
  return { api, store, stop };
}

const ids = (queue: readonly PromptRequest[]) => queue.map((p) => p.promptId);

describe('prompt store', () => {
  it('shows requests one at a time, in arrival order', async () => {
    const { api, store } = setup();
    await settle();
    expect(currentPrompt(store.getState())).toBeNull();
    api.emit('prompt.request', hostKey);
    api.emit('prompt.request', secret('s1'));
    api.emit('prompt.request', hostKey); // a duplicate is dropped
    expect(ids(store.getState().queue)).toEqual(['hk', 's1']);
    expect(currentPrompt(store.getState())).toBe(hostKey);
  });

  it('answers the current prompt, removes it at once and moves on to the next', async () => {
    const { api, store } = setup();
    api.emit('prompt.request', hostKey);
    api.emit('prompt.request', secret('s1'));
    const done = store.getState().answer('hk', { kind: 'trust', scope: 'always', writeKnownHosts: true });
    expect(currentPrompt(store.getState())?.promptId).toBe('s1');
    await done;
    expect(api.calls.at(-1)).toEqual({ method: 'prompt.answer', params: { promptId: 'hk', answer: { kind: 'trust', scope: 'always', writeKnownHosts: true } } });
    // main confirms with prompt.closed; nothing changes
    api.emit('prompt.closed', { promptId: 'hk' });
    expect(ids(store.getState().queue)).toEqual(['s1']);
  });

  it('answers a prompt only once', async () => {
    const { api, store } = setup();
    api.emit('prompt.request', secret('s1'));
    await Promise.all([store.getState().answer('s1', { kind: 'cancel' }), store.getState().answer('s1', { kind: 'cancel' })]);
    expect(api.calls.filter((c) => c.method === 'prompt.answer')).toHaveLength(1);
  });

  it('closes a prompt that main ended (answered in another window, timed out), current or queued', () => {
    const { api, store } = setup();
    api.emit('prompt.request', secret('a'));
    api.emit('prompt.request', secret('b'));
    api.emit('prompt.request', secret('c'));
    api.emit('prompt.closed', { promptId: 'b' });
    expect(ids(store.getState().queue)).toEqual(['a', 'c']);
    api.emit('prompt.closed', { promptId: 'a' });
    expect(currentPrompt(store.getState())?.promptId).toBe('c');
    api.emit('prompt.closed', { promptId: 'unknown' });
    expect(ids(store.getState().queue)).toEqual(['c']);
  });

  it('recovers the prompts still waiting at start, oldest first, without duplicates', async () => {
    const { api, store } = setup([secret('old1'), secret('old2')]);
    api.emit('prompt.request', secret('old2')); // arrived as an event before the pending reply
    api.emit('prompt.request', secret('new'));
    await settle();
    expect(ids(store.getState().queue)).toEqual(['old1', 'old2', 'new']);
    expect(api.calls[0]).toEqual({ method: 'prompt.pending', params: {} });
  });

  it('does not bring back a recovered prompt that closed before the pending reply arrived', async () => {
    const { api, store } = setup([secret('gone'), secret('open')]);
    api.emit('prompt.closed', { promptId: 'gone' });
    await settle();
    expect(ids(store.getState().queue)).toEqual(['open']);
  });

  it('starts fine when main cannot list pending prompts', async () => {
    const api = createFakeApi();
    api.handle('prompt.pending', () => {
      throw new FerryError('UNKNOWN_METHOD', 'no such method');
    });
    const store = createPromptStore(api);
    store.getState().start();
    await settle();
    api.emit('prompt.request', secret('s'));
    expect(ids(store.getState().queue)).toEqual(['s']);
  });

  it('shows the prompt again, first and with the reason, when the answer could not be sent', async () => {
    const { api, store } = setup();
    api.handle('prompt.answer', () => {
      throw new Error('socket closed');
    });
    api.emit('prompt.request', secret('a'));
    api.emit('prompt.request', secret('b'));
    await store.getState().answer('a', { kind: 'secret', value: 'pw' });
    expect(ids(store.getState().queue)).toEqual(['a', 'b']);
    expect(store.getState().failure).toBe('Could not send the answer: socket closed');
    // closing it clears the failure with it
    api.emit('prompt.closed', { promptId: 'a' });
    expect(store.getState().failure).toBeNull();
  });

  it('does not bring back a prompt main closed while the failed answer was in flight', async () => {
    const { api, store } = setup();
    let reject: (error: Error) => void = () => undefined;
    api.handle('prompt.answer', () => new Promise((_, r) => (reject = r)));
    api.emit('prompt.request', secret('a'));
    const done = store.getState().answer('a', { kind: 'cancel' });
    await settle();
    api.emit('prompt.closed', { promptId: 'a' });
    reject(new Error('timeout'));
    await done;
    expect(store.getState().queue).toEqual([]);
    expect(store.getState().failure).toBeNull();
  });

  it('stops listening on stop', () => {
    const { api, stop } = setup();
    expect(api.listenerCount('prompt.request')).toBe(1);
    stop();
    expect(api.listenerCount('prompt.request')).toBe(0);
    expect(api.listenerCount('prompt.closed')).toBe(0);
  });
});
