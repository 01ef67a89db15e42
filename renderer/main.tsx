/**
 * The renderer's composition root: the only place that picks the transport,
 * creates the stores and starts them. Everything below receives what it needs
 * as props, so it runs the same against a fake api in tests.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { getApi } from './ipc/get-api.js';
import { createAppStores, startApp } from './stores/app-stores.js';
import { App } from './app.js';
import { createTransferActions } from './features/transfers/transfer-actions.js';
import { createFileOps } from './features/file-ops/file-ops.js';

const api = getApi();
const stores = createAppStores(api);
startApp(api, stores);
const transfers = createTransferActions(api, stores);
const fileOps = createFileOps(api, stores);
fileOps.start();

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
createRoot(container).render(
  <StrictMode>
    <App stores={stores} transfers={transfers} fileOps={fileOps} api={api} />
  </StrictMode>,
);
