import type { Verdict } from './stats';

/** Text formatting for the bench's tables: pure, so test/bench can check it. */

export function formatMs(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '—';
  if (Math.abs(ms) < 10_000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(1)} s`;
}

export function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined || !Number.isFinite(bytes)) return '—';
  if (Math.abs(bytes) < 1024) return `${bytes} B`;
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

export function formatRatio(value: number | undefined): string {
  return value === undefined || !Number.isFinite(value) ? '—' : `${value.toFixed(2)}×`;
}

/** "met" / "TARGET MISSED" / "not measured": a missed target is written so it stands out. */
export function formatVerdict(verdict: Verdict): string {
  return verdict === 'met' ? 'met' : verdict === 'missed' ? 'TARGET MISSED' : 'not measured';
}

export type Align = 'left' | 'right';

/**
 * A plain-text table: a header row, a rule, the rows; every column as wide as its widest
 * cell. Columns are left-aligned unless `align` says otherwise; a row may be the string
 * '-' for a rule (e.g. before a totals row).
 */
export function table(headers: readonly string[], rows: readonly (readonly string[] | '-')[], align: readonly Align[] = []): string {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row === '-' ? 0 : (row[column] ?? '').length))),
  );
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  const line = (cells: readonly string[]): string =>
    cells
      .map((cell, column) => (align[column] === 'right' ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!)))
      .join('  ')
      .trimEnd();
  return [line(headers), rule, ...rows.map((row) => (row === '-' ? rule : line(headers.map((_, column) => row[column] ?? ''))))].join('\n');
}

/** A section heading: the title and an underline of the same length. */
export function heading(title: string): string {
  return `${title}\n${'='.repeat(title.length)}`;
}
