import { expect, it } from 'vitest';
import { formatRunDate } from '../../src/evidence/formatRunDate';

it('formats the run time the same way on the server and in any browser', () => {
  expect(formatRunDate('2026-11-22T00:11:05.123Z')).toBe('2026-11-22 00:11 UTC');
  expect(formatRunDate('not a date')).toBe('not a date');
  expect(formatRunDate('2026-11-02T09:05:00Z', 'ja')).toBe('2026 年 11 月 2 日 09:05 UTC');
});
