/**
 * The pipelined ranged copy behind SFTP downloads and uploads. SFTP lets a
 * client keep many READ/WRITE requests at different offsets in flight
 * (draft-ietf-secsh-filexfer-02 §6.4: "requests may be processed out of
 * order"); one request at a time caps a transfer at one chunk per round trip
 * (~1 MB/s at 50 ms RTT), while 16 × 256 KiB reached ~157 MB/s on loopback.
 *
 * Chunks finish out of order, so the only safe resume point after a failure
 * is the highest byte up to which *every* chunk finished (`contiguous`), not
 * the sum of bytes moved nor the destination's size. Progress reports that
 * count too: the queue stores it, and after a lost connection resumes an
 * upload from no further than it (the remote file may have holes beyond).
 */
import { FerryError } from '../../../shared/errors.js';

/** How long in-flight requests may take to finish after an abort before `onStuck` tears the connection down. */
const SETTLE_GRACE_MS = 3_000;
const PROGRESS_INTERVAL_MS = 250;

export interface PipelineSpec {
  /** First byte to move (the resume offset). */
  readonly start: number;
  /** Expected end (exclusive), e.g. the source size; a download may end earlier or later (see `growable`). */
  readonly end: number;
  readonly chunk: number;
  readonly depth: number;
  /**
   * Moves bytes [pos, pos+len). Resolves how many it moved: fewer than `len`
   * is a short read (the rest is requested again), 0 is end of file.
   */
  readonly move: (pos: number, len: number) => Promise<number>;
  /**
   * Download: the source may be longer than `end` said (it grew after
   * FSTAT), so a full chunk that reaches `end` asks for one more, and the
   * copy ends at the first end-of-file. Upload: exactly [start, end).
   */
  readonly growable: boolean;
  /**
   * Download: `end` is the size the server reported (not a guess). Requests
   * near it ask for what is left plus one byte instead of a whole chunk: the
   * short answer still shows the end without another round trip, and a
   * small file needs a small buffer (a tree of 4 KiB files would otherwise
   * allocate a whole chunk per file).
   */
  readonly endKnown?: boolean;
  readonly signal?: AbortSignal | undefined;
  /** Told the contiguous bytes done (`contiguous - start`), at most every 250 ms and once at the end. */
  readonly onProgress?: ((bytes: number) => void) | undefined;
  /**
   * Speed limit (`TransferOptions.throttle`): awaited with a request's length
   * before that request is issued. A request whose wait ends after the copy
   * stopped is never issued.
   */
  readonly throttle?: ((bytes: number) => Promise<void>) | undefined;
  /**
   * Called when requests are still outstanding a few seconds after a stop
   * (a slow link with megabytes in flight): drop the connection, which fails
   * them at once. The pipeline still waits for every `move` to return, so
   * nothing writes to the destination after it resolves.
   */
  readonly onStuck: () => void;
  /** How long to wait before `onStuck` (default 3 s). */
  readonly graceMs?: number;
}

export interface PipelineResult {
  /** Every byte in [start, contiguous) was moved. */
  readonly contiguous: number;
  /** Where the source ended (download: first end of file; upload: `end`). */
  readonly end: number;
  /** Bytes moved by this call. */
  readonly moved: number;
  /** Why the copy stopped early: CANCELLED for an abort, else the first failure. Null on success. */
  readonly error: FerryError | null;
  /** True when `onStuck` was called (the connection was dropped to stop outstanding requests). */
  readonly dropped: boolean;
}

