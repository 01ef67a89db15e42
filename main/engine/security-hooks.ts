/**
 * What the engine asks of the world while connecting: may this certificate
 * or host key be trusted, and what secret (passphrase, keyboard-interactive
 * answer) should be used. The engine never decides trust itself and never
 * talks to the UI; main's trust service implements these hooks (store
 * lookups, pinning, prompting the user).
 */
import type { CertificateInfo } from '../../shared/model/prompt.js';
import type { ProtocolLog } from './protocol-log.js';

export interface CertificateCheck {
  readonly host: string;
  readonly port: number;
  readonly certificate: CertificateInfo;
  /** PEM of the leaf certificate, for pinning. */
  readonly pem: string;
  /** Whether Node's TLS verified the chain and name against the system roots. */
  readonly authorized: boolean;
  /** Node's reason when not authorized (`DEPTH_ZERO_SELF_SIGNED_CERT`, `CERT_HAS_EXPIRED`, `ERR_TLS_CERT_ALTNAME_INVALID`, ...). */
  readonly authorizationError: string | null;
}

export interface HostKeyCheck {
  readonly host: string;
  readonly port: number;
  /** e.g. `ssh-ed25519`. */
  readonly keyType: string;
  /** `SHA256:` + unpadded base64 of sha256(key blob), as `ssh-keygen -l` prints it. */
  readonly fingerprint: string;
  /** The raw public key blob (SSH wire format). */
  readonly key: Buffer;
}

export interface SecretRequest {
  readonly title: string;
  readonly message: string;
  readonly label: string;
}

export interface KeyboardInteractiveRequest {
  readonly host: string;
  readonly name: string;
  readonly instructions: string;
  readonly prompts: readonly { readonly prompt: string; readonly echo: boolean }[];
}

export interface SecurityHooks {
  /** Resolves when the certificate may be used; rejects with `TLS_UNTRUSTED` (e.g. a pinned certificate changed) or `CANCELLED`. */
  checkCertificate(check: CertificateCheck): Promise<void>;
  /** Resolves when the host key may be used; rejects with `HOST_KEY_CHANGED` or `CANCELLED`. */
  checkHostKey(check: HostKeyCheck): Promise<void>;
  /** Asks for a passphrase or password; rejects with `CANCELLED`. */
  askSecret(request: SecretRequest): Promise<string>;
  /** Answers keyboard-interactive prompts, one string per prompt; rejects with `CANCELLED`. */
  askKeyboardInteractive(request: KeyboardInteractiveRequest): Promise<string[]>;
}

/** Everything an adapter's `connect` needs besides the connection options. */
export interface ConnectContext {
  readonly log: ProtocolLog;
  readonly security: SecurityHooks;
}
