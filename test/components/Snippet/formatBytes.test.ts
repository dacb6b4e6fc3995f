import { describe, expect, it } from 'vitest';
import { formatBytes } from '../../../src/components/Snippet/formatBytes';

describe('formatBytes', () => {
  it('uses the largest binary unit that divides the count exactly', () => {
    expect(formatBytes(4 * 1024 ** 3)).toBe('4 GiB');
    expect(formatBytes(512 * 1024 ** 2)).toBe('512 MiB');
    expect(formatBytes(1536 * 1024 ** 2)).toBe('1536 MiB');
    expect(formatBytes(2048)).toBe('2 KiB');
  });

  it('falls back to bytes instead of rounding', () => {
    expect(formatBytes(1000)).toBe('1000 B');
    expect(formatBytes(0)).toBe('0 B');
  });

  it('rejects counts that are not non-negative integers', () => {
    expect(() => formatBytes(-1)).toThrow(/non-negative integer/);
    expect(() => formatBytes(1.5)).toThrow(/non-negative integer/);
  });
});
