/**
 * Ferry's own record of what the user chose to trust "always": pinned server
 * certificates (by SHA-256 fingerprint) and SSH host keys. Kept in
 * `trust.json` in the data folder; the user's `~/.ssh/known_hosts` is read
 * separately and written only when asked.
 */
import { join } from 'node:path';
import { readJsonFile, writeJsonFileAtomic } from '../store/json-file.js';

export interface PinnedCertificate {
  readonly host: string;
  readonly port: number;
  readonly fingerprint256: string;
  readonly subject: string;
  readonly addedAt: number;
}

export interface TrustedHostKey {
  readonly host: string;
  readonly port: number;
  readonly keyType: string;
  readonly fingerprint: string;
  /** Base64 of the key blob. */
  readonly key: string;
  readonly addedAt: number;
}

interface TrustDocument {
  readonly version: 1;
  readonly certificates: readonly PinnedCertificate[];
  readonly hostKeys: readonly TrustedHostKey[];
}

const EMPTY: TrustDocument = { version: 1, certificates: [], hostKeys: [] };

function validate(raw: unknown): TrustDocument {
  const doc = raw as Partial<TrustDocument> | null;
  if (!doc || typeof doc !== 'object') throw new Error('not an object');
  if (doc.version !== 1) throw new Error(`unsupported version ${String(doc.version)}`);
  if (!Array.isArray(doc.certificates) || !Array.isArray(doc.hostKeys)) throw new Error('missing lists');
  const certificates = doc.certificates.filter((c) => typeof c?.host === 'string' && typeof c.port === 'number' && typeof c.fingerprint256 === 'string');
  const hostKeys = doc.hostKeys.filter((k) => typeof k?.host === 'string' && typeof k.port === 'number' && typeof k.key === 'string' && typeof k.keyType === 'string');
  return { version: 1, certificates, hostKeys };
}

export interface TrustStore {
  certificate(host: string, port: number): Promise<PinnedCertificate | null>;
  pinCertificate(entry: PinnedCertificate): Promise<void>;
  hostKeys(host: string, port: number): Promise<readonly TrustedHostKey[]>;
  trustHostKey(entry: TrustedHostKey): Promise<void>;
  forget(kind: 'certificate' | 'host-key', host: string, port: number): Promise<boolean>;
  /** Everything trusted "always", for the settings page. */
  list(): Promise<{ certificates: readonly PinnedCertificate[]; hostKeys: readonly TrustedHostKey[] }>;
  /** Set when the file was corrupt at load and moved aside; for the log. */
  readonly loadProblem: () => string | null;
}

export function createTrustStore(dataDir: string): TrustStore {
  const path = join(dataDir, 'trust.json');
  let loaded: Promise<TrustDocument> | null = null;
  let problem: string | null = null;
  let writes: Promise<void> = Promise.resolve();

  const load = (): Promise<TrustDocument> =>
    (loaded ??= readJsonFile(path, validate).then((result) => {
      if (result.status === 'ok') return result.value;
      if (result.status === 'corrupt') problem = `The trust store was unreadable (${result.reason}); it was moved to ${result.backup} and a new one started.`;
      return EMPTY;
    }));

  /** Applies a change to the in-memory document and queues one atomic write. */
  const update = async (change: (doc: TrustDocument) => TrustDocument): Promise<void> => {
    loaded = null; // re-read: another Ferry process may have written since we loaded
    const next = change(await load());
    loaded = Promise.resolve(next);
    writes = writes.then(() => writeJsonFileAtomic(path, next));
    await writes;
  };
  const same = (host: string, port: number) => (entry: { host: string; port: number }) => entry.host.toLowerCase() === host.toLowerCase() && entry.port === port;

  return {
    loadProblem: () => problem,
    async certificate(host, port) {
      return (await load()).certificates.find(same(host, port)) ?? null;
    },
    pinCertificate: (entry) => update((doc) => ({ ...doc, certificates: [...doc.certificates.filter((c) => !same(entry.host, entry.port)(c)), entry] })),
    async hostKeys(host, port) {
      return (await load()).hostKeys.filter(same(host, port));
    },
    trustHostKey: (entry) =>
      update((doc) => ({
        ...doc,
        hostKeys: [...doc.hostKeys.filter((k) => !(same(entry.host, entry.port)(k) && k.keyType === entry.keyType)), entry],
      })),
    async list() {
      loaded = null;
      const { certificates, hostKeys } = await load();
      return { certificates, hostKeys };
    },
    async forget(kind, host, port) {
      const doc = await load();
      const before = kind === 'certificate' ? doc.certificates.length : doc.hostKeys.length;
      await update((d) =>
        kind === 'certificate' ? { ...d, certificates: d.certificates.filter((c) => !same(host, port)(c)) } : { ...d, hostKeys: d.hostKeys.filter((k) => !same(host, port)(k)) },
      );
      const after = kind === 'certificate' ? (await load()).certificates.length : (await load()).hostKeys.length;
      return after < before;
    },
  };
}
