/**
 * The trust service with the real adapters and real servers: what a user
 * pinned stays pinned, a replaced certificate is refused before the password
 * goes out, and a host key from a hashed known_hosts line is accepted silently.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PromptAnswer } from '../../shared/model/prompt.js';
import type { ConnectOptions } from '../../shared/model/session.js';
import { FtpFs } from '../engine/ftp/ftp-fs.js';
import { SftpFs } from '../engine/sftp/sftp-fs.js';
import { requireServer } from '../engine/testing/availability.js';
import { makeCert } from '../engine/testing/cert.js';
import { makeBrowseFixture } from '../engine/testing/fixtures.js';
import { startSshd, startVsftpd, type RunningServer } from '../engine/testing/servers/index.js';
import { createTrustStore } from '../engine/trust/trust-store.js';
import { answeringPrompts } from './prompts.testing.js';
import { createTrustService } from './trust-service.js';

let dataDir = '';
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'ferry-trust-int-'));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

/** A trust service whose prompts are answered by `reply`; `asked` lists the prompt kinds seen. */
function trustWith(reply: PromptAnswer) {
  const prompts = answeringPrompts(() => reply);
  const security = createTrustService({ store: createTrustStore(dataDir), prompts, knownHostsPath: join(dataDir, 'known_hosts'), log: () => {} });
  return { security, asked: prompts.asked };
}

function optionsFor(server: RunningServer, protocol: ConnectOptions['protocol']): ConnectOptions {
  return { protocol, host: server.host, port: server.port, user: server.user, password: server.password, transferMode: 'passive', timeoutMs: 10_000 };
}

const vsftpd = requireServer('vsftpd');
describe.skipIf(vsftpd.skip)('pinned FTPS certificates', () => {
  it('connects silently once pinned', async () => {
    const first = await startVsftpd({ tls: 'explicit', cert: await makeCert() });
    try {
      const always = trustWith({ kind: 'trust', scope: 'always' });
      const { fs } = await FtpFs.connect(optionsFor(first, 'ftpes'), { log: () => {}, security: always.security });
      await fs.close();
      expect(always.asked).toEqual(['certificate']);

      const again = trustWith({ kind: 'cancel' });
      const { fs: second } = await FtpFs.connect(optionsFor(first, 'ftpes'), { log: () => {}, security: again.security });
      await second.close();
      expect(again.asked).toEqual([]);
    } finally {
      await first.stop();
    }

  });

  it('refuses a certificate that replaced the pinned one, before sending the password', async () => {
    const pinned = await makeCert();
    const replaced = await startVsftpd({ tls: 'explicit', cert: await makeCert() });
    try {
      // the user once pinned another certificate for this very host and port
      await createTrustStore(dataDir).pinCertificate({
        host: replaced.host,
        port: replaced.port,
        fingerprint256: pinned.fingerprint256,
        subject: 'CN=localhost',
        addedAt: Date.now(),
      });
      const sent: string[] = [];
      const trust = trustWith({ kind: 'trust', scope: 'once' });
      const attempt = FtpFs.connect(optionsFor(replaced, 'ftpes'), { log: (_kind, text) => sent.push(text), security: trust.security });
      await expect(attempt).rejects.toMatchObject({ code: 'TLS_UNTRUSTED', message: expect.stringContaining(pinned.fingerprint256) });
      expect(trust.asked).toEqual([]);
      expect(sent.some((line) => line.startsWith('USER') || line.startsWith('PASS'))).toBe(false);
    } finally {
      await replaced.stop();
    }
  });
});

const sshd = requireServer('sshd');
describe.skipIf(sshd.skip)('SFTP host keys from known_hosts', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startSshd({});
    await makeBrowseFixture(server.root);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('accepts a hashed known_hosts entry without asking', async () => {
    const lines = (server.hostKeys ?? []).map(
      (file) => `[${server.host}]:${server.port} ${execFileSync('cat', [file]).toString().trim().split(' ').slice(0, 2).join(' ')}`,
    );
    const knownHosts = join(dataDir, 'known_hosts');
    await writeFile(knownHosts, `${lines.join('\n')}\n`);
    execFileSync('ssh-keygen', ['-q', '-H', '-f', knownHosts]);
    expect(await readFile(knownHosts, 'utf8')).toMatch(/^\|1\|/);
    const trust = trustWith({ kind: 'cancel' });
    const { fs, facts } = await SftpFs.connect(optionsFor(server, 'sftp'), { log: () => {}, security: trust.security });
    try {
      expect((await fs.list(facts.home)).entries.some((entry) => entry.name === 'readme.txt')).toBe(true);
      expect(trust.asked).toEqual([]);
    } finally {
      await fs.close();
    }
  });
});
