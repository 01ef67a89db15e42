/**
 * SFTP logon types against real servers: keys (ed25519, RSA, encrypted),
 * the SSH agent, `ask`, and keyboard-interactive (OpenSSH with PAM).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogKind } from '../../../shared/model/log.js';
import type { ConnectOptions } from '../../../shared/model/session.js';
import { requireServer } from '../testing/availability.js';
import { run } from '../testing/run.js';
import { startProftpdSftp, startSshd, type RunningServer } from '../testing/servers/index.js';
import { createTestSecurity, type TestSecurityAnswers } from '../testing/test-security.js';
import { SftpFs } from './sftp-fs.js';
import { authoriseOnProftpdSftp, KEY_PASSPHRASE, makeClientKeys, sshdKeysConfig, startAgent, type ClientKeys } from './sftp-servers.testing.js';

function options(server: RunningServer, extra: Partial<ConnectOptions>): ConnectOptions {
  return { protocol: 'sftp', host: server.host, port: server.port, user: server.user, password: '', transferMode: 'passive', timeoutMs: 10_000, ...extra };
}

/** Connects, lists home, closes; returns the log lines and the hooks for assertions. */
async function login(server: RunningServer, extra: Partial<ConnectOptions>, answers: TestSecurityAnswers = {}) {
  const lines: [LogKind, string][] = [];
  const security = createTestSecurity({ hostKey: () => true, ...answers });
  const { fs, facts } = await SftpFs.connect(options(server, extra), { log: (kind, text) => lines.push([kind, text]), security });
  try {
    expect(facts.home).toBe(server.home);
    await fs.list(facts.home);
  } finally {
    await fs.close();
  }
  return { texts: lines.map(([, text]) => text), security };
}

/** Starts a server that accepts every key of `keys`. */
const KEY_SERVERS = [
  { kind: 'sshd', start: async (keys: ClientKeys) => startSshd({ extraConfig: await sshdKeysConfig(keys) }) },
  {
    kind: 'proftpd-sftp',
    start: async (keys: ClientKeys) => {
      const server = await startProftpdSftp();
      await authoriseOnProftpdSftp(server, keys).catch(async (error: unknown) => {
        await server.stop();
        throw error;
      });
      return server;
    },
  },
] as const;

