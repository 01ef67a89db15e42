/**
 * Benchmark settings from the environment, and the product targets the
 * results are judged against (Ferry time / peer time).
 */

function positiveInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer, got ${JSON.stringify(raw)}`);
  return value;
}

export interface BenchConfig {
  /** Size of the big file in MiB (`FERRY_BENCH_SIZE_MB`, default 1024). */
  readonly sizeMb: number;
  /** Rounds per case (`FERRY_BENCH_ROUNDS`, default 3). */
  readonly rounds: number;
  /** One untimed run of each side before a case's rounds (`FERRY_BENCH_WARMUP=0` turns it off). */
  readonly warmUp: boolean;
  /** Tree shape: `folders` folders of `filesPerFolder` files of `fileSize` bytes. */
  readonly folders: number;
  readonly filesPerFolder: number;
  readonly fileSize: number;
  /** Parallel transfers for the tree cases (lftp `mirror -P`, Ferry's queue concurrency). */
  readonly parallel: number;
  /** Only cases whose name contains one of these (`FERRY_BENCH_ONLY`, comma-separated, case-insensitive). */
  readonly only: readonly string[];
}

export function readConfig(): BenchConfig {
  const files = positiveInt('FERRY_BENCH_TREE_FILES', 2000);
  const folders = 20;
  return {
    sizeMb: positiveInt('FERRY_BENCH_SIZE_MB', 1024),
    rounds: positiveInt('FERRY_BENCH_ROUNDS', 3),
    warmUp: process.env.FERRY_BENCH_WARMUP !== '0',
    folders,
    filesPerFolder: Math.max(1, Math.round(files / folders)),
    fileSize: 4096,
    parallel: 8,
    only: (process.env.FERRY_BENCH_ONLY ?? '')
      .split(',')
      .map((s) => s.trim().toLowerCase())
      .filter(Boolean),
  };
}

export type BenchProtocol = 'FTP' | 'FTPS' | 'SFTP';
export type BenchShape = 'file' | 'tree';
export type BenchDirection = 'download' | 'upload';

/**
 * Highest acceptable Ferry/peer ratio, from the product issue: the big file at
 * or under curl (FTP, FTPS) and OpenSSH sftp (SFTP); the tree at or under
 * 0.8x `lftp mirror -P 8` over FTP and at or under `sftp -r` over SFTP. No
 * target was set for the FTPS tree (null: reported, not judged).
 */
export function targetRatio(protocol: BenchProtocol, shape: BenchShape): number | null {
  if (shape === 'file') return 1;
  if (protocol === 'FTP') return 0.8;
  if (protocol === 'SFTP') return 1;
  return null;
}
