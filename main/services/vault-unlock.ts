/**
 * Unlocks the master-password vault through the prompt dialogs, once per run:
 * the first time it asks the user to choose a master password; later runs ask
 * for it, three tries, like a login.
 */
import { FerryError } from '../../shared/errors.js';
import type { SecretStore } from '../engine/sites/secret-store.js';
import type { PromptService } from './prompt-service.js';

const ATTEMPTS = 3;
const MIN_LENGTH = 8;

export async function ensureVaultUnlocked(secrets: SecretStore & { isInitialized?: () => Promise<boolean> }, prompts: PromptService): Promise<void> {
  if (secrets.isUnlocked()) return;
  const creating = !(await (secrets.isInitialized?.() ?? Promise.resolve(true)));
  let hint = '';
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const answer = await prompts.ask({
      kind: 'secret',
      title: creating ? 'Create a master password' : "Unlock Ferry's password vault",
      message:
        hint +
        (creating
          ? `Ferry keeps saved passwords encrypted with a master password. Choose one (at least ${MIN_LENGTH} characters); you will enter it once each time Ferry starts.`
          : 'Enter the master password that protects your saved passwords.'),
      label: 'Master password',
    });
    if (answer.kind !== 'secret') throw new FerryError('CANCELLED', 'The password vault stays locked.');
    if (creating && answer.value.length < MIN_LENGTH) {
      hint = `That is shorter than ${MIN_LENGTH} characters. `;
      continue;
    }
    try {
      await secrets.unlock(answer.value);
      return;
    } catch (error) {
      if (!(error instanceof FerryError) || error.code !== 'AUTH_FAILED') throw error;
      hint = 'Wrong master password. ';
    }
  }
  throw new FerryError('AUTH_FAILED', 'Wrong master password.');
}