for (const { kind, start } of KEY_SERVERS) {
  const req = requireServer(kind);
  describe.skipIf(req.skip)(`SFTP logon on ${kind}${req.skip ? ` (skipped: ${req.reason})` : ''}`, () => {
    let server: RunningServer;
    let keys: ClientKeys;

    beforeAll(async () => {
      keys = await makeClientKeys();
      server = await start(keys);
    });
    afterAll(async () => {
      await server?.stop();
    });

    it('logs in with the ed25519 key', async () => {
      const { texts } = await login(server, { logonType: 'key', privateKeyPath: keys.ed25519 });
      expect(texts).toContain('Authenticated with publickey (ed25519)');
    });

    it('logs in with an RSA key', async () => {
      const { texts } = await login(server, { logonType: 'key', privateKeyPath: keys.rsa });
      expect(texts).toContain('Authenticated with publickey (rsa)');
    });

    it('asks the passphrase of an encrypted key again after a wrong one', async () => {
      let asked = 0;
      const { texts, security } = await login(server, { logonType: 'key', privateKeyPath: keys.encrypted }, { secret: () => (++asked === 1 ? 'not it' : KEY_PASSPHRASE) });
      expect(security.secrets.map((s) => s.title)).toEqual(['Key passphrase', 'Key passphrase']);
      expect(security.secrets[0]?.label).toBe('Passphrase');
      expect(security.secrets[1]?.message).toMatch(/wrong passphrase/i);
      expect(texts).toContain(`Wrong passphrase for key ${keys.encrypted}`);
      expect(texts.some((t) => t.includes(KEY_PASSPHRASE) || t.includes('not it'))).toBe(false);
    });

    it('gives up after three wrong passphrases with AUTH_FAILED', async () => {
      const security = createTestSecurity({ hostKey: () => true, secret: () => 'wrong' });
      await expect(SftpFs.connect(options(server, { logonType: 'key', privateKeyPath: keys.encrypted }), { log: () => {}, security })).rejects.toMatchObject({
        code: 'AUTH_FAILED',
        message: `Wrong passphrase for key ${keys.encrypted}.`,
      });
      expect(security.secrets).toHaveLength(3);
    });

    it('says which key the server refused', async () => {
      const stranger = join(keys.dir, 'id_stranger');
      await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', stranger]);
      await expect(SftpFs.connect(options(server, { logonType: 'key', privateKeyPath: stranger }), { log: () => {}, security: createTestSecurity({ hostKey: () => true }) })).rejects.toMatchObject({
        code: 'AUTH_FAILED',
        message: expect.stringContaining(`refused the key ${stranger} (ssh-ed25519 SHA256:`),
      });
    });

    it('logs in through ssh-agent', async () => {
      const agent = await startAgent(keys.dir, keys.agent);
      const saved = process.env.SSH_AUTH_SOCK;
      process.env.SSH_AUTH_SOCK = agent.socket;
      try {
        const { texts } = await login(server, { logonType: 'agent' });
        expect(texts).toContain('Authenticated with agent');
      } finally {
        if (saved === undefined) delete process.env.SSH_AUTH_SOCK;
        else process.env.SSH_AUTH_SOCK = saved;
        await agent.stop();
      }
    });

    it('explains a missing agent without connecting', async () => {
      const saved = process.env.SSH_AUTH_SOCK;
      delete process.env.SSH_AUTH_SOCK;
      const lines: string[] = [];
      try {
        await expect(SftpFs.connect(options(server, { logonType: 'agent' }), { log: (_, t) => lines.push(t), security: createTestSecurity() })).rejects.toMatchObject({
          code: 'AUTH_FAILED',
          message: expect.stringMatching(/No SSH agent is running/),
        });
        expect(lines.some((t) => t.startsWith('Connecting'))).toBe(false);
      } finally {
        if (saved !== undefined) process.env.SSH_AUTH_SOCK = saved;
      }
    });

    it('asks for the password with the `ask` logon type', async () => {
      const { texts, security } = await login(server, { logonType: 'ask' }, { secret: () => server.password });
      expect(security.secrets).toHaveLength(1);
      expect(security.secrets[0]?.title).toBe('Password');
      expect(texts).toContain('Authenticated with password');
    });
  });
}

const sshd = requireServer('sshd');
describe.skipIf(sshd.skip)(`keyboard-interactive on sshd with PAM${sshd.skip ? ` (skipped: ${sshd.reason})` : ''}`, () => {
  let server: RunningServer;
  beforeAll(async () => {
    // sshd keeps the first value of a keyword and the harness puts extraConfig first: PAM on, password method off.
    server = await startSshd({ extraConfig: 'UsePAM yes\nKbdInteractiveAuthentication yes\nPasswordAuthentication no' });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('answers each round of prompts through askKeyboardInteractive', async () => {
    const { texts, security } = await login(server, { logonType: 'interactive' }, { interactive: (request) => request.prompts.map(() => server.password) });
    expect(security.interactive.length).toBeGreaterThanOrEqual(1);
    expect(security.interactive[0]?.prompts[0]).toMatchObject({ prompt: expect.stringMatching(/password/i), echo: false });
    expect(texts).toContain('Authenticated with keyboard-interactive');
  });

  it('answers the password prompt itself for a normal logon, as FileZilla does', async () => {
    const { texts, security } = await login(server, { logonType: 'normal', password: server.password });
    expect(security.interactive).toHaveLength(0);
    expect(texts).toContain('Authenticated with keyboard-interactive');
  });

  it('rejects a wrong password given through keyboard-interactive', async () => {
    const security = createTestSecurity({ hostKey: () => true });
    await expect(SftpFs.connect(options(server, { logonType: 'normal', password: 'wrong-password' }), { log: () => {}, security })).rejects.toMatchObject({
      code: 'AUTH_FAILED',
    });
  });

  it('turns a cancelled prompt into CANCELLED', async () => {
    const security = createTestSecurity({ hostKey: () => true });
    await expect(SftpFs.connect(options(server, { logonType: 'interactive' }), { log: () => {}, security })).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});
