/** Entry builders for renderer tests: only the fields a test cares about. Test-only. */
import type { Entry } from '../../../shared/model/entry.js';

export function file(name: string, extra: Partial<Entry> = {}): Entry {
  return { name, type: 'file', size: 0, modified: null, permissions: null, owner: null, group: null, linkTarget: null, ...extra };
}

export function dir(name: string, extra: Partial<Entry> = {}): Entry {
  return file(name, { type: 'dir', size: null, ...extra });
}

export function link(name: string, target: string, extra: Partial<Entry> = {}): Entry {
  return file(name, { type: 'link', linkTarget: target, ...extra });
}
