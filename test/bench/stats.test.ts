import { describe, expect, it } from 'vitest';
import { median, ratio, sum, verdict } from '../../scripts/bench/stats';

describe('median', () => {
  it('takes the middle value of an odd count, whatever the order', () => {
    expect(median([30, 10, 20])).toBe(20);
  });
  it('takes the mean of the two middle values of an even count', () => {
    expect(median([14_000, 22_000])).toBe(18_000);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
  it('does not reorder its input', () => {
    const values = [3, 1, 2];
    median(values);
    expect(values).toEqual([3, 1, 2]);
  });
  it('refuses no values instead of inventing one', () => {
    expect(() => median([])).toThrow(/no values/);
  });
});

describe('ratio and verdict', () => {
  it('divides, and has no ratio against nothing', () => {
    expect(ratio(13, 10)).toBeCloseTo(1.3);
    expect(ratio(5, 0)).toBeUndefined();
    expect(ratio(Number.NaN, 1)).toBeUndefined();
  });
  it('meets an "at most" target at the limit and misses it above', () => {
    expect(verdict(1.3, 1.3)).toBe('met');
    expect(verdict(1.31, 1.3)).toBe('missed');
  });
  it('never calls an unmeasured ratio met', () => {
    expect(verdict(undefined, 1.3)).toBe('not measured');
    expect(verdict(Number.POSITIVE_INFINITY, 1.3)).toBe('not measured');
  });
  it('sums', () => {
    expect(sum([])).toBe(0);
    expect(sum([1, 2, 3.5])).toBe(6.5);
  });
});
