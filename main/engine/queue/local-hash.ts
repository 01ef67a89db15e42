/**
 * Checksums of local files, in the same form servers answer (lowercase hex;
 * CRC-32 as 8 hex digits), streamed so a 10 GB file never sits in memory.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { crc32 } from 'node:zlib';
import type { ChecksumAlgorithm } from '../../../shared/model/transfer.js';

export async function hashLocalFile(path: string, algorithm: ChecksumAlgorithm, signal?: AbortSignal): Promise<string> {
  const stream = createReadStream(path, { highWaterMark: 1024 * 1024, signal });
  if (algorithm === 'crc32') {
    let crc = 0;
    for await (const chunk of stream) crc = crc32(chunk as Buffer, crc);
    return crc.toString(16).padStart(8, '0');
  }
  const hash = createHash(algorithm);
  for await (const chunk of stream) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
