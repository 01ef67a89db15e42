import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FerryError } from '../../../shared/errors.js';
import { findCommand, run } from '../testing/run.js';
import { createTestSecurity } from '../testing/test-security.js';
import { createHostKeyGate, keyTypeOfBlob, sha256Fingerprint } from './host-key.js';

async function publicBlob(file: string): Promise<{ type: string; blob: Buffer }> {
  const [type = '', b64 = ''] = (await readFile(file, 'utf8')).trim().split(' ');
  return { type, blob: Buffer.from(b64, 'base64') };
}

describe.skipIf(findCommand('ssh-keygen') === null)('sha256Fingerprint against ssh-keygen -lf', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ferry-host-key-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  for (const [type, extra] of [
    ['ed25519', []],
    ['rsa', ['-b', '2048']],
    ['ecdsa', ['-b', '256']],
  ] as const) {
    it(`matches for a ${type} key`, async () => {
      const file = join(dir, `id_${type}`);
      await run('ssh-keygen', ['-q', '-t', type, ...extra, '-N', '', '-f', file]);
      const printed = (await run('ssh-keygen', ['-lf', `${file}.pub`])).stdout.split(' ')[1];
      const { type: keyType, blob } = await publicBlob(`${file}.pub`);
      expect(sha256Fingerprint(blob)).toBe(printed);
      expect(sha256Fingerprint(blob)).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
      expect(keyTypeOfBlob(blob)).toBe(keyType);
    });
  }
});

describe('keyTypeOfBlob', () => {
  it('rejects short or binary blobs', () => {
    expect(keyTypeOfBlob(Buffer.alloc(0))).toBeNull();
    expect(keyTypeOfBlob(Buffer.from([0, 0, 0, 200, 1]))).toBeNull();
    expect(keyTypeOfBlob(Buffer.from([0, 0, 0, 2, 0, 1]))).toBeNull();
  });
});

describe('createHostKeyGate', () => {
  const blob = Buffer.concat([Buffer.from([0, 0, 0, 11]), Buffer.from('ssh-ed25519'), Buffer.from([0, 0, 0, 32]), Buffer.alloc(32, 7)]);
  const other = Buffer.concat([blob.subarray(0, -1), Buffer.from([8])]);
  const base = { host: 'h', port: 22, log: () => {}, onWaiting: () => {} };

  it('asks the hooks, pins the accepted key and verifies later', async () => {
    const security = createTestSecurity({ hostKey: () => true });
    const accepted: string[] = [];
    const waiting: boolean[] = [];
    const gate = createHostKeyGate({ ...base, security, pinned: null, onAccepted: (c) => accepted.push(c.fingerprint), onWaiting: (w) => waiting.push(w) });
    const verdict = await new Promise<boolean>((resolve) => expect(gate.hostVerifier(blob, resolve)).toBeUndefined());
    expect(verdict).toBe(true);
    expect(security.hostKeys).toEqual([{ host: 'h', port: 22, keyType: 'ssh-ed25519', fingerprint: sha256Fingerprint(blob), key: blob }]);
    expect(accepted).toEqual([sha256Fingerprint(blob)]);
    expect(waiting).toEqual([true, false]);
    expect(gate.hostVerifier(blob, () => {})).toBe(true); // re-key: same key, no second question
    expect(security.hostKeys).toHaveLength(1);
  });

  it('keeps the hooks’ rejection for connect to report', async () => {
    const security = createTestSecurity();
    const gate = createHostKeyGate({ ...base, security, pinned: null, onAccepted: () => {} });
    const verdict = await new Promise<boolean>((resolve) => gate.hostVerifier(blob, resolve));
    expect(verdict).toBe(false);
    expect(gate.rejection()).toBeInstanceOf(FerryError);
    expect(gate.rejection()?.code).toBe('CANCELLED');
  });

  it('refuses a different key than the pinned one without asking', () => {
    const security = createTestSecurity({ hostKey: () => true });
    const gate = createHostKeyGate({ ...base, security, pinned: sha256Fingerprint(blob), onAccepted: () => {} });
    expect(gate.hostVerifier(other, () => {})).toBe(false);
    expect(gate.rejection()?.code).toBe('HOST_KEY_CHANGED');
    expect(security.hostKeys).toHaveLength(0);
  });
});
