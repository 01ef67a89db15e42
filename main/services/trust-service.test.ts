import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PromptAnswer } from '../../shared/model/prompt.js';
import type { CertificateCheck, HostKeyCheck } from '../engine/security-hooks.js';
import { sha256Fingerprint } from '../engine/sftp/host-key.js';
import { createTrustStore } from '../engine/trust/trust-store.js';
import type { PromptService } from './prompt-service.js';
import { answeringPrompts } from './prompts.testing.js';
import { createTrustService } from './trust-service.js';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ferry-trust-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const answering = (reply: () => PromptAnswer) => answeringPrompts(reply);

function certificateCheck(fingerprint: string, authorized = false): CertificateCheck {
  return {
    host: 'ftp.example',
    port: 21,
    pem: '',
    authorized,
    authorizationError: authorized ? null : 'DEPTH_ZERO_SELF_SIGNED_CERT',
    certificate: {
      subject: 'CN=ftp.example',
      issuer: 'CN=ftp.example',
      validFrom: '2020-01-01T00:00:00.000Z',
      validTo: '2099-01-01T00:00:00.000Z',
      altNames: ['DNS:ftp.example'],
      fingerprint256: fingerprint,
      serialNumber: '01',
    },
  };
}

function newKey(name: string): { check: HostKeyCheck; line: string } {
  const path = join(dir, name);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', path]);
  const pub = execFileSync('cat', [`${path}.pub`]).toString().trim().split(' ');
  const key = Buffer.from(pub[1] ?? '', 'base64');
  return { check: { host: 'sftp.example', port: 2222, keyType: 'ssh-ed25519', key, fingerprint: sha256Fingerprint(key) }, line: `[sftp.example]:2222 ssh-ed25519 ${pub[1]}` };
}

function service(prompts: PromptService) {
  return createTrustService({ store: createTrustStore(dir), prompts, knownHostsPath: join(dir, 'known_hosts'), log: () => {} });
}

describe('certificate trust', () => {
  it('passes system-trusted certificates without asking', async () => {
    const prompts = answering(() => ({ kind: 'cancel' }));
    await service(prompts).checkCertificate(certificateCheck('AA', true));
    expect(prompts.asked).toEqual([]);
  });

  it('asks for an untrusted certificate; cancel refuses with CANCELLED', async () => {
    const prompts = answering(() => ({ kind: 'cancel' }));
    await expect(service(prompts).checkCertificate(certificateCheck('AA'))).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(prompts.asked).toEqual(['certificate']);
  });

  it('"trust once" lasts for this run only; "always" pins across runs', async () => {
    const once = answering(() => ({ kind: 'trust', scope: 'once' }));
    const trust = service(once);
    await trust.checkCertificate(certificateCheck('AA'));
    await trust.checkCertificate(certificateCheck('AA'));
    expect(once.asked).toEqual(['certificate']);
    const nextRun = answering(() => ({ kind: 'trust', scope: 'always' }));
    await service(nextRun).checkCertificate(certificateCheck('AA'));
    expect(nextRun.asked).toEqual(['certificate']);
    const third = answering(() => ({ kind: 'cancel' }));
    await service(third).checkCertificate(certificateCheck('AA'));
    expect(third.asked).toEqual([]);
    expect(JSON.parse(await readFile(join(dir, 'trust.json'), 'utf8')).certificates[0]).toMatchObject({ host: 'ftp.example', fingerprint256: 'AA' });
  });

  it('refuses a changed pinned certificate without asking, naming both fingerprints, until the pin is removed', async () => {
    await service(answering(() => ({ kind: 'trust', scope: 'always' }))).checkCertificate(certificateCheck('AA'));
    const prompts = answering(() => ({ kind: 'trust', scope: 'once' }));
    const trust = service(prompts);
    const refused = trust.checkCertificate(certificateCheck('BB', true));
    await expect(refused).rejects.toMatchObject({ code: 'TLS_UNTRUSTED' });
    await expect(refused).rejects.toThrow(/AA.*BB/s);
    expect(prompts.asked).toEqual([]);
    expect(await trust.forget('certificate', 'ftp.example', 21)).toBe(true);
    await trust.checkCertificate(certificateCheck('BB'));
    expect(prompts.asked).toEqual(['certificate']);
  });
});

describe('host key trust', () => {
  it('accepts a key listed in known_hosts (hashed entry) without asking', async () => {
    const { check, line } = newKey('k1');
    await writeFile(join(dir, 'known_hosts'), `${line}\n`);
    execFileSync('ssh-keygen', ['-q', '-H', '-f', join(dir, 'known_hosts')]);
    expect(await readFile(join(dir, 'known_hosts'), 'utf8')).toMatch(/^\|1\|/);
    const prompts = answering(() => ({ kind: 'cancel' }));
    await service(prompts).checkHostKey(check);
    expect(prompts.asked).toEqual([]);
  });

  it('asks for an unknown key; "always" with known_hosts writes both stores', async () => {
    const { check } = newKey('k2');
    const prompts = answering(() => ({ kind: 'trust', scope: 'always', writeKnownHosts: true }));
    await service(prompts).checkHostKey(check);
    expect(prompts.asked).toEqual(['host-key']);
    expect(await readFile(join(dir, 'known_hosts'), 'utf8')).toContain(check.key.toString('base64'));
    const later = answering(() => ({ kind: 'cancel' }));
    await service(later).checkHostKey(check);
    expect(later.asked).toEqual([]);
  });

  it('refuses a changed key loudly with the old and new fingerprints, never asking', async () => {
    const first = newKey('k3');
    const second = newKey('k4');
    await writeFile(join(dir, 'known_hosts'), `${first.line}\n`);
    const prompts = answering(() => ({ kind: 'trust', scope: 'always' }));
    const refused = service(prompts).checkHostKey(second.check);
    await expect(refused).rejects.toMatchObject({ code: 'HOST_KEY_CHANGED' });
    await expect(refused).rejects.toThrow(first.check.fingerprint);
    await expect(refused).rejects.toThrow(second.check.fingerprint);
    expect(prompts.asked).toEqual([]);
  });
});
