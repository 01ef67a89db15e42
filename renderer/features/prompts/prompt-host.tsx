/**
 * Shows the prompt at the head of the queue as its dialog, one at a time.
 * Each prompt is a fresh dialog (keyed by its id), so typed secrets never
 * carry over from one question to the next.
 */
import type { ReactElement } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { PromptAnswer } from '../../../shared/model/prompt.js';
import { currentPrompt, type PromptStore } from '../../stores/prompt-store.js';
import { CertificateDialog } from './certificate-dialog.js';
import { HostKeyDialog } from './host-key-dialog.js';
import { LoginPromptDialog } from './login-prompt-dialog.js';
import { SecretDialog } from './secret-dialog.js';
import { FileExistsDialog } from './file-exists-dialog.js';

export function PromptHost({ store }: { readonly store: StoreApi<PromptStore> }): ReactElement | null {
  const prompt = useStore(store, currentPrompt);
  const failure = useStore(store, (s) => s.failure);
  if (!prompt) return null;
  const onAnswer = (answer: PromptAnswer): void => void store.getState().answer(prompt.promptId, answer);
  switch (prompt.kind) {
    case 'certificate':
      return <CertificateDialog key={prompt.promptId} request={prompt} failure={failure} onAnswer={onAnswer} />;
    case 'host-key':
      return <HostKeyDialog key={prompt.promptId} request={prompt} failure={failure} onAnswer={onAnswer} />;
    case 'secret':
      return <SecretDialog key={prompt.promptId} request={prompt} failure={failure} onAnswer={onAnswer} />;
    case 'keyboard-interactive':
      return <LoginPromptDialog key={prompt.promptId} request={prompt} failure={failure} onAnswer={onAnswer} />;
    case 'file-exists':
      return <FileExistsDialog key={prompt.promptId} request={prompt} failure={failure} onAnswer={onAnswer} />;
  }
}
