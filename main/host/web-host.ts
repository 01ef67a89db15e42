/**
 * The browser host: the same core as the Electron app, served to a browser
 * over HTTP (the built renderer) and a WebSocket (the router) on 127.0.0.1.
 * Prints exactly one line with the URL, token included, to stdout.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createCore } from '../services/create-core.js';
import { attachWsBridge } from '../ipc/ws-bridge.js';
import { ensureDataDir, resolveDataDir } from './data-dir.js';
import { openBrowser } from './open-browser.js';
import { createStaticHandler } from './static-server.js';
import { parseWebHostArgs } from './web-host-args.js';

declare const FERRY_VERSION: string;

async function main(): Promise<void> {
  const args = parseWebHostArgs(process.argv.slice(2));
  const dataDir = ensureDataDir(resolveDataDir());
  const core = createCore({ host: 'browser', dataDir, version: typeof FERRY_VERSION === 'string' ? FERRY_VERSION : 'dev', ...(process.env.FERRY_LOCAL_HOME ? { localHome: process.env.FERRY_LOCAL_HOME } : {}) });
  const token = randomBytes(24).toString('base64url');
  let port = args.port;
  const server = createServer((request, response) => {
    void handleStatic(request, response).catch(() => response.writeHead(500).end());
  });
  const handleStatic = createStaticHandler(join(__dirname, '..', 'renderer'), () => port);
  attachWsBridge(server, core.router, core.bus, { token, port: () => port });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(args.port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}/#token=${token}`;
  core.log.write(null, 'info', `Browser host started; data folder ${dataDir}`);
  process.stdout.write(`Ferry is running at ${url}\n`);
  if (args.open) openBrowser(url);

  const stop = (): void => {
    server.close();
    void core.shutdown().finally(() => process.exit(0));
    setTimeout(() => process.exit(0), 3000).unref();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`Ferry could not start the browser host: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
