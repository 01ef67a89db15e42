/**
 * The one real system account the test servers log in as. vsftpd only knows
 * system users (via PAM) and OpenSSH checks /etc/shadow itself (`UsePAM no`);
 * pure-ftpd and proftpd use virtual users mapped onto this account's uid/gid,
 * so every server reads and writes the same files with the same owner.
 */
import { existsSync, readFileSync } from 'node:fs';
import { chown, mkdir, readFile, writeFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { run } from './run.js';

/** Name of the account the servers authenticate. */
export const TEST_USER = 'ferrytest';
/** Its password on every server (no shell metacharacters, accepted by all). */
export const TEST_PASSWORD = 'Ferry-test-pass1';

/** The account's identity as the servers see it. */
export interface TestUser {
  readonly name: string;
  readonly password: string;
  readonly uid: number;
  readonly gid: number;
  /** The account's passwd home (not a server root: servers get their own folders). */
  readonly home: string;
}

function passwdEntry(name: string): { uid: number; gid: number; home: string; shell: string } | null {
  for (const line of readFileSync('/etc/passwd', 'utf8').split('\n')) {
    const f = line.split(':');
    if (f[0] === name && f.length >= 7) {
      return { uid: Number(f[2]), gid: Number(f[3]), home: f[5] ?? '', shell: f[6] ?? '' };
    }
  }
  return null;
}

/** True when /etc/shadow already holds a SHA-512 crypt of `password` for `name`. */
async function passwordMatches(name: string, password: string): Promise<boolean> {
  const line = (await readFile('/etc/shadow', 'utf8')).split('\n').find((l) => l.startsWith(`${name}:`));
  const hash = line?.split(':')[1] ?? '';
  const m = /^\$6\$([^$]+)\$/.exec(hash);
  if (!m?.[1]) return false;
  const res = await run('openssl', ['passwd', '-6', '-salt', m[1], '-stdin'], { input: `${password}\n` });
  return res.stdout.trim() === hash;
}

/** Runs a shadow-editing command, retrying while another process holds the lock. */
async function withShadowLock(cmd: string, args: string[], input?: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const res = await run(cmd, args, { input, allowFailure: true });
    if (res.code === 0) return;
    if (attempt >= 20) throw new Error(`${cmd} ${args.join(' ')} failed: ${res.stderr.trim()}`);
    await sleep(100 + Math.random() * 200);
  }
}

async function setUp(): Promise<TestUser> {
  if (process.getuid?.() !== 0) throw new Error('creating the test user needs root');
  let entry = passwdEntry(TEST_USER);
  if (!entry) {
    // Another process may create it at the same moment: re-read instead of trusting the exit code.
    await run('useradd', ['-m', '-s', '/bin/bash', '-c', 'Ferry test servers', TEST_USER], { allowFailure: true });
    entry = passwdEntry(TEST_USER);
    if (!entry) throw new Error(`useradd ${TEST_USER} did not create the account`);
  }
  if (entry.shell !== '/bin/bash') {
    // vsftpd's PAM stack (pam_shells) refuses accounts whose shell is not in /etc/shells.
    await withShadowLock('usermod', ['-s', '/bin/bash', TEST_USER]);
  }
  if (!(await passwordMatches(TEST_USER, TEST_PASSWORD))) {
    await withShadowLock('chpasswd', [], `${TEST_USER}:${TEST_PASSWORD}\n`);
  }
  // Debian's /etc/pam.d/vsftpd denies every account listed in /etc/ftpusers.
  if (existsSync('/etc/ftpusers')) {
    const lines = (await readFile('/etc/ftpusers', 'utf8')).split('\n');
    if (lines.some((l) => l.trim() === TEST_USER)) {
      await writeFile('/etc/ftpusers', lines.filter((l) => l.trim() !== TEST_USER).join('\n'));
    }
  }
  // OpenSSH chdirs to the passwd home before starting the sftp subsystem.
  await mkdir(entry.home, { recursive: true });
  await chown(entry.home, entry.uid, entry.gid);
  return { name: TEST_USER, password: TEST_PASSWORD, uid: entry.uid, gid: entry.gid, home: entry.home };
}

let pending: Promise<TestUser> | undefined;

/**
 * Creates (once per process; idempotent across processes) the `ferrytest`
 * account with shell /bin/bash and the known password, and makes sure vsftpd's
 * PAM rules let it in. Needs root.
 */
export function ensureTestUser(): Promise<TestUser> {
  pending ??= setUp().catch((err: unknown) => {
    pending = undefined;
    throw err;
  });
  return pending;
}
