import { describe, expect, it } from 'vitest';
import { FerryError } from '../../shared/errors.js';
import { checkSource, SourceChangedError } from './source-check.js';

const T = Date.UTC(2023, 4, 5, 6, 7, 8) + 0.25;

describe('checkSource', () => {
  it('passes the file the caller measured, and anything when nothing was measured', () => {
    expect(() => checkSource('/a', { size: 10, modified: T }, { size: 10, mtimeMs: T })).not.toThrow();
    expect(() => checkSource('/a', undefined, { size: 99, mtimeMs: 0 })).not.toThrow();
  });

  it('refuses a file whose size changed, naming both sizes, as a retryable FerryError', () => {
    const attempt = (): void => checkSource('/a', { size: 10, modified: T }, { size: 12, mtimeMs: T });
    expect(attempt).toThrow(SourceChangedError);
    expect(attempt).toThrow(/\/a changed since it was queued: its size \(10 → 12 bytes\)/);
    try {
      attempt();
    } catch (error) {
      expect(error).toBeInstanceOf(FerryError);
      expect((error as FerryError).retryable).toBe(true);
    }
  });

  it('refuses a file of the same size with another modification time', () => {
    expect(() => checkSource('/a', { size: 10, modified: T }, { size: 10, mtimeMs: T + 1000 })).toThrow(/its modification time/);
  });
});
