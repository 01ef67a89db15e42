/**
 * A person with the browser host: connect to vsftpd with the quick-connect
 * bar, browse both panes, read the log, and see a wrong password fail clearly.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { requireServer } from '../main/engine/testing/availability.js';
import { makeBrowseFixture } from '../main/engine/testing/fixtures.js';
import { startVsftpd, type RunningServer } from '../main/engine/testing/servers/index.js';
import { startBrowserHost, type BrowserHost } from './support/browser-host.js';
import { chromiumMissing, launchChromium } from './support/chromium.js';

const server = requireServer('vsftpd');
const browserMissing = chromiumMissing();
const skip = server.skip ? server.reason : browserMissing;

describe.skipIf(skip !== null)(`browsing through the browser host${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let ftp: RunningServer;
  let host: BrowserHost;
  let browser: Browser;
  let page: Page;
  let localDir: string;

  beforeAll(async () => {
    ftp = await startVsftpd({});
    await makeBrowseFixture(ftp.root);
    localDir = await mkdtemp(join(tmpdir(), 'ferry-e2e-local-'));
    await writeFile(join(localDir, 'local-known-file.txt'), 'local\n');
    host = await startBrowserHost();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    await ftp?.stop();
    if (localDir) await rm(localDir, { recursive: true, force: true });
  });

  beforeEach(async () => {
    await page?.close();
    page = await browser.newPage();
    await page.goto(host.url);
  });

  /** The row of a grid whose name cell is exactly `name`. */
  const row = (grid: string, name: string) =>
    page.getByRole('grid', { name: grid }).getByRole('row').filter({ has: page.getByRole('gridcell', { name, exact: true }) });

  async function connect(password: string): Promise<void> {
    await page.getByLabel('Host').fill(ftp.host);
    await page.getByLabel('Port').fill(String(ftp.port));
    await page.getByLabel('Username').fill(ftp.user);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
  }

  it('connects with quick connect, opens a folder and goes back up, and logs the dialogue', async () => {
    await connect(ftp.password);
    await expect.poll(() => row('Remote files', 'readme.txt').count()).toBe(1);
    await expect.poll(() => page.getByRole('button', { name: 'Disconnect', exact: true }).count()).toBe(1);

    await row('Remote files', 'folder with spaces').dblclick();
    await expect.poll(() => page.getByLabel('Remote path').inputValue()).toBe('/folder with spaces');
    await expect.poll(() => row('Remote files', 'readme.txt').count()).toBe(0);

    await page.getByRole('grid', { name: 'Remote files' }).press('Backspace');
    await expect.poll(() => page.getByLabel('Remote path').inputValue()).toBe('/');
    await expect.poll(() => row('Remote files', 'readme.txt').count()).toBe(1);

    // the log arrives in batches (a few a second): poll until the whole login dialogue is there
    const log = page.getByRole('region', { name: 'Message log' });
    const logText = async (): Promise<string> => (await log.textContent()) ?? '';
    await expect.poll(logText).toContain(`USER ${ftp.user}`);
    await expect.poll(logText).toContain('PASS ****');
    await expect.poll(logText).toMatch(/230/);
    expect(await logText()).not.toContain(ftp.password);
  });

  it('shows a wrong password as one clear error and stays usable', async () => {
    await connect('definitely-wrong');
    const alert = page.getByRole('alert').filter({ hasText: /Login refused/ });
    await expect.poll(() => alert.count()).toBe(1);
    expect(await alert.textContent()).toContain('530');
    expect(await page.getByRole('button', { name: 'Connect', exact: true }).isEnabled()).toBe(true);

    await connect(ftp.password);
    await expect.poll(() => row('Remote files', 'readme.txt').count()).toBe(1);
  });

  it('lists a known local folder in the local pane', async () => {
    const path = page.getByLabel('Local path');
    await path.fill(localDir);
    await path.press('Enter');
    await expect.poll(() => row('Local files', 'local-known-file.txt').count()).toBe(1);
  });
});
