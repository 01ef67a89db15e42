/** One row of a folder listing, local or remote, as the panes show it. */
export type EntryType = 'file' | 'dir' | 'link' | 'other';

export interface Entry {
  readonly name: string;
  readonly type: EntryType;
  /** Bytes; null when the server did not say. */
  readonly size: number | null;
  /** Milliseconds since the epoch (UTC); null when unknown. */
  readonly modified: number | null;
  /**
   * Unix-style permission string (`rwxr-xr-x`) when known, or the server's raw
   * text (DOS listings have none). Null when unknown.
   */
  readonly permissions: string | null;
  readonly owner: string | null;
  readonly group: string | null;
  /** For `type: 'link'`: where it points, when the server says. */
  readonly linkTarget: string | null;
}

/** A folder's contents with the canonical path the server (or OS) reported for it. */
export interface Listing {
  readonly path: string;
  readonly entries: readonly Entry[];
  /** Lines of a raw listing that did not parse (they are logged, never fatal). */
  readonly skipped: number;
}
