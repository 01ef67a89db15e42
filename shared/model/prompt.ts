/**
 * Questions main asks the user in the middle of connecting — trust this
 * certificate or host key? what is the key's passphrase? — and the answers.
 * Main pushes a `prompt.request` event and waits; the renderer answers with
 * `prompt.answer`. Nothing secret travels main → renderer.
 */
import type { ConflictAnswer, ConflictQuestion } from './transfer.js';

/** What a user needs to judge a server certificate (all strings, display-ready). */
export interface CertificateInfo {
  readonly subject: string;
  readonly issuer: string;
  /** ISO dates. */
  readonly validFrom: string;
  readonly validTo: string;
  /** Subject alternative names, e.g. `DNS:ftp.example.com`, `IP Address:127.0.0.1`. */
  readonly altNames: readonly string[];
  /** SHA-256 fingerprint, colon-separated hex as browsers show it. */
  readonly fingerprint256: string;
  readonly serialNumber: string;
}

export type PromptRequest =
  | {
      readonly promptId: string;
      readonly kind: 'certificate';
      readonly host: string;
      readonly port: number;
      readonly certificate: CertificateInfo;
      /** Why it is not trusted: self-signed, expired, name mismatch, unknown issuer... one line each. */
      readonly reasons: readonly string[];
    }
  | {
      readonly promptId: string;
      readonly kind: 'host-key';
      readonly host: string;
      readonly port: number;
      /** e.g. `ssh-ed25519`. */
      readonly keyType: string;
      /** `SHA256:...` exactly as `ssh-keygen -l` prints it. */
      readonly fingerprint: string;
      /** Whether "also add to ~/.ssh/known_hosts" can be offered. */
      readonly canWriteKnownHosts: boolean;
    }
  | {
      readonly promptId: string;
      readonly kind: 'secret';
      readonly title: string;
      readonly message: string;
      /** The input's accessible label, e.g. "Passphrase". */
      readonly label: string;
    }
  | {
      readonly promptId: string;
      /** "The target file already exists" during a transfer (FileZilla's file-exists dialog). */
      readonly kind: 'file-exists';
      readonly question: ConflictQuestion;
    }
  | {
      readonly promptId: string;
      readonly kind: 'keyboard-interactive';
      readonly host: string;
      readonly name: string;
      readonly instructions: string;
      readonly prompts: readonly { readonly prompt: string; readonly echo: boolean }[];
    };

export type PromptKind = PromptRequest['kind'];

export type PromptAnswer =
  | { readonly kind: 'trust'; readonly scope: 'once' | 'always'; readonly writeKnownHosts?: boolean | undefined }
  | { readonly kind: 'secret'; readonly value: string }
  | { readonly kind: 'responses'; readonly values: readonly string[] }
  | { readonly kind: 'conflict'; readonly answer: ConflictAnswer }
  | { readonly kind: 'cancel' };
