import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AnyAuthMethod, AuthenticationType, KeyboardInteractiveAuthMethod } from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectOptions } from '../../../shared/model/session.js';
import { findCommand, run } from '../testing/run.js';
import { createTestSecurity, type TestSecurityAnswers } from '../testing/test-security.js';
import { type AuthMemory, checkAuthPrerequisites, createAuthFlow, defaultAgentSocket } from './sftp-auth.js';
import { decryptKey } from './private-key.js';

type Step = AnyAuthMethod | false;

function flow(extra: Partial<ConnectOptions>, answers: TestSecurityAnswers = {}, memory: AuthMemory = {}) {
  const options: ConnectOptions = { protocol: 'sftp', host: 'h', port: 22, user: 'u', password: 'pw', transferMode: 'passive', ...extra };
  const security = createTestSecurity(answers);
  const waiting: boolean[] = [];
  const auth = createAuthFlow({ options, security, log: () => {}, memory, onWaiting: (w) => waiting.push(w), agentSocket: '/tmp/agent.sock' });
  /** One authHandler round: what ssh2 would be told to try next. */
  const step = (methodsLeft: AuthenticationType[] | null, partial = false): Promise<Step> =>
    new Promise((resolve) => auth.authHandler(methodsLeft as AuthenticationType[], partial as boolean, (m) => resolve(m as unknown as Step)));
  return { auth, step, security, waiting, memory };
}

describe('createAuthFlow', () => {
  it('asks with none first, then password, then stops with a clear message', async () => {
    const { auth, step } = flow({});
    expect(await step(null)).toEqual({ type: 'none', username: 'u' });
    expect(await step(['publickey', 'password'])).toEqual({ type: 'password', username: 'u', password: 'pw' });
    expect(await step(['publickey', 'password'])).toBe(false);
    expect(auth.failure()).toMatchObject({ code: 'AUTH_FAILED', message: 'Wrong user name or password for u@h.' });
  });

  it('answers a keyboard-interactive password prompt itself for a normal logon', async () => {
    const { step, security } = flow({}, { interactive: () => ['typed'] });
    await step(null);
    const method = (await step(['keyboard-interactive'])) as KeyboardInteractiveAuthMethod;
    expect(method.type).toBe('keyboard-interactive');
    const first = await new Promise<string[]>((resolve) => method.prompt('', '', '', [{ prompt: 'Password: ', echo: false }], resolve));
    expect(first).toEqual(['pw']);
    expect(security.interactive).toHaveLength(0);
    const second = await new Promise<string[]>((resolve) => method.prompt('', '', '', [{ prompt: 'Verification code: ', echo: false }], resolve));
    expect(second).toEqual(['typed']);
    expect(security.interactive).toHaveLength(1);
  });

  it('says what the server offers when our method is not among them', async () => {
    const { auth, step } = flow({ logonType: 'key', privateKeyPath: '/k' });
    await step(null);
    expect(await step(['password'])).toBe(false);
    expect(auth.failure()?.message).toBe('The server does not accept key login for u@h (it offers: password).');
  });

  it('uses the agent when the server offers publickey', async () => {
    const { step } = flow({ logonType: 'agent' });
    await step(null);
    expect(await step(['publickey', 'password'])).toEqual({ type: 'agent', username: 'u', agent: '/tmp/agent.sock' });
  });

  it('asks the `ask` password once, pausing the deadline, and remembers it', async () => {
    const memory: AuthMemory = {};
    const first = flow({ logonType: 'ask', password: '' }, { secret: () => 'asked' }, memory);
    await first.step(null);
    expect(await first.step(['password'])).toMatchObject({ type: 'password', password: 'asked' });
    expect(first.waiting).toEqual([true, false]);
    const again = flow({ logonType: 'ask', password: '' }, { secret: () => 'other' }, memory);
    await again.step(null);
    expect(await again.step(['password'])).toMatchObject({ password: 'asked' });
    expect(again.security.secrets).toHaveLength(0);
    expect(await again.step(['password'])).toBe(false); // refused: forget it so the next attempt asks again
    expect(memory.password).toBeUndefined();
  });

  it('turns a cancelled prompt into CANCELLED', async () => {
    const { auth, step } = flow({ logonType: 'interactive' });
    await step(null);
    const method = (await step(['keyboard-interactive'])) as KeyboardInteractiveAuthMethod;
    const answers = await new Promise<string[]>((resolve) => method.prompt('', '', '', [{ prompt: 'Password: ', echo: false }], resolve));
    expect(answers).toEqual([]);
    expect(await step(['keyboard-interactive'])).toBe(false);
    expect(auth.failure()?.code).toBe('CANCELLED');
  });

  it('continues after a partial success (AuthenticationMethods publickey,password)', async () => {
    const { step } = flow({ logonType: 'agent' });
    await step(null);
    await step(['publickey']);
    expect(await step(['password'], true)).toMatchObject({ type: 'password', password: 'pw' });
  });
});

