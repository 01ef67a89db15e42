/**
 * Decides trust for certificates and SSH host keys, the way a careful user
 * would want it decided, and implements the engine's `SecurityHooks`:
 *
 * - certificates valid under the system roots pass silently, unless a
 *   different certificate is pinned for that server;
 * - a pinned certificate or known host key that changed is refused outright
 *   with both fingerprints named (OpenSSH's rule) — the user must remove the
 *   old entry deliberately before trusting the new one;
 * - anything unknown is put to the user: trust once (this run), always
 *   (pinned in Ferry's store, optionally also in ~/.ssh/known_hosts), cancel.
 */
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { FerryError } from '../../shared/errors.js';
import type { PromptAnswer } from '../../shared/model/prompt.js';
import type { CertificateCheck, HostKeyCheck, SecurityHooks } from '../engine/security-hooks.js';
import { sha256Fingerprint } from '../engine/sftp/host-key.js';
import { findKnownHostKeys, knownHostsLine } from '../engine/sftp/known-hosts.js';
import type { TrustStore } from '../engine/trust/trust-store.js';
import type { PromptService } from './prompt-service.js';
import { untrustedReasons } from './trust-reasons.js';

export interface TrustServiceOptions {
  readonly store: TrustStore;
  readonly prompts: PromptService;
  /** The user's OpenSSH known_hosts file (read; appended to only when the user asks). */
  readonly knownHostsPath: string;
  readonly log: (text: string) => void;
}

const serverKey = (host: string, port: number): string => `${host.toLowerCase()}:${port}`;

function cancelled(answer: PromptAnswer, what: string): FerryError | null {
  return answer.kind === 'cancel' ? new FerryError('CANCELLED', `Connection cancelled: the ${what} was not trusted.`) : null;
}

export function createTrustService(options: TrustServiceOptions): SecurityHooks & { forget(kind: 'certificate' | 'host-key', host: string, port: number): Promise<boolean> } {
  const { store, prompts, log } = options;
  /** "Trust once" decisions: valid for this run of Ferry only. */
  const onceCertificates = new Map<string, string>();
  const onceHostKeys = new Map<string, string>();

  async function knownHostKeys(host: string, port: number): Promise<{ keyType: string; key: Buffer; revoked: boolean }[]> {
    const text = await readFile(options.knownHostsPath, 'utf8').catch(() => '');
    const fromFile = findKnownHostKeys(text, host, port)
      .filter((entry) => entry.marker !== 'cert-authority')
      .map((entry) => ({ keyType: entry.keyType, key: entry.key, revoked: entry.marker === 'revoked' }));
    const fromStore = (await store.hostKeys(host, port)).map((entry) => ({ keyType: entry.keyType, key: Buffer.from(entry.key, 'base64'), revoked: false }));
    return [...fromFile, ...fromStore];
  }

  return {
    async checkCertificate(check: CertificateCheck) {
      const id = serverKey(check.host, check.port);
      const fingerprint = check.certificate.fingerprint256;
      const pinned = await store.certificate(check.host, check.port);
      if (pinned) {
        if (pinned.fingerprint256 === fingerprint) return;
        throw new FerryError(
          'TLS_UNTRUSTED',
          `WARNING: the certificate of ${check.host}:${check.port} has CHANGED since you trusted it. Trusted SHA-256 ${pinned.fingerprint256}, ` +
            `now ${fingerprint}. Someone may be intercepting the connection. If the change is expected, remove the old certificate and connect again.`,
        );
      }
      if (check.authorized || onceCertificates.get(id) === fingerprint) return;
      const answer = await prompts.ask({ kind: 'certificate', host: check.host, port: check.port, certificate: check.certificate, reasons: untrustedReasons(check) });
      const refusal = cancelled(answer, 'certificate');
      if (refusal) throw refusal;
      if (answer.kind === 'trust' && answer.scope === 'always') {
        await store.pinCertificate({ host: check.host, port: check.port, fingerprint256: fingerprint, subject: check.certificate.subject, addedAt: Date.now() });
        log(`Pinned the certificate of ${check.host}:${check.port} (SHA-256 ${fingerprint}).`);
      } else {
        onceCertificates.set(id, fingerprint);
      }
    },

    async checkHostKey(check: HostKeyCheck) {
      const id = serverKey(check.host, check.port);
      const known = await knownHostKeys(check.host, check.port);
      if (known.some((entry) => entry.revoked && entry.key.equals(check.key))) {
        throw new FerryError('HOST_KEY_CHANGED', `The host key of ${check.host}:${check.port} (${check.fingerprint}) is marked as revoked in known_hosts. Refusing to connect.`);
      }
      if (known.some((entry) => !entry.revoked && entry.key.equals(check.key)) || onceHostKeys.get(id) === check.fingerprint) return;
      const sameType = known.filter((entry) => !entry.revoked && entry.keyType === check.keyType);
      if (sameType.length > 0) {
        const old = sameType.map((entry) => sha256Fingerprint(entry.key)).join(', ');
        throw new FerryError(
          'HOST_KEY_CHANGED',
          `WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED for ${check.host}:${check.port}! The ${check.keyType} key was ${old}, ` +
            `the server now offers ${check.fingerprint}. Someone could be eavesdropping on you right now (man-in-the-middle), or the host key has just been changed. ` +
            'Refusing to connect. Remove the old key (Ferry settings or ~/.ssh/known_hosts) if the change is expected.',
        );
      }
      const answer = await prompts.ask({
        kind: 'host-key',
        host: check.host,
        port: check.port,
        keyType: check.keyType,
        fingerprint: check.fingerprint,
        canWriteKnownHosts: true,
      });
      const refusal = cancelled(answer, 'host key');
      if (refusal) throw refusal;
      if (answer.kind === 'trust' && answer.scope === 'always') {
        await store.trustHostKey({ host: check.host, port: check.port, keyType: check.keyType, fingerprint: check.fingerprint, key: check.key.toString('base64'), addedAt: Date.now() });
        if (answer.writeKnownHosts) {
          await mkdir(dirname(options.knownHostsPath), { recursive: true, mode: 0o700 });
          await appendFile(options.knownHostsPath, `${knownHostsLine(check.host, check.port, check.keyType, check.key)}\n`, { mode: 0o600 });
        }
        log(`Trusted the ${check.keyType} host key of ${check.host}:${check.port} (${check.fingerprint}).`);
      } else {
        onceHostKeys.set(id, check.fingerprint);
      }
    },

    async askSecret(request) {
      const answer = await prompts.ask({ kind: 'secret', ...request });
      if (answer.kind !== 'secret') throw new FerryError('CANCELLED', `${request.title}: cancelled.`);
      return answer.value;
    },

    async askKeyboardInteractive(request) {
      const answer = await prompts.ask({ kind: 'keyboard-interactive', ...request });
      if (answer.kind !== 'responses') throw new FerryError('CANCELLED', 'Login cancelled.');
      return [...answer.values];
    },

    async forget(kind, host, port) {
      (kind === 'certificate' ? onceCertificates : onceHostKeys).delete(serverKey(host, port));
      return store.forget(kind, host, port);
    },
  };
}
