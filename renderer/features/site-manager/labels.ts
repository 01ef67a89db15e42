/**
 * Words for the Site Manager's choices, in one place so the tree, the form,
 * the menus and the tests spell them alike.
 */
import type { Protocol, TlsVersion } from '../../../shared/model/session.js';
import type { SiteColor, SiteTransferMode } from '../../../shared/model/site.js';

/** Short protocol names for one-line summaries (menus, the recent-servers list). */
export const PROTOCOL_SHORT_LABELS: Readonly<Record<Protocol, string>> = {
  ftp: 'FTP',
  ftpes: 'FTPES',
  ftps: 'FTPS',
  'ftp-plain': 'FTP, plain',
  sftp: 'SFTP',
};

/** Colour names for the select and the dot’s tooltip. */
export const COLOR_LABELS: Readonly<Record<SiteColor, string>> = {
  red: 'Red',
  green: 'Green',
  blue: 'Blue',
  yellow: 'Yellow',
  cyan: 'Cyan',
  magenta: 'Magenta',
  orange: 'Orange',
};

/** "Default" follows the app-wide setting (passive). */
export const TRANSFER_MODE_LABELS: Readonly<Record<SiteTransferMode, string>> = {
  default: 'Default',
  passive: 'Passive',
  active: 'Active',
};

/** Empty value: no ceiling, the newest both sides support. */
export const TLS_VERSION_OPTIONS: readonly { readonly value: TlsVersion | ''; readonly label: string }[] = [
  { value: '', label: 'Default (newest)' },
  { value: 'TLSv1.2', label: 'TLS 1.2' },
  { value: 'TLSv1.3', label: 'TLS 1.3' },
];
