import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { FerryError } from '../../../shared/errors.js';
import { runPipeline, type PipelineSpec } from './pipeline.js';

/** A fake source of `size` bytes whose requests finish in a scrambled order. */
function source(size: number, opts: { shortEvery?: number; failAt?: number } = {}) {
  const requests: [number, number][] = [];
  const written = new Uint8Array(size + 1024);
  let calls = 0;
  const move = async (pos: number, len: number): Promise<number> => {
    requests.push([pos, len]);
    const call = ++calls;
    await sleep((call * 7) % 5); // out-of-order completion
    if (opts.failAt !== undefined && pos >= opts.failAt) throw new FerryError('CONNECTION_LOST', 'gone');
    let n = Math.max(0, Math.min(len, size - pos));
    if (opts.shortEvery && call % opts.shortEvery === 0 && n > 1) n = Math.floor(n / 2); // a server answering short
    written.fill(1, pos, pos + n);
    return n;
  };
  return { move, requests, written };
}

function spec(overrides: Partial<PipelineSpec> & Pick<PipelineSpec, 'move'>): PipelineSpec {
  return { start: 0, end: 0, chunk: 100, depth: 4, growable: true, onStuck: () => {}, ...overrides };
}

const allWritten = (written: Uint8Array, from: number, to: number): boolean => written.subarray(from, to).every((b) => b === 1);

