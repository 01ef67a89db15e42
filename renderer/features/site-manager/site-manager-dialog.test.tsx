/**
 * The Site Manager's markup, rendered on the server (no DOM here): the roles,
 * names and labels that keyboard and screen-reader users (and the e2e tests)
 * rely on.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { makeFolder, makeSite } from '../../../shared/model/site.js';
import type { SitesState } from '../../../shared/model/sites-state.js';
import { createSitesStore } from '../../stores/sites-store.js';
import { createFakeApi } from '../../stores/testing/fake-api.js';
import { READ_ONLY_NOTE, SiteManagerDialog } from './site-manager-dialog.js';

const SHOP = makeSite('shop', 'Shop', { protocol: 'ftpes', host: 'shop.example.com', user: 'ann', secret: 'stored', color: 'red' });
const STATE: SitesState = {
  tree: [makeFolder('work', 'Work', [SHOP]), makeFolder('home', 'Home'), makeSite('nas', 'NAS', { protocol: 'sftp', host: 'nas.local', user: 'me' })],
  recent: [],
  problem: null,
  readOnly: false,
  secrets: { kind: 'vault', unlocked: true },
};

function render(selectId: string | null, state: SitesState = STATE): string {
  const sites = createSitesStore(createFakeApi());
  sites.setState({ sites: state });
  // Server rendering reads the store's initial state (useSyncExternalStore's server snapshot).
  const seeded = { ...sites, getInitialState: sites.getState };
  return renderToStaticMarkup(<SiteManagerDialog sites={seeded} selectId={selectId} onClose={() => undefined} onConnect={() => undefined} />);
}

const attrs = (tag: string): Record<string, string> => Object.fromEntries([...tag.matchAll(/([\w-]+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
const buttons = (html: string): string[] => [...html.matchAll(/<button[^>]*>(.*?)<\/button>/g)].map((m) => (m[1] ?? '').replace(/<[^>]+>/g, ''));
const labels = (html: string): string[] => [...html.matchAll(/<label[^>]*for="[^"]+"[^>]*>([^<]*)<\/label>/g)].map((m) => m[1] ?? '');

describe('Site Manager dialog', () => {
  it('is a modal dialog named "Site Manager" with a "Sites" tree of levelled, selectable items', () => {
    const html = render('shop');
    expect(html).toMatch(/<dialog[^>]*role="dialog"[^>]*aria-modal="true"/);
    expect(html).toMatch(/<h2 id="[^"]+" class="dialog-title">Site Manager<\/h2>/);
    expect(html).toMatch(/role="tree" aria-label="Sites"/);
    const items = [...html.matchAll(/<div role="treeitem"[^>]*>/g)].map((m) => attrs(m[0]));
    // the selected site's folder is open
    expect(items.map((a) => [a['data-id'], a['aria-level'], a['aria-expanded'], a['aria-selected']])).toEqual([
      ['work', '1', 'true', 'false'],
      ['shop', '2', undefined, 'true'],
      ['home', '1', 'false', 'false'],
      ['nas', '1', undefined, 'false'],
    ]);
    expect(items.filter((a) => a.tabindex === '0').map((a) => a['data-id'])).toEqual(['shop']);
    expect(html).toMatch(/<span class="site-dot site-dot-red" aria-hidden="true" title="Red"><\/span><span class="tree-name">Shop<\/span>/);
  });

  it('has the tree, form and dialog buttons', () => {
    expect(buttons(render('shop'))).toEqual(
      expect.arrayContaining(['New site', 'New folder', 'Rename', 'Duplicate', 'Delete', 'Clear saved password', 'Add bookmark', 'Import…', 'Export…', 'Save', 'Connect', 'Close']),
    );
  });

  it('labels every control of the selected site’s form, and never shows the stored password', () => {
    const html = render('shop');
    expect(labels(html)).toEqual(
      expect.arrayContaining(['Search sites', 'Name', 'Protocol', 'Host', 'Port', 'Logon type', 'User', 'Password', 'Transfer mode', 'Charset', 'Maximum TLS version', 'Maximum connections', 'Timeout (seconds)', 'Initial remote folder', 'Initial local folder', 'Colour', 'Comments']),
    );
    for (const match of html.matchAll(/<(input|select|textarea)[^>]*>/g)) {
      const a = attrs(match[0]);
      if (a.type === 'file' || a.type === 'checkbox') continue;
      expect(html, `control ${a.id} has a label`).toContain(`for="${a.id}"`);
    }
    expect(html).toMatch(/<label class="checkbox"><input type="checkbox"\/>Upload to temporary names<\/label>/);
    expect(html).toMatch(/<input[^>]*type="password"[^>]*placeholder="\(unchanged\)"/);
    expect(html).toMatch(/<input[^>]*type="password"[^>]*value=""/);
  });

  it('shows key file and passphrase only for key logons', () => {
    expect(labels(render('shop'))).not.toContain('Key file');
    const keyed: SitesState = { ...STATE, tree: [makeSite('k', 'Key', { protocol: 'sftp', host: 'h', user: 'u', logonType: 'key', keyFile: '~/.ssh/id' })] };
    expect(labels(render('k', keyed))).toEqual(expect.arrayContaining(['Key file', 'Key passphrase']));
  });

  it('summarises a folder and, read-only, explains why editing is off', () => {
    expect(render('work')).toContain('This folder holds 1 site.');
    const html = render('shop', { ...STATE, readOnly: true });
    expect(html).toContain(READ_ONLY_NOTE);
    expect(html).toMatch(/<fieldset class="site-form-fields" disabled="">/);
    expect(html).toMatch(/<button type="button" class="button" disabled="">New site<\/button>/);
  });
});
