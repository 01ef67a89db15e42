import { describe, expect, it } from 'vitest';
import { FakeClock } from './fake-clock.testing.js';
import { SpeedLimiter } from './speed-limiter.js';

/** Runs `takers` loops taking `chunk` bytes until `until` ms of fake time passed; returns bytes moved per taker. */
async function run(limiter: SpeedLimiter, clock: FakeClock, direction: 'upload' | 'download', takers: number, chunk: number, untilMs: number): Promise<number[]> {
  const moved = new Array<number>(takers).fill(0);
  const start = clock.now();
  let stop = false;
  const loops = moved.map(async (_, i) => {
    while (!stop) {
      await limiter.take(direction, chunk);
      if (clock.now() - start > untilMs) break;
      moved[i] = (moved[i] ?? 0) + chunk;
    }
  });
  await clock.advance(untilMs + 1);
  stop = true;
  await clock.advance(10_000);
  await Promise.all(loops);
  return moved;
}

describe('SpeedLimiter', () => {
  it('passes everything at once without a limit', async () => {
    const clock = new FakeClock();
    const limiter = new SpeedLimiter(clock);
    await limiter.take('download', 10_000_000);
    expect(clock.now()).toBe(new FakeClock().now());
  });

  it('holds one transfer to the limit', async () => {
    const clock = new FakeClock();
    const limiter = new SpeedLimiter(clock);
    limiter.setLimit('download', 100_000);
    const [moved = 0] = await run(limiter, clock, 'download', 1, 10_000, 10_000);
    expect(moved).toBeGreaterThan(0.95 * 1_000_000);
    expect(moved).toBeLessThan(1.05 * 1_000_000);
  });

  it('shares the limit among parallel transfers, fairly', async () => {
    const clock = new FakeClock();
    const limiter = new SpeedLimiter(clock);
    limiter.setLimit('upload', 200_000);
    const moved = await run(limiter, clock, 'upload', 8, 16_384, 10_000);
    const total = moved.reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(0.95 * 2_000_000);
    expect(total).toBeLessThan(1.05 * 2_000_000);
    for (const each of moved) expect(each).toBeGreaterThan(total / 8 / 2);
  });

  it('limits each direction separately', async () => {
    const clock = new FakeClock();
    const limiter = new SpeedLimiter(clock);
    limiter.setLimit('upload', 50_000);
    const started = clock.now();
    await limiter.take('download', 1_000_000);
    expect(clock.now()).toBe(started);
  });

  it('gives the allowance back when a waiting transfer is cancelled', async () => {
    const clock = new FakeClock();
    const limiter = new SpeedLimiter(clock);
    limiter.setLimit('download', 1000);
    const controller = new AbortController();
    const waiting = limiter.take('download', 5000, controller.signal);
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
    const next = limiter.take('download', 500);
    let done = false;
    void next.then(() => (done = true));
    await clock.advance(600);
    expect(done).toBe(true);
  });
});
