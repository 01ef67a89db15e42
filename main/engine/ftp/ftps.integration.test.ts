/**
 * FTP over TLS end to end through `FtpFs`, against every server that speaks
 * it: explicit (`AUTH TLS`) and implicit, TLS 1.3 and capped at 1.2, passive
 * and active. vsftpd and proftpd refuse data connections that do not resume
 * the control connection's TLS session, so listing, download and upload
 * passing there proves the reuse; a 3 MB round trip must be byte-exact.
 */
import { readFile } from 'node:fs/promises';
import { join as joinLocal } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Protocol, TransferMode } from '../../../shared/model/session.js';
import { requireServer } from '../testing/availability.js';
import { makeBrowseFixture } from '../testing/fixtures.js';
import { giveToTestUser } from '../testing/ownership.js';
import { startProftpd, startPureFtpd, startVsftpd, type RunningServer, type TlsMode } from '../testing/servers/index.js';
import { createTestSecurity } from '../testing/test-security.js';
import { FtpFs } from './ftp-fs.js';
import { join, localTempDir, recordLog, serverOptions, sha256, sha256File, writeRandomFile } from './ftp-tests.testing.js';

interface Variant {
  readonly kind: 'vsftpd' | 'pure-ftpd' | 'proftpd';
  readonly start: typeof startVsftpd;
  readonly tls: Exclude<TlsMode, 'none'>;
  readonly protocol: Protocol;
}

const VARIANTS: readonly Variant[] = [
  { kind: 'vsftpd', start: startVsftpd, tls: 'explicit', protocol: 'ftpes' },
  { kind: 'vsftpd', start: startVsftpd, tls: 'implicit', protocol: 'ftps' },
  { kind: 'pure-ftpd', start: startPureFtpd, tls: 'explicit', protocol: 'ftpes' },
  // 'ftp' = TLS when offered: must end up encrypted against a TLS server.
  { kind: 'proftpd', start: startProftpd, tls: 'explicit', protocol: 'ftp' },
  { kind: 'proftpd', start: startProftpd, tls: 'implicit', protocol: 'ftps' },
];

const BIG = 'big.bin';
const BIG_BYTES = 3 * 1024 * 1024;

for (const variant of VARIANTS) {
  const availability = requireServer(variant.kind);
  const title = `${variant.protocol} on ${variant.kind} (${variant.tls} TLS)`;
  describe.skipIf(availability.skip)(title, () => {
    let server: RunningServer;
    let local: string;
    let big: Buffer;
    beforeAll(async () => {
      server = await variant.start({ tls: variant.tls });
      await makeBrowseFixture(server.root);
      big = await writeRandomFile(joinLocal(server.root, BIG), BIG_BYTES);
      await giveToTestUser(server.root);
      local = await localTempDir('ferry-ftps-local-');
    });
    afterAll(async () => {
      await server?.stop();
    });

    const cases: { mode: TransferMode; cap?: 'TLSv1.2' }[] = [{ mode: 'passive' }, { mode: 'active' }, { mode: 'passive', cap: 'TLSv1.2' }];
    for (const { mode, cap } of cases) {
      it(`lists, downloads 3 MB and uploads it back byte-exact (${mode}, ${cap ? 'capped at TLS 1.2' : 'TLS 1.3'})`, async () => {
        const recorder = recordLog();
        const security = createTestSecurity({ certificate: () => true });
        const options = serverOptions(server, variant.protocol, { transferMode: mode, ...(cap ? { maxTlsVersion: cap } : {}) });
        const { fs, facts } = await FtpFs.connect(options, { log: recorder.log, security });
        try {
          expect(facts.encryption).toContain(cap ?? 'TLSv1.3');
          expect(security.certificates).toHaveLength(1);
          const root = await fs.list(facts.home);
          expect(root.entries.map((e) => e.name)).toEqual(expect.arrayContaining(['readme.txt', 'folder with spaces', 'ünïcødé-名前.txt', BIG]));
          expect((await fs.list(join(facts.home, 'many'))).entries).toHaveLength(2000);

          const tag = `${mode}-${cap ?? '13'}`;
          const downloaded = joinLocal(local, `down-${tag}.bin`);
          const progress: number[] = [];
          const down = await fs.download(join(facts.home, BIG), downloaded, { onProgress: (b) => progress.push(b) });
          expect(down.bytes).toBe(BIG_BYTES);
          expect(await sha256File(downloaded)).toBe(sha256(big));
          expect(progress.at(-1)).toBe(BIG_BYTES);

          const remote = join(facts.home, `up-${tag}.bin`);
          const up = await fs.upload(downloaded, remote);
          expect(up.bytes).toBe(BIG_BYTES);
          expect(sha256(await readFile(joinLocal(server.root, `up-${tag}.bin`)))).toBe(sha256(big));
          expect(await fs.size(remote)).toBe(BIG_BYTES);
          expect(await fs.size(join(facts.home, 'no-such-file'))).toBeNull();

          expect(recorder.sent('PBSZ')).toBe(true);
          expect(recorder.sent('PROT P')).toBe(true);
          if (variant.tls === 'implicit') expect(recorder.sent('AUTH')).toBe(false);
          // pure-ftpd 1.0.50 issues no TLS 1.3 tickets (and does not require reuse); the others must resume.
          if (variant.kind !== 'pure-ftpd') expect(recorder.lines.some(([, text]) => text.includes('not resumed'))).toBe(false);
        } finally {
          await fs.close();
        }
      });
    }
  });
}
