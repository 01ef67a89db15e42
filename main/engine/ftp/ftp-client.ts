/**
 * basic-ftp's `Client`, adjusted in the two places where Ferry needs more
 * than the library gives:
 *
 * - listings come back as raw text (with the command that produced them), so
 *   Ferry's own parsers can do year inference, time zones and skip-and-log of
 *   bad lines (basic-ftp parses and would throw on an unknown format);
 * - the protocol log goes to Ferry's log sink instead of the console, with
 *   commands and replies told apart and the password masked.
 */
import { Client } from 'basic-ftp';
import type { FileInfo } from 'basic-ftp';
import { downloadTo } from 'basic-ftp/dist/transfer.js';
import { StringWriter } from 'basic-ftp/dist/StringWriter.js';
import { maskSecrets, type ProtocolLog } from '../protocol-log.js';

/** A listing bigger than this is refused rather than eating memory (≈ 500k entries). */
const MAX_LISTING_BYTES = 64 * 1024 * 1024;

export interface RawListing {
  readonly command: string;
  readonly text: string;
}

export class FerryFtpClient extends Client {
  private lastListing: RawListing | null = null;

  constructor(timeoutMs: number, log: ProtocolLog) {
    super(timeoutMs, { allowSeparateTransferHost: false, maxListingBytes: MAX_LISTING_BYTES });
    this.ftp.verbose = true;
    this.ftp.log = (message: string) => forwardLog(message, log);
  }

  /** Lists the current folder and returns the raw text; `list()`'s MLSD → LIST -a → LIST fallback applies. */
  async listRaw(): Promise<RawListing> {
    this.lastListing = null;
    await this.list();
    const listing = this.lastListing as RawListing | null;
    if (!listing) throw new Error('The server sent no listing.');
    return listing;
  }

  protected override async _requestListWithCommand(command: string): Promise<FileInfo[]> {
    const buffer = new StringWriter(MAX_LISTING_BYTES);
    await downloadTo(buffer, { ftp: this.ftp, tracker: this._progressTracker, command, remotePath: '', type: 'list' });
    this.lastListing = { command, text: buffer.getText(this.ftp.encoding) };
    return [];
  }
}

/** Splits basic-ftp's log messages into Ferry log kinds. */
function forwardLog(message: string, log: ProtocolLog): void {
  if (message.startsWith('> ')) {
    log('command', maskSecrets(message.slice(2).replace(/^PASS ###$/, 'PASS ****')));
    return;
  }
  if (message.startsWith('< ')) {
    for (const line of message.slice(2).split(/\r?\n/)) if (line.trim()) log('reply', line);
    return;
  }
  log('info', message);
}
