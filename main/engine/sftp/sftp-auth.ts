/**
 * SSH user authentication (RFC 4252) driven by Ferry's logon type, through
 * ssh2's `authHandler` so the order of methods, the questions asked and the
 * final error are ours rather than ssh2's "All configured authentication
 * methods failed".
 *
 * Secrets the user typed (an `ask` password, a decrypted key) are kept in the
 * `AuthMemory` of one `SftpFs`, so a reconnect does not ask again; nothing is
 * ever logged but method names, key types and fingerprints.
 */
import { readFile } from 'node:fs/promises';
import type { AnyAuthMethod, AuthenticationType, AuthHandlerMiddleware, KeyboardInteractiveCallback, ParsedKey, Prompt } from 'ssh2';
import { FerryError } from '../../../shared/errors.js';
import type { ConnectOptions, LogonType } from '../../../shared/model/session.js';
import type { ProtocolLog } from '../protocol-log.js';
import type { SecurityHooks } from '../security-hooks.js';
import { sha256Fingerprint } from './host-key.js';
import { decryptKey, PASSPHRASE_ATTEMPTS } from './private-key.js';

/** What one `SftpFs` remembers between connections. */
export interface AuthMemory {
  password?: string;
  key?: ParsedKey;
}

export interface AuthInput {
  readonly options: ConnectOptions;
  readonly security: SecurityHooks;
  readonly log: ProtocolLog;
  readonly memory: AuthMemory;
  /** True while a person is being asked, so the connect deadline pauses. */
  readonly onWaiting: (waiting: boolean) => void;
  /** Where the agent lives; `SSH_AUTH_SOCK` (or Pageant on Windows) when omitted. */
  readonly agentSocket?: string | null;
}

export interface AuthFlow {
  readonly authHandler: AuthHandlerMiddleware;
  /** Why we gave up, in words the user can act on; null while nothing failed for good. */
  readonly failure: () => FerryError | null;
  /** The method in use, for "Authenticated with …" ("publickey (ed25519)"). */
  readonly current: () => string | null;
  /** ssh2 reports agent trouble as a separate 'error' before moving on; keep it for the final message. */
  readonly noteAgentError: (error: Error) => void;
}

/** Methods tried for each logon type, in order; more may follow a partial success (RFC 4252 §5.1). */
const METHODS: Readonly<Record<LogonType, readonly AuthenticationType[]>> = {
  normal: ['password', 'keyboard-interactive'],
  anonymous: ['password', 'keyboard-interactive'],
  ask: ['password', 'keyboard-interactive'],
  key: ['publickey'],
  agent: ['agent'],
  interactive: ['keyboard-interactive'],
};

const LABEL: Partial<Record<AuthenticationType, string>> = {
  password: 'password login',
  'keyboard-interactive': 'keyboard-interactive login',
  publickey: 'key login',
  agent: 'key login (SSH agent)',
};

/** The agent to use: `SSH_AUTH_SOCK`, else Pageant on Windows (ssh2 `createAgent`), else none. */
export function defaultAgentSocket(env: NodeJS.ProcessEnv = process.env, platform: string = process.platform): string | null {
  if (env.SSH_AUTH_SOCK) return env.SSH_AUTH_SOCK;
  return platform === 'win32' ? 'pageant' : null;
}

/** Fails before any connection is opened when the logon type cannot work at all. */
export function checkAuthPrerequisites(options: ConnectOptions, agentSocket: string | null): void {
  const logon = options.logonType ?? 'normal';
  if (logon === 'agent' && !agentSocket) {
    throw new FerryError('AUTH_FAILED', 'No SSH agent is running (SSH_AUTH_SOCK is not set). Start ssh-agent and add your key, or choose another logon type.');
  }
  if (logon === 'key' && !options.privateKeyPath) throw new FerryError('INVALID_PARAMS', 'Choose a private key file for key logon.');
}

