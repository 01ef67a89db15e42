/**
 * The Transfer settings form as text fields (what inputs hold) and its
 * conversion to a `queue.updateSettings` patch: numbers in range, speed limits
 * in KiB/s (empty = unlimited) sent as bytes per second, ASCII extensions
 * as one comma-separated text (dots and case ignored).
 */
import type { ParamsOf } from '../../../shared/ipc/contract.js';
import {
  ASCII_EXTENSION_PATTERN,
  MAX_ASCII_EXTENSIONS,
  MAX_CONCURRENCY,
  MAX_RETRIES,
  MIN_CONCURRENCY,
  type ConflictDefault,
  type QueueSettings,
  type TransferType,
} from '../../../shared/model/transfer.js';

export interface TransferSettingsForm {
  readonly concurrency: string;
  readonly perSiteLimit: string;
  readonly retries: string;
  /** KiB/s; empty = unlimited. */
  readonly downloadLimit: string;
  readonly uploadLimit: string;
  readonly tempNames: boolean;
  readonly verifyChecksums: boolean;
  readonly preserveTimes: boolean;
  readonly defaultConflictAction: ConflictDefault;
  readonly transferType: TransferType;
  /** Comma-separated, e.g. "txt, html, css". */
  readonly asciiExtensions: string;
}

export type SettingsPatch = ParamsOf<'queue.updateSettings'>;

const limitText = (bytes: number | null): string => (bytes === null ? '' : String(Math.round(bytes / 1024)));

export function formFromSettings(settings: QueueSettings): TransferSettingsForm {
  return {
    concurrency: String(settings.concurrency),
    perSiteLimit: String(settings.perSiteLimit),
    retries: String(settings.retries),
    downloadLimit: limitText(settings.downloadLimit),
    uploadLimit: limitText(settings.uploadLimit),
    tempNames: settings.tempNames,
    verifyChecksums: settings.verifyChecksums,
    preserveTimes: settings.preserveTimes,
    defaultConflictAction: settings.defaultConflictAction,
    transferType: settings.transferType,
    asciiExtensions: settings.asciiExtensions.join(', '),
  };
}

function integer(text: string, min: number, max: number, what: string): number | string {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return `${what} must be a whole number from ${min} to ${max}.`;
  const n = Number(t);
  return n < min || n > max ? `${what} must be from ${min} to ${max}.` : n;
}

function limit(text: string, what: string): number | null | string {
  const t = text.trim();
  if (t === '') return null;
  if (!/^\d+$/.test(t) || Number(t) < 1) return `${what} must be a whole number of KiB/s (1 or more), or empty for unlimited.`;
  return Number(t) * 1024;
}

/** "TXT, .html,  css" → ['txt', 'html', 'css'] (duplicates dropped), or a sentence about the first bad one. */
export function parseExtensions(text: string): string[] | string {
  const list: string[] = [];
  for (const part of text.split(/[,;\s]+/)) {
    const ext = part.trim().replace(/^\*?\./, '').toLowerCase();
    if (ext === '') continue;
    if (!ASCII_EXTENSION_PATTERN.test(ext)) return `"${part.trim()}" is not a file extension (letters and digits, up to 16).`;
    if (!list.includes(ext)) list.push(ext);
  }
  return list.length > MAX_ASCII_EXTENSIONS ? `At most ${MAX_ASCII_EXTENSIONS} ASCII extensions.` : list;
}

/** The patch to send, or the first problem (a sentence) to show. */
export function patchFromForm(form: TransferSettingsForm): { patch: SettingsPatch } | { error: string } {
  const concurrency = integer(form.concurrency, MIN_CONCURRENCY, MAX_CONCURRENCY, 'Concurrent transfers');
  if (typeof concurrency === 'string') return { error: concurrency };
  const perSiteLimit = integer(form.perSiteLimit, 1, MAX_CONCURRENCY, 'Connections per site');
  if (typeof perSiteLimit === 'string') return { error: perSiteLimit };
  const retries = integer(form.retries, 0, MAX_RETRIES, 'Retries');
  if (typeof retries === 'string') return { error: retries };
  const downloadLimit = limit(form.downloadLimit, 'Download limit');
  if (typeof downloadLimit === 'string') return { error: downloadLimit };
  const uploadLimit = limit(form.uploadLimit, 'Upload limit');
  if (typeof uploadLimit === 'string') return { error: uploadLimit };
  const asciiExtensions = parseExtensions(form.asciiExtensions);
  if (typeof asciiExtensions === 'string') return { error: asciiExtensions };
  return {
    patch: {
      concurrency,
      perSiteLimit,
      retries,
      downloadLimit,
      uploadLimit,
      tempNames: form.tempNames,
      verifyChecksums: form.verifyChecksums,
      preserveTimes: form.preserveTimes,
      defaultConflictAction: form.defaultConflictAction,
      transferType: form.transferType,
      asciiExtensions,
    },
  };
}
