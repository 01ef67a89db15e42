/**
 * The one-line summary under a grid ("3 folders, 12 files (4.2 MiB) · 2
 * selected"): what users glance at to check they are in the right folder.
 */
import type { Entry } from '../../../shared/model/entry.js';
import { formatSize } from './format.js';

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export function paneSummary(view: readonly Entry[], selectedCount: number): string {
  let folders = 0;
  let files = 0;
  let bytes = 0;
  for (const entry of view) {
    if (entry.type === 'dir') folders++;
    else {
      files++;
      if (entry.type === 'file' && entry.size !== null) bytes += entry.size;
    }
  }
  const parts = [plural(folders, 'folder'), `${plural(files, 'file')}${files > 0 ? ` (${formatSize(bytes)})` : ''}`];
  const text = parts.join(', ');
  return selectedCount > 0 ? `${text} · ${selectedCount} selected` : text;
}
