/**
 * What a row drag between the two grids carries: which side it came from and
 * the dragged entries' absolute paths and types, under Ferry's own MIME type
 * so a drop from anywhere else (the OS, another app) is never mistaken for
 * one. Parsing is strict: a malformed payload is ignored, not half-used.
 */
import type { EntryType } from '../../../shared/model/entry.js';

export const DRAG_MIME = 'application/x-ferry-entries';

export type PaneSide = 'local' | 'remote';

/** A second, empty type naming the source side: types (unlike data) can be read during dragover. */
export function sideMarker(side: PaneSide): string {
  return `application/x-ferry-from-${side}`;
}

export interface DraggedEntry {
  readonly path: string;
  readonly type: EntryType;
}

export interface DragPayload {
  readonly side: PaneSide;
  /** The session the paths belong to (`local`, or the remote session id). */
  readonly sessionId: string;
  readonly entries: readonly DraggedEntry[];
}

const TYPES: readonly EntryType[] = ['file', 'dir', 'link', 'other'];

export function encodeDragPayload(payload: DragPayload): string {
  return JSON.stringify({ v: 1, ...payload });
}

/** The payload, or null when `text` is not a well-formed Ferry drag. */
export function parseDragPayload(text: string | null | undefined): DragPayload | null {
  if (!text) return null;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof data !== 'object' || data === null) return null;
  const { v, side, sessionId, entries } = data as Record<string, unknown>;
  if (v !== 1 || (side !== 'local' && side !== 'remote') || typeof sessionId !== 'string' || !Array.isArray(entries) || entries.length === 0) return null;
  const parsed: DraggedEntry[] = [];
  for (const entry of entries as unknown[]) {
    if (typeof entry !== 'object' || entry === null) return null;
    const { path, type } = entry as Record<string, unknown>;
    if (typeof path !== 'string' || path.length === 0 || path.includes('\0')) return null;
    if (typeof type !== 'string' || !TYPES.includes(type as EntryType)) return null;
    parsed.push({ path, type: type as EntryType });
  }
  return { side, sessionId, entries: parsed };
}

/** Whether a drag carries Ferry rows (types are visible during dragover; data only on drop). */
export function isFerryDrag(types: readonly string[]): boolean {
  return types.includes(DRAG_MIME);
}

/** Whether a drag carries files from the OS. */
export function isFileDrag(types: readonly string[]): boolean {
  return types.includes('Files');
}
