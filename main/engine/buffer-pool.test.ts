import { describe, expect, it } from 'vitest';
import { bufferPool } from './buffer-pool.js';

describe('bufferPool', () => {
  it('hands back a full-size buffer once given, and sizes small requests exactly', () => {
    const pool = bufferPool(1024);
    const first = pool.take(1024);
    pool.give(first);
    expect(pool.take(1024)).toBe(first);
    const small = pool.take(10);
    expect(small.length).toBe(10);
    pool.give(small);
    expect(pool.take(1024)).not.toBe(small);
  });

  it('never hands out a buffer twice while it is taken', () => {
    const pool = bufferPool(64);
    const a = pool.take(64);
    const b = pool.take(64);
    expect(b).not.toBe(a);
    pool.give(a);
    pool.give(b);
    expect(new Set([pool.take(64), pool.take(64)])).toEqual(new Set([a, b]));
  });

  it('keeps no more than maxFree buffers', () => {
    const pool = bufferPool(64, 1);
    const a = pool.take(64);
    const b = pool.take(64);
    pool.give(a);
    pool.give(b);
    expect(pool.take(64)).toBe(a);
    expect(pool.take(64)).not.toBe(b);
  });
});
