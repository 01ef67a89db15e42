/**
 * Words for the Settings dialog: when a trust decision was made (a stable,
 * sortable local date and time, the same in every locale so fingerprints and
 * dates line up in the table), and where saved passwords live.
 */
import type { SitesState } from '../../../shared/model/sites-state.js';

const pad = (n: number): string => String(n).padStart(2, '0');

/** `2026-03-01 14:05` in local time; an unknown date (0 or invalid) as an em dash. */
export function formatAddedAt(ms: number): string {
  const date = new Date(ms);
  if (!Number.isFinite(ms) || ms <= 0 || Number.isNaN(date.getTime())) return '—';
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** `host:port`, with brackets around an IPv6 address so the port stays readable. */
export function serverText(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** One sentence on where saved passwords are kept, for the user to know what a master password protects. */
export function secretsText(secrets: SitesState['secrets'] | null): string {
  if (!secrets) return 'Loading…';
  if (secrets.kind === 'os-keychain') return 'Saved passwords are kept in the system keychain.';
  if (secrets.kind === 'ask') return 'Passwords are not saved on this system: Ferry asks for them when connecting.';
  return secrets.unlocked
    ? 'Saved passwords are kept in Ferry’s password vault, protected by your master password. It is unlocked until Ferry quits.'
    : 'Saved passwords are kept in Ferry’s password vault, protected by a master password. Ferry asks for it when a saved password is needed.';
}
