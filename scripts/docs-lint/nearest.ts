import { distance } from 'fastest-levenshtein';

/** The candidate closest to `wanted`, if it is close enough to be a likely typo. */
export function nearest(wanted: string, candidates: readonly string[]): string | undefined {
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const cost = distance(wanted, candidate);
    if (!best || cost < best.distance) best = { candidate, distance: cost };
  }
  if (!best) return undefined;
  return best.distance <= Math.max(3, Math.floor(wanted.length / 3)) ? best.candidate : undefined;
}
