/**
 * Scriptable `SecurityHooks` for engine tests: trusts nothing by default and
 * records every question, so a test can assert that a prompt happened (or not)
 * and answer it the way a user would.
 */
import { FerryError } from '../../../shared/errors.js';
import type { CertificateCheck, HostKeyCheck, KeyboardInteractiveRequest, SecretRequest, SecurityHooks } from '../security-hooks.js';

export interface TestSecurity extends SecurityHooks {
  readonly certificates: CertificateCheck[];
  readonly hostKeys: HostKeyCheck[];
  readonly secrets: SecretRequest[];
  readonly interactive: KeyboardInteractiveRequest[];
}

export interface TestSecurityAnswers {
  certificate?: (check: CertificateCheck) => boolean;
  hostKey?: (check: HostKeyCheck) => boolean;
  secret?: (request: SecretRequest) => string | null;
  interactive?: (request: KeyboardInteractiveRequest) => string[] | null;
}

const cancelled = (what: string): FerryError => new FerryError('CANCELLED', `The test declined the ${what}.`);

/** Hooks that answer as told; anything not told is declined (CANCELLED). */
export function createTestSecurity(answers: TestSecurityAnswers = {}): TestSecurity {
  const record: Pick<TestSecurity, 'certificates' | 'hostKeys' | 'secrets' | 'interactive'> = { certificates: [], hostKeys: [], secrets: [], interactive: [] };
  return {
    ...record,
    async checkCertificate(check) {
      record.certificates.push(check);
      if (!(answers.certificate?.(check) ?? false)) throw cancelled('certificate');
    },
    async checkHostKey(check) {
      record.hostKeys.push(check);
      if (!(answers.hostKey?.(check) ?? false)) throw cancelled('host key');
    },
    async askSecret(request) {
      record.secrets.push(request);
      const value = answers.secret?.(request) ?? null;
      if (value === null) throw cancelled('secret prompt');
      return value;
    },
    async askKeyboardInteractive(request) {
      record.interactive.push(request);
      const values = answers.interactive?.(request) ?? null;
      if (values === null) throw cancelled('keyboard-interactive prompt');
      return values;
    },
  };
}

/** Hooks that trust every certificate and host key (for tests about something else). */
export function trustingSecurity(): TestSecurity {
  return createTestSecurity({ certificate: () => true, hostKey: () => true });
}