describe('prerequisites', () => {
  it('finds the agent like OpenSSH and Pageant users expect', () => {
    expect(defaultAgentSocket({ SSH_AUTH_SOCK: '/run/a.sock' }, 'linux')).toBe('/run/a.sock');
    expect(defaultAgentSocket({}, 'linux')).toBeNull();
    expect(defaultAgentSocket({}, 'win32')).toBe('pageant');
  });

  it('refuses agent logon without an agent and key logon without a key', () => {
    const base: ConnectOptions = { protocol: 'sftp', host: 'h', port: 22, user: 'u', password: '', transferMode: 'passive' };
    expect(() => checkAuthPrerequisites({ ...base, logonType: 'agent' }, null)).toThrow(/No SSH agent is running/);
    expect(() => checkAuthPrerequisites({ ...base, logonType: 'key' }, null)).toThrow(/private key file/);
    expect(() => checkAuthPrerequisites({ ...base, logonType: 'normal' }, null)).not.toThrow();
  });
});

describe.skipIf(findCommand('ssh-keygen') === null)('decryptKey', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ferry-sftp-auth-'));
    await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', 'right', '-f', join(dir, 'enc')]);
    await run('ssh-keygen', ['-q', '-t', 'rsa', '-b', '2048', '-m', 'PEM', '-N', 'right', '-f', join(dir, 'enc-pem')]);
    await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'plain')]);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('does not ask for an unencrypted key', async () => {
    const key = await decryptKey(await readFile(join(dir, 'plain')), 'plain', () => Promise.reject(new Error('asked')), () => {});
    expect(key.type).toBe('ssh-ed25519');
  });

  it.each(['enc', 'enc-pem'])('asks again after a wrong passphrase (%s)', async (name) => {
    const asked: number[] = [];
    const key = await decryptKey(await readFile(join(dir, name)), name, async (attempt) => (asked.push(attempt), attempt === 1 ? 'wrong' : 'right'), () => {});
    expect(key.isPrivateKey()).toBe(true);
    expect(asked).toEqual([1, 2]);
  });

  it('gives up after three wrong passphrases', async () => {
    await expect(decryptKey(await readFile(join(dir, 'enc')), 'enc', async () => 'wrong', () => {})).rejects.toMatchObject({
      code: 'AUTH_FAILED',
      message: 'Wrong passphrase for key enc.',
    });
  });

  it('rejects a file that is no key', async () => {
    await expect(decryptKey(Buffer.from('hello'), 'x', async () => 'p', () => {})).rejects.toMatchObject({ code: 'AUTH_FAILED', message: expect.stringMatching(/^Cannot use the key file x/) });
    await expect(decryptKey(await readFile(join(dir, 'plain.pub')), 'pub', async () => 'p', () => {})).rejects.toMatchObject({ message: expect.stringMatching(/public key/) });
  });
});
