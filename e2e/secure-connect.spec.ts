/**
 * Trust before the password, as a person meets it: an FTPS server with a
 * self-signed certificate and an SFTP server with an unknown host key each
 * raise a dialog showing the fingerprint; trusting it shows the listing; an
 * SFTP reconnect after "Always trust" asks nothing.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { requireServer } from '../main/engine/testing/availability.js';
import { testCert } from '../main/engine/testing/cert.js';
import { makeBrowseFixture } from '../main/engine/testing/fixtures.js';
import { startSshd, startVsftpd, type RunningServer } from '../main/engine/testing/servers/index.js';
import { startBrowserHost, type BrowserHost } from './support/browser-host.js';
import { chromiumMissing, launchChromium } from './support/chromium.js';

const ftp = requireServer('vsftpd');
const ssh = requireServer('sshd');
const browserMissing = chromiumMissing();
const skip = ftp.skip ? ftp.reason : ssh.skip ? ssh.reason : browserMissing;

describe.skipIf(skip !== null)(`secure connections through the browser host${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let ftps: RunningServer;
  let sshd: RunningServer;
  let host: BrowserHost;
  let browser: Browser;
  let page: Page;
  let home: string;

  beforeAll(async () => {
    // A private HOME so the test never reads or writes the real ~/.ssh/known_hosts.
    home = await mkdtemp(join(tmpdir(), 'ferry-e2e-home-'));
    [ftps, sshd] = await Promise.all([startVsftpd({ tls: 'explicit' }), startSshd({})]);
    await Promise.all([makeBrowseFixture(ftps.root), makeBrowseFixture(sshd.root)]);
    host = await startBrowserHost({ HOME: home });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    await Promise.all([ftps?.stop(), sshd?.stop()]);
    if (home) await rm(home, { recursive: true, force: true });
  });

  beforeEach(async () => {
    await page?.close();
    page = await browser.newPage();
    await page.goto(host.url);
  });

  const row = (name: string) =>
    page.getByRole('grid', { name: 'Remote files' }).getByRole('row').filter({ has: page.getByRole('gridcell', { name, exact: true }) });

  async function fillQuickConnect(server: RunningServer, protocolLabel: string): Promise<void> {
    await page.getByLabel('Protocol').selectOption({ label: protocolLabel });
    await page.getByLabel('Host').fill(server.host);
    await page.getByLabel('Port').fill(String(server.port));
    await page.getByLabel('Username').fill(server.user);
    await page.getByLabel('Password', { exact: true }).fill(server.password);
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
  }

  it('shows the unknown certificate with its fingerprint before logging in, and lists after trusting it', async () => {
    await fillQuickConnect(ftps, 'FTP — require explicit TLS');
    const dialog = page.getByRole('dialog', { name: 'Unknown certificate' });
    await expect.poll(() => dialog.count()).toBe(1);
    const { fingerprint256 } = await testCert();
    expect(await dialog.textContent()).toContain(fingerprint256);
    expect(await dialog.textContent()).toMatch(/self-signed/i);
    // nothing was sent for the login while the question is open
    expect(await page.getByRole('region', { name: 'Message log' }).textContent()).not.toContain('USER ');
    await dialog.getByRole('button', { name: 'Trust once' }).click();
    await expect.poll(() => row('readme.txt').count()).toBe(1);
    // the log arrives in batches (a few a second): poll rather than read once
    await expect.poll(async () => (await page.getByRole('region', { name: 'Message log' }).textContent()) ?? '').toContain('PROT P');
  });

  it('shows the unknown host key, lists after "Always trust", and reconnects without asking', async () => {
    await fillQuickConnect(sshd, 'SFTP — SSH File Transfer Protocol');
    const dialog = page.getByRole('dialog', { name: 'Unknown host key' });
    await expect.poll(() => dialog.count()).toBe(1);
    const offered = (await dialog.textContent()) ?? '';
    const fingerprints = (sshd.hostKeys ?? []).map((key) => execFileSync('ssh-keygen', ['-l', '-f', key]).toString().split(' ')[1]);
    expect(fingerprints.some((fingerprint) => fingerprint !== undefined && offered.includes(fingerprint))).toBe(true);
    await dialog.getByRole('button', { name: 'Always trust' }).click();
    await expect.poll(() => row('readme.txt').count()).toBe(1);

    await page.getByRole('button', { name: 'Disconnect', exact: true }).click();
    await expect.poll(() => row('readme.txt').count()).toBe(0);
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect.poll(() => row('readme.txt').count()).toBe(1);
    expect(await page.getByRole('dialog').count()).toBe(0);
  });
});