/** Builds the authentication flow for one connection attempt. */
export function createAuthFlow(input: AuthInput): AuthFlow {
  const { options, security, log, memory } = input;
  const user = options.user;
  const logon = options.logonType ?? 'normal';
  const agentSocket = input.agentSocket === undefined ? defaultAgentSocket() : input.agentSocket;
  const tried = new Set<AuthenticationType>();
  let candidates: AuthenticationType[] = [...METHODS[logon]];
  let offered: AuthenticationType[] = [];
  let failure: FerryError | null = null;
  let current: string | null = null;
  let agentError: string | null = null;
  let keyDescription = '';

  const ask = async <T>(question: () => Promise<T>): Promise<T> => {
    input.onWaiting(true);
    try {
      return await question();
    } finally {
      input.onWaiting(false);
    }
  };

  const password = async (): Promise<string> => {
    if (logon !== 'ask') return options.password;
    if (memory.password !== undefined) return memory.password;
    const value = await ask(() =>
      security.askSecret({ title: 'Password', label: 'Password', message: `Enter the password for ${user}@${options.host}` }),
    );
    memory.password = value;
    return value;
  };

  const loadKey = async (): Promise<ParsedKey> => {
    if (memory.key) return memory.key;
    const path = options.privateKeyPath ?? '';
    const data = await readFile(path).catch((error: unknown) => {
      throw new FerryError('AUTH_FAILED', `Cannot read the key file ${path}: ${(error as Error).message}`, { cause: error });
    });
    const stored = options.keyPassphrase;
    const askPassphrase = (attempt: number): Promise<string> =>
      ask(() =>
        security.askSecret({
          title: 'Key passphrase',
          label: 'Passphrase',
          message: attempt === 1 ? `Enter the passphrase for key ${path}` : `Wrong passphrase for key ${path}. Try again (attempt ${attempt} of ${PASSPHRASE_ATTEMPTS}).`,
        }),
      );
    // A passphrase saved with the site is tried first; a wrong one falls back to asking.
    const key = await decryptKey(data, path, (attempt) => (attempt === 1 && stored !== undefined ? Promise.resolve(stored) : askPassphrase(attempt)), log);
    memory.key = key;
    return key;
  };

  /** Keyboard-interactive: `normal`/`ask` answer a lone hidden prompt with the password once (as FileZilla does), the rest is asked. */
  const prompter = (answerWithPassword: boolean) => {
    let answered = false;
    return (name: string, instructions: string, _lang: string, prompts: Prompt[], finish: KeyboardInteractiveCallback): void => {
      // Only a single hidden prompt that asks for a password; a "Verification code:" goes to the user.
      const lone = prompts.length === 1 && prompts[0]?.echo !== true && /pass/i.test(prompts[0]?.prompt ?? '');
      const reply = answerWithPassword && lone && !answered
        ? password().then((value) => [value])
        : ask(() => security.askKeyboardInteractive({ host: options.host, name, instructions, prompts: prompts.map((p) => ({ prompt: p.prompt, echo: p.echo === true })) }));
      answered = true;
      reply.then(finish, (error: unknown) => {
        failure = asFerryError(error);
        finish([]); // the server counts a failed attempt; the handler then stops with `failure`
      });
    };
  };

  const method = async (type: AuthenticationType): Promise<AnyAuthMethod> => {
    switch (type) {
      case 'password':
        return { type, username: user, password: await password() };
      case 'publickey': {
        const key = await loadKey();
        keyDescription = `${key.type} ${sha256Fingerprint(key.getPublicSSH())}`;
        current = `publickey (${key.type.replace(/^ssh-/, '')})`;
        return { type, username: user, key };
      }
      case 'agent':
        return { type, username: user, agent: agentSocket ?? '' };
      case 'keyboard-interactive':
        return { type, username: user, prompt: prompter(logon === 'normal' || logon === 'ask' || logon === 'anonymous') };
      default:
        return { type: 'none', username: user };
    }
  };

  const giveUp = (): FerryError => {
    const who = `${user}@${options.host}`;
    const ours = candidates.filter((m) => !tried.has(m));
    if (tried.size === 0) {
      const wanted = ours.map((m) => LABEL[m] ?? m).join(' or ');
      return new FerryError('AUTH_FAILED', `The server does not accept ${wanted} for ${who} (it offers: ${offered.join(', ') || 'nothing'}).`);
    }
    if (tried.has('publickey')) return new FerryError('AUTH_FAILED', `The server refused the key ${options.privateKeyPath ?? ''} (${keyDescription}) for ${who}.`);
    if (tried.has('agent')) {
      const why = agentError ? ` The agent said: ${agentError}` : '';
      return new FerryError('AUTH_FAILED', `The server accepted none of the SSH agent's keys for ${who}.${why}`);
    }
    if (tried.has('password') || logon !== 'interactive') {
      delete memory.password; // a typed password that failed must be asked again next time
      return new FerryError('AUTH_FAILED', `Wrong user name or password for ${who}.`);
    }
    return new FerryError('AUTH_FAILED', `Keyboard-interactive login failed for ${who}.`);
  };

  const authHandler: AuthHandlerMiddleware = (methodsLeft, partialSuccess, next) => {
    // ssh2 takes `false` for "no more methods" (its types omit it): it then ends with a client-authentication error.
    const stop = (): void => (next as (method: unknown) => void)(false);
    if (failure) return stop();
    if (methodsLeft === null) return next({ type: 'none', username: user }); // learn what the server offers (RFC 4252 §5.2)
    offered = methodsLeft;
    if (partialSuccess) {
      // Multi-step logins (e.g. AuthenticationMethods publickey,password): continue with what is left.
      log('info', `Partial success; the server also wants: ${methodsLeft.join(', ')}`);
      const more: AuthenticationType[] = [...candidates, 'publickey', 'password', 'keyboard-interactive'];
      candidates = [...new Set(more)].filter((m) => m !== 'publickey' || Boolean(options.privateKeyPath));
      for (const m of methodsLeft) tried.delete(m);
    }
    // The agent signs with keys: the server lists that as `publickey` (RFC 4252 §7).
    const nextMethod = candidates.find((m) => !tried.has(m) && methodsLeft.includes(m === 'agent' ? 'publickey' : m));
    if (!nextMethod) {
      failure = giveUp();
      log('error', failure.message);
      return stop();
    }
    tried.add(nextMethod);
    current = nextMethod;
    log('info', `Trying ${nextMethod} authentication…`);
    method(nextMethod).then(next, (error: unknown) => {
      failure = asFerryError(error);
      log('error', failure.message);
      stop();
    });
  };

  return {
    authHandler,
    failure: () => failure,
    current: () => current,
    noteAgentError: (error) => {
      agentError = error.message;
      log('error', `SSH agent: ${error.message}`);
    },
  };
}

function asFerryError(error: unknown): FerryError {
  if (error instanceof FerryError) return error;
  return new FerryError('AUTH_FAILED', error instanceof Error ? error.message : String(error), { cause: error });
}
