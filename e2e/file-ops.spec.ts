/**
 * File operations as a person does them in the browser host: create, rename
 * and delete by keyboard and by context menu, narrow a pane with the filter,
 * find a nested file with the remote search, and let synchronized browsing
 * follow from one side to the other.
 */
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireServer } from '../main/engine/testing/availability.js';
import { makeBrowseFixture } from '../main/engine/testing/fixtures.js';
import { startVsftpd, type RunningServer } from '../main/engine/testing/servers/index.js';
import { startBrowserHost, type BrowserHost } from './support/browser-host.js';
import { chromiumMissing, launchChromium } from './support/chromium.js';

const server = requireServer('vsftpd');
const browserMissing = chromiumMissing();
const skip = server.skip ? server.reason : browserMissing;
const exists = (path: string): Promise<boolean> => stat(path).then(() => true, () => false);

describe.skipIf(skip !== null)(`file operations through the browser host${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let ftp: RunningServer;
  let host: BrowserHost;
  let browser: Browser;
  let page: Page;
  let localDir: string;

  beforeAll(async () => {
    ftp = await startVsftpd({});
    await makeBrowseFixture(ftp.root);
    localDir = await mkdtemp(join(tmpdir(), 'ferry-e2e-ops-'));
    await mkdir(join(localDir, 'nested', 'a'), { recursive: true });
    host = await startBrowserHost();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(host.url);
    await page.getByLabel('Host').fill(ftp.host);
    await page.getByLabel('Port').fill(String(ftp.port));
    await page.getByLabel('Username').fill(ftp.user);
    await page.getByLabel('Password', { exact: true }).fill(ftp.password);
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    await ftp?.stop();
    if (localDir) await rm(localDir, { recursive: true, force: true });
  });

  const grid = (name: 'Remote files' | 'Local files') => page.getByRole('grid', { name });
  const row = (name: 'Remote files' | 'Local files', file: string) =>
    grid(name).getByRole('row').filter({ has: page.getByRole('gridcell', { name: file, exact: true }) });

  it('creates, renames and deletes a folder with the keyboard', async () => {
    await expect.poll(() => row('Remote files', 'readme.txt').count()).toBe(1);
    await row('Remote files', 'readme.txt').click();
    await grid('Remote files').press('F7');
    const create = page.getByRole('dialog', { name: 'New folder' });
    await create.getByLabel('Name', { exact: true }).fill('made by keys');
    await create.getByRole('button', { name: 'Create', exact: true }).click();
    await expect.poll(() => row('Remote files', 'made by keys').count()).toBe(1);
    await expect.poll(() => exists(join(ftp.root, 'made by keys'))).toBe(true);

    await row('Remote files', 'made by keys').click();
    await grid('Remote files').press('F2');
    const input = page.getByLabel('New name');
    await input.fill('renamed by keys');
    await input.press('Enter');
    await expect.poll(() => row('Remote files', 'renamed by keys').count()).toBe(1);
    await expect.poll(() => exists(join(ftp.root, 'made by keys'))).toBe(false);

    await row('Remote files', 'renamed by keys').click();
    await grid('Remote files').press('Delete');
    const confirm = page.getByRole('dialog', { name: 'Delete' });
    expect(await confirm.textContent()).toContain('renamed by keys');
    await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect.poll(() => row('Remote files', 'renamed by keys').count()).toBe(0);
    await expect.poll(() => exists(join(ftp.root, 'renamed by keys'))).toBe(false);
  });

  it('creates, renames and deletes a folder with the context menu (a folder with content goes recursively)', async () => {
    await row('Remote files', 'readme.txt').click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'New folder' }).click();
    const create = page.getByRole('dialog', { name: 'New folder' });
    await create.getByLabel('Name', { exact: true }).fill('made by menu');
    await create.getByRole('button', { name: 'Create', exact: true }).click();
    await expect.poll(() => row('Remote files', 'made by menu').count()).toBe(1);

    await row('Remote files', 'made by menu').click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Rename' }).click();
    await page.getByLabel('New name').fill('renamed by menu');
    await page.getByLabel('New name').press('Enter');
    await expect.poll(() => row('Remote files', 'renamed by menu').count()).toBe(1);

    await row('Remote files', 'nested').click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Delete' }).click();
    await page.getByRole('dialog', { name: 'Delete' }).getByRole('button', { name: 'Delete', exact: true }).click();
    await expect.poll(() => row('Remote files', 'nested').count()).toBe(0);
    await expect.poll(() => exists(join(ftp.root, 'nested'))).toBe(false);
    await expect.poll(() => exists(join(ftp.root, 'renamed by menu'))).toBe(true);
  });

  it('narrows the rows with the filter box', async () => {
    const filter = page.getByLabel('Filter remote files');
    await filter.fill('*.txt');
    await expect.poll(() => row('Remote files', 'folder with spaces').count()).toBe(0);
    expect(await row('Remote files', 'readme.txt').count()).toBe(1);
    await filter.press('Escape');
    await expect.poll(() => row('Remote files', 'folder with spaces').count()).toBe(1);
  });

  it('finds a nested file with the remote search', async () => {
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Search remote files' });
    await dialog.getByLabel('Name pattern').fill('f0000*');
    await dialog.getByRole('button', { name: 'Search', exact: true }).click();
    const results = dialog.getByRole('table', { name: 'Search results' });
    await expect.poll(async () => (await results.textContent()) ?? '').toContain('/many/f0000.txt');
    expect((await results.textContent()) ?? '').not.toContain('readme.txt');
    await dialog.press('Escape');
  });

  it('follows into the same folder on the other side with synchronized browsing', async () => {
    const localPath = page.getByLabel('Local path');
    await localPath.fill(localDir);
    await localPath.press('Enter');
    await expect.poll(() => row('Local files', 'nested').count()).toBe(1);
    await page.getByLabel('Remote path').fill('/');
    await page.getByLabel('Remote path').press('Enter');
    // the remote side needs the same folder: recreate it (the earlier test deleted it)
    await mkdir(join(ftp.root, 'nested', 'a'), { recursive: true });
    const { giveToTestUser } = await import('../main/engine/testing/ownership.js');
    await giveToTestUser(join(ftp.root, 'nested'));
    await page.getByRole('region', { name: 'Remote pane' }).getByRole('button', { name: 'Refresh', exact: true }).click();
    await expect.poll(() => row('Remote files', 'nested').count()).toBe(1);

    const toggle = page.getByRole('button', { name: 'Synchronized browsing' });
    await toggle.click();
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    await row('Local files', 'nested').dblclick();
    await expect.poll(() => page.getByLabel('Remote path').inputValue()).toBe('/nested');
    await row('Local files', 'a').dblclick();
    await expect.poll(() => page.getByLabel('Remote path').inputValue()).toBe('/nested/a');
  });
});