export function runPipeline(spec: PipelineSpec): Promise<PipelineResult> {
  const { start, chunk, depth, signal } = spec;
  let end = Math.max(spec.end, start);
  let next = start;
  let inFlight = 0;
  let moved = 0;
  let contiguous = start;
  let eof = Number.POSITIVE_INFINITY;
  /** A download found more than `end` promised: from then on it asks for whole chunks. */
  let grew = false;
  let error: FerryError | null = null;
  let lastProgress = 0;
  const done = new Map<number, number>(); // finished range start -> end, waiting for `contiguous` to reach it
  const retry: [number, number][] = []; // remainders of short reads

  return new Promise<PipelineResult>((resolve) => {
    let graceTimer: NodeJS.Timeout | undefined;
    let finished = false;
    let dropped = false;
    const finish = (): void => {
      if (finished) return;
      finished = true;
      clearTimeout(graceTimer);
      signal?.removeEventListener('abort', onAbort);
      const stop = Math.min(end, eof);
      spec.onProgress?.(Math.min(contiguous, stop) - start);
      resolve({ contiguous: Math.min(contiguous, stop), end: stop, moved, error, dropped });
    };
    const stopWith = (reason: FerryError): void => {
      if (error) return;
      error = reason;
      if (inFlight === 0) return finish();
      graceTimer = setTimeout(() => {
        dropped = true;
        spec.onStuck();
      }, spec.graceMs ?? SETTLE_GRACE_MS);
    };
    function onAbort(): void {
      stopWith(new FerryError('CANCELLED', 'The transfer was cancelled.'));
    }

    const record = (from: number, to: number): void => {
      done.set(from, to);
      for (let reach = done.get(contiguous); reach !== undefined; reach = done.get(contiguous)) {
        done.delete(contiguous);
        contiguous = reach;
      }
    };

    // Requests wait for the throttle one after another (in issue order), so a
    // deep pipeline holds one waiter in the speed limiter, not `depth` of them.
    let throttleTurn: Promise<void> = Promise.resolve();
    const issue = async (pos: number, len: number): Promise<number> => {
      const { throttle } = spec;
      if (throttle) {
        const turn = throttleTurn.then(() => (error ? undefined : throttle(len)));
        throttleTurn = turn.catch(() => undefined);
        await turn;
        if (error) throw error; // stopped while waiting: do not send it
      }
      return spec.move(pos, len);
    };

    const launch = (pos: number, len: number): void => {
      inFlight++;
      issue(pos, len).then(
        (n) => {
          inFlight--;
          if (n > 0) {
            moved += n;
            record(pos, pos + n);
          }
          if (n === 0) {
            eof = Math.min(eof, pos);
          } else if (n < len && pos + n < end) {
            retry.push([pos + n, len - n]); // short read inside the file: ask for the rest
          } else if (n < len) {
            // Short read at or past the expected end: that is where the file ends (it may have grown).
            end = Math.max(end, pos + n);
            eof = Math.min(eof, pos + n);
          } else if (spec.growable && pos + n >= end && pos + n < eof) {
            end = pos + n + 1; // a full chunk reaching the end: the file grew, ask for more
            grew = true;
          }
          const now = Date.now();
          if (spec.onProgress && now - lastProgress >= PROGRESS_INTERVAL_MS) {
            lastProgress = now;
            spec.onProgress(contiguous - start);
          }
          pump();
        },
        (reason: unknown) => {
          inFlight--;
          stopWith(reason instanceof FerryError ? reason : new FerryError('INTERNAL', String(reason), { cause: reason }));
          pump();
        },
      );
    };

    const pump = (): void => {
      if (error) {
        if (inFlight === 0) finish();
        return;
      }
      while (inFlight < depth) {
        const again = retry.shift();
        if (again) {
          launch(again[0], again[1]);
          continue;
        }
        const limit = Math.min(end, eof);
        if (next >= limit) break;
        // A download asks past the end (a whole chunk, or one byte when the size is known): the server answers
        // short, which saves an EOF round trip.
        const len = !spec.growable ? Math.min(chunk, limit - next) : spec.endKnown === true && !grew ? Math.min(chunk, limit - next + 1) : chunk;
        launch(next, len);
        next += len;
      }
      if (inFlight === 0) finish();
    };

    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    pump();
  });
}
