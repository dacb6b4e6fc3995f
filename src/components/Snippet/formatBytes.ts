const UNITS = [
  { name: 'GiB', size: 1024 ** 3 },
  { name: 'MiB', size: 1024 ** 2 },
  { name: 'KiB', size: 1024 },
] as const;

/**
 * A byte count in the largest binary unit that divides it exactly, as `docker run --memory`
 * values are written (`4g` is 4 GiB). Exact units only, so the page never rounds a limit
 * the harness checked to the byte.
 */
export function formatBytes(bytes: number): string {
  if (!Number.isSafeInteger(bytes) || bytes < 0) {
    throw new Error(`Unexpected byte count ${bytes}, expected a non-negative integer`);
  }
  const unit = UNITS.find(({ size }) => bytes >= size && bytes % size === 0);
  return unit ? `${bytes / unit.size} ${unit.name}` : `${bytes} B`;
}
