/**
 * A person with the Site Manager in the browser host: create a site for a
 * running server (choosing a master password when asked), reload the page,
 * open the Site Manager again and connect from the tree.
 */
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

describe.skipIf(skip !== null)(`Site Manager through the browser host${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let ftp: RunningServer;
  let host: BrowserHost;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ftp = await startVsftpd({});
    await makeBrowseFixture(ftp.root);
    host = await startBrowserHost();
    browser = await launchChromium();
    page = await browser.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    await ftp?.stop();
  });

  const remoteRow = (name: string) =>
    page.getByRole('grid', { name: 'Remote files' }).getByRole('row').filter({ has: page.getByRole('gridcell', { name, exact: true }) });

  it('creates a site, survives a reload, and connects from the tree', async () => {
    await page.goto(host.url);
    await page.getByRole('button', { name: 'Site Manager', exact: true }).click();
    const manager = page.getByRole('dialog', { name: 'Site Manager' });
    await expect.poll(() => manager.count()).toBe(1);

    await manager.getByRole('button', { name: 'New site', exact: true }).click();
    await manager.getByLabel('Name', { exact: true }).fill('E2E vsftpd');
    await manager.getByLabel('Protocol', { exact: true }).selectOption({ label: 'FTP — plain (insecure)' });
    await manager.getByLabel('Host', { exact: true }).fill(ftp.host);
    await manager.getByLabel('Port', { exact: true }).fill(String(ftp.port));
    await manager.getByLabel('User', { exact: true }).fill(ftp.user);
    await manager.getByLabel('Password', { exact: true }).fill(ftp.password);
    await manager.getByRole('button', { name: 'Save', exact: true }).click();

    // the browser host has no OS keychain: Ferry asks for a master password for its vault
    const vault = page.getByRole('dialog', { name: 'Create a master password' });
    await expect.poll(() => vault.count()).toBe(1);
    await vault.getByLabel('Master password').fill('e2e master password');
    await vault.getByRole('button', { name: 'OK', exact: true }).click();
    const tree = manager.getByRole('tree', { name: 'Sites' });
    await expect.poll(() => tree.getByRole('treeitem', { name: /E2E vsftpd/ }).count()).toBe(1);

    await page.reload();
    await page.getByRole('button', { name: 'Site Manager', exact: true }).click();
    const reopened = page.getByRole('dialog', { name: 'Site Manager' });
    const item = reopened.getByRole('tree', { name: 'Sites' }).getByRole('treeitem', { name: /E2E vsftpd/ });
    await expect.poll(() => item.count()).toBe(1);
    await item.dblclick();

    await expect.poll(() => remoteRow('readme.txt').count()).toBe(1);
    expect(await page.getByRole('dialog', { name: 'Site Manager' }).count()).toBe(0);
    // the password went from the vault to the server without passing through the page
    expect(await page.content()).not.toContain(ftp.password);
  });
});
