/** Small numeric helpers for the bench: pure, so test/bench can check them. */

export function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

/** The median; the mean of the two middle values for an even count. Throws on no values. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** numerator / denominator; undefined when there is nothing to compare against. */
export function ratio(numerator: number, denominator: number): number | undefined {
  if (!Number.isFinite(numerator) || !Number.isFinite(denominator) || denominator <= 0) return undefined;
  return numerator / denominator;
}

export type Verdict = 'met' | 'missed' | 'not measured';

/** A ratio against an "at most" target; an unmeasured ratio is never reported as met. */
export function verdict(value: number | undefined, atMost: number): Verdict {
  if (value === undefined || !Number.isFinite(value)) return 'not measured';
  return value <= atMost ? 'met' : 'missed';
}