describe('runPipeline', () => {
  it('copies a download to its end with whole-chunk requests and no extra EOF round trip', async () => {
    const src = source(1050);
    const result = await runPipeline(spec({ end: 1050, move: src.move }));
    expect(result).toMatchObject({ contiguous: 1050, end: 1050, moved: 1050, error: null, dropped: false });
    expect(src.requests).toHaveLength(11);
    expect(src.requests.every(([, len]) => len === 100)).toBe(true);
    expect(allWritten(src.written, 0, 1050)).toBe(true);
  });

  it('with a known size asks for what is left plus one byte at the end: a small file, a small request', async () => {
    const small = source(40);
    expect(await runPipeline(spec({ end: 40, endKnown: true, move: small.move }))).toMatchObject({ end: 40, contiguous: 40, error: null });
    expect(small.requests).toEqual([[0, 41]]);
    const big = source(1050);
    expect(await runPipeline(spec({ end: 1050, endKnown: true, move: big.move }))).toMatchObject({ end: 1050, contiguous: 1050, error: null });
    expect(big.requests).toHaveLength(11);
    expect(big.requests.at(-1)).toEqual([1000, 51]);
  });

  it('with a known size that then grew, goes back to whole chunks', async () => {
    const grown = source(1234);
    expect(await runPipeline(spec({ end: 40, endKnown: true, move: grown.move }))).toMatchObject({ end: 1234, contiguous: 1234, error: null });
    // 41 bytes, then whole chunks: not a crawl of 2-byte requests.
    expect(grown.requests.length).toBeLessThanOrEqual(16);
    expect(allWritten(grown.written, 0, 1234)).toBe(true);
  });

  it('re-asks the rest of short reads', async () => {
    const src = source(2000, { shortEvery: 3 });
    const result = await runPipeline(spec({ end: 2000, move: src.move }));
    expect(result).toMatchObject({ contiguous: 2000, end: 2000, moved: 2000, error: null });
    expect(allWritten(src.written, 0, 2000)).toBe(true);
  });

  it('follows a download that grew after FSTAT and stops at a shrunk end', async () => {
    const grown = source(1234);
    expect(await runPipeline(spec({ end: 1000, move: grown.move }))).toMatchObject({ end: 1234, contiguous: 1234, error: null });
    const shrunk = source(640);
    expect(await runPipeline(spec({ end: 1000, move: shrunk.move }))).toMatchObject({ end: 640, contiguous: 640, moved: 640, error: null });
  });

  it('uploads exactly [start, end) with a short last request', async () => {
    const src = source(5000);
    const result = await runPipeline(spec({ start: 250, end: 1000, growable: false, move: src.move }));
    expect(result).toMatchObject({ contiguous: 1000, end: 1000, moved: 750 });
    expect(src.requests.at(-1)).toEqual([950, 50]);
    expect(src.written[249]).toBe(0);
  });

  it('handles empty ranges', async () => {
    const src = source(0);
    expect(await runPipeline(spec({ end: 0, move: src.move }))).toMatchObject({ contiguous: 0, end: 0, moved: 0, error: null });
    expect(src.requests).toEqual([]);
  });

  it('stops on a failure and reports only the contiguous prefix', async () => {
    const src = source(10_000, { failAt: 3_000 });
    const result = await runPipeline(spec({ end: 10_000, move: src.move }));
    expect(result.error?.code).toBe('CONNECTION_LOST');
    expect(result.contiguous).toBe(3_000);
    expect(allWritten(src.written, 0, result.contiguous)).toBe(true);
  });

  it('cancels: CANCELLED, waits for requests in flight, contiguous never past a hole', async () => {
    const controller = new AbortController();
    const src = source(100_000);
    let progressCalls = 0;
    const result = await runPipeline(
      spec({
        end: 100_000,
        depth: 8,
        move: src.move,
        signal: controller.signal,
        onProgress: () => {
          progressCalls++;
          controller.abort();
        },
      }),
    );
    expect(result.error?.code).toBe('CANCELLED');
    expect(result.contiguous).toBeLessThan(100_000);
    expect(allWritten(src.written, 0, result.contiguous)).toBe(true);
    expect(result.moved).toBeGreaterThanOrEqual(result.contiguous);
    expect(progressCalls).toBeGreaterThanOrEqual(1);
  });

  it('does nothing when already aborted', async () => {
    const src = source(1000);
    const result = await runPipeline(spec({ end: 1000, move: src.move, signal: AbortSignal.abort() }));
    expect(result.error?.code).toBe('CANCELLED');
    expect(src.requests).toEqual([]);
  });

  it('calls onStuck when requests hang after a stop, then resolves once they fail', async () => {
    const controller = new AbortController();
    const hung: (() => void)[] = [];
    let stuck = false;
    const move = (pos: number): Promise<number> =>
      pos === 0 ? Promise.resolve(100) : new Promise<number>((_, reject) => hung.push(() => reject(new FerryError('CONNECTION_LOST', 'dropped'))));
    const promise = runPipeline(
      spec({
        end: 1000,
        move,
        signal: controller.signal,
        onProgress: () => controller.abort(),
        graceMs: 50,
        onStuck: () => {
          stuck = true;
          for (const fail of hung) fail();
        },
      }),
    );
    const result = await promise;
    expect(stuck).toBe(true);
    expect(result).toMatchObject({ contiguous: 100, dropped: true });
    expect(result.error?.code).toBe('CANCELLED');
  });

  it('awaits the throttle with each request\'s length before issuing it, one waiter at a time', async () => {
    const src = source(1000);
    const asked: number[] = [];
    let waiting = 0;
    let peak = 0;
    const throttle = async (bytes: number): Promise<void> => {
      waiting++;
      peak = Math.max(peak, waiting);
      asked.push(bytes);
      await sleep(1);
      waiting--;
    };
    const result = await runPipeline(spec({ end: 1000, growable: false, move: src.move, throttle }));
    expect(result).toMatchObject({ contiguous: 1000, error: null });
    expect(asked.reduce((a, b) => a + b, 0)).toBe(1000);
    expect(asked).toHaveLength(src.requests.length);
    expect(peak).toBe(1);
  });

  it('sends nothing more once the throttle is cancelled', async () => {
    const src = source(1000);
    const controller = new AbortController();
    let calls = 0;
    const throttle = async (): Promise<void> => {
      if (++calls === 3) {
        controller.abort();
        throw new Error('aborted');
      }
    };
    const result = await runPipeline(spec({ end: 1000, growable: false, move: src.move, throttle, signal: controller.signal }));
    expect(result.error?.code).toBe('CANCELLED');
    expect(src.requests).toHaveLength(2);
  });
});
