/**
 * Transfers as a person starts them in the browser host: drag a local file
 * onto the remote pane and watch it in the queue; drop a file "from the OS"
 * (a DataTransfer carrying a File); download by dragging back; cancel an item
 * and retry it.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireServer } from '../main/engine/testing/availability.js';
import { README_TEXT, makeBrowseFixture } from '../main/engine/testing/fixtures.js';
import { startVsftpd, type RunningServer } from '../main/engine/testing/servers/index.js';
import { startBrowserHost, type BrowserHost } from './support/browser-host.js';
import { chromiumMissing, launchChromium } from './support/chromium.js';

const server = requireServer('vsftpd');
const browserMissing = chromiumMissing();
const skip = server.skip ? server.reason : browserMissing;
const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

describe.skipIf(skip !== null)(`transfers through the browser host${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let ftp: RunningServer;
  let host: BrowserHost;
  let browser: Browser;
  let page: Page;
  let localDir: string;
  const big = randomBytes(8 * 1024 * 1024);

  beforeAll(async () => {
    ftp = await startVsftpd({});
    await makeBrowseFixture(ftp.root);
    localDir = await mkdtemp(join(tmpdir(), 'ferry-e2e-transfers-'));
    await writeFile(join(localDir, 'upload-me.bin'), big);
    host = await startBrowserHost();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(host.url);
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    await ftp?.stop();
    if (localDir) await rm(localDir, { recursive: true, force: true });
  });

  const row = (grid: string, name: string) =>
    page.getByRole('grid', { name: grid }).getByRole('row').filter({ has: page.getByRole('gridcell', { name, exact: true }) });
  const queue = () => page.getByRole('region', { name: 'Transfer queue' });
  const tab = (name: 'Queued' | 'Failed' | 'Done') => queue().getByRole('tab', { name: new RegExp(`^${name}`) });
  const queueText = async (): Promise<string> => (await queue().textContent()) ?? '';

  async function setUploadLimit(kib: string): Promise<void> {
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await settings.getByLabel('Upload limit (KiB/s)').fill(kib);
    await settings.getByRole('button', { name: 'Save transfer settings' }).click();
    await expect.poll(async () => (await settings.textContent()) ?? '').toContain('Transfer settings saved.');
    await settings.getByRole('button', { name: 'Close', exact: true }).click();
  }

  it('connects and shows the queue panel with its three tabs', async () => {
    for (const name of ['Queued', 'Failed', 'Done'] as const) await expect.poll(() => tab(name).count()).toBe(1);
    await page.getByLabel('Host').fill(ftp.host);
    await page.getByLabel('Port').fill(String(ftp.port));
    await page.getByLabel('Username').fill(ftp.user);
    await page.getByLabel('Password', { exact: true }).fill(ftp.password);
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect.poll(() => row('Remote files', 'readme.txt').count()).toBe(1);
    const localPath = page.getByLabel('Local path');
    await localPath.fill(localDir);
    await localPath.press('Enter');
    await expect.poll(() => row('Local files', 'upload-me.bin').count()).toBe(1);
  });

  it('uploads a dragged local file with visible progress and lists it remotely', async () => {
    await setUploadLimit('2048'); // slow enough to watch the progress bar move
    const remoteGrid = page.getByRole('grid', { name: 'Remote files' });
    const box = await remoteGrid.boundingBox();
    await row('Local files', 'upload-me.bin').dragTo(remoteGrid, { targetPosition: { x: 200, y: (box?.height ?? 100) - 8 } });
    const bar = queue().getByRole('progressbar', { name: /Progress of .*upload-me\.bin/ });
    await expect.poll(async () => Number((await bar.getAttribute('aria-valuenow').catch(() => null)) ?? 0)).toBeGreaterThan(0);
    await expect.poll(queueText, { timeout: 30_000 }).toMatch(/Done \(1\)/);
    await expect.poll(() => row('Remote files', 'upload-me.bin').count()).toBe(1);
    expect(sha256(await readFile(join(ftp.root, 'upload-me.bin')))).toBe(sha256(big));
  });

  it('uploads a file dropped from the operating system', async () => {
    const transfer = await page.evaluateHandle(() => {
      const data = new DataTransfer();
      data.items.add(new File(['from the OS\n'.repeat(1000)], 'os-drop.txt', { type: 'text/plain' }));
      return data;
    });
    const remoteGrid = page.getByRole('grid', { name: 'Remote files' });
    await remoteGrid.dispatchEvent('dragover', { dataTransfer: transfer });
    await remoteGrid.dispatchEvent('drop', { dataTransfer: transfer });
    await expect.poll(() => row('Remote files', 'os-drop.txt').count(), { timeout: 30_000 }).toBe(1);
    expect(await readFile(join(ftp.root, 'os-drop.txt'), 'utf8')).toBe('from the OS\n'.repeat(1000));
  });

  it('downloads a remote file dragged onto the local pane', async () => {
    const localGrid = page.getByRole('grid', { name: 'Local files' });
    const box = await localGrid.boundingBox();
    await row('Remote files', 'readme.txt').dragTo(localGrid, { targetPosition: { x: 200, y: (box?.height ?? 100) - 8 } });
    await expect.poll(() => row('Local files', 'readme.txt').count(), { timeout: 30_000 }).toBe(1);
    expect(await readFile(join(localDir, 'readme.txt'), 'utf8')).toBe(README_TEXT);
  });

  it('cancels a running upload and retries it to completion', async () => {
    await setUploadLimit('256');
    await writeFile(join(localDir, 'cancel-me.bin'), big);
    await page.getByRole('button', { name: 'Refresh' }).first().click();
    await expect.poll(() => row('Local files', 'cancel-me.bin').count()).toBe(1);
    await row('Local files', 'cancel-me.bin').click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Upload' }).click();

    await tab('Queued').click();
    const running = queue().getByRole('row').filter({ hasText: 'cancel-me.bin' });
    await expect.poll(() => running.count()).toBe(1);
    await running.click();
    await queue().getByRole('button', { name: 'Cancel selected' }).click();
    await expect.poll(queueText).toMatch(/Failed \(1\)/);

    await setUploadLimit('');
    await tab('Failed').click();
    await queue().getByRole('row').filter({ hasText: 'cancel-me.bin' }).click();
    await queue().getByRole('button', { name: 'Retry failed' }).click();
    await expect.poll(queueText, { timeout: 30_000 }).toMatch(/Failed \(0\)/);
    await expect.poll(async () => sha256(await readFile(join(ftp.root, 'cancel-me.bin')).catch(() => Buffer.alloc(0))), { timeout: 30_000 }).toBe(sha256(big));
  });
});
