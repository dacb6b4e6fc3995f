/** One item of a sequence diff: in both, only in the expected sequence, only in the actual one, or replaced. */
export type DiffItem<T> =
  | { readonly kind: 'same'; readonly expected: T; readonly actual: T }
  | { readonly kind: 'missing'; readonly expected: T; readonly next: T | undefined }
  | { readonly kind: 'extra'; readonly actual: T }
  /** An item replaced by another at the same place (a typo, a renamed id). */
  | { readonly kind: 'changed'; readonly expected: T; readonly actual: T };

/**
 * Aligns two sequences by their longest common subsequence of keys, so one missing
 * item is reported as missing instead of as every later item being different.
 * `next` of a missing item is the actual item it should precede (undefined: at the end).
 */
export function diffSequences<T>(expected: readonly T[], actual: readonly T[], key: (item: T) => string): DiffItem<T>[] {
  const rows = expected.length;
  const cols = actual.length;
  // lcs[i][j]: length of the LCS of expected[i..] and actual[j..].
  const lcs = Array.from({ length: rows + 1 }, () => new Array<number>(cols + 1).fill(0));
  for (let i = rows - 1; i >= 0; i--) {
    for (let j = cols - 1; j >= 0; j--) {
      const row = lcs[i]!;
      row[j] =
        key(expected[i]!) === key(actual[j]!) ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, row[j + 1]!);
    }
  }
  const items: DiffItem<T>[] = [];
  let i = 0;
  let j = 0;
  while (i < rows || j < cols) {
    const e = expected[i];
    const a = actual[j];
    if (e !== undefined && a !== undefined && key(e) === key(a)) {
      items.push({ kind: 'same', expected: e, actual: a });
      i++;
      j++;
    } else if (e !== undefined && (a === undefined || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) {
      items.push({ kind: 'missing', expected: e, next: a });
      i++;
    } else if (a !== undefined) {
      items.push({ kind: 'extra', actual: a });
      j++;
    }
  }
  return pairChanges(items);
}

/** Within each run of differences, pairs the i-th missing item with the i-th extra one. */
function pairChanges<T>(items: DiffItem<T>[]): DiffItem<T>[] {
  const result: DiffItem<T>[] = [];
  let index = 0;
  while (index < items.length) {
    const item = items[index]!;
    if (item.kind === 'same') {
      result.push(item);
      index++;
      continue;
    }
    const run: DiffItem<T>[] = [];
    while (index < items.length && items[index]!.kind !== 'same') run.push(items[index++]!);
    const missing = run.filter((entry) => entry.kind === 'missing');
    const extra = run.filter((entry) => entry.kind === 'extra');
    const pairs = Math.min(missing.length, extra.length);
    for (let pair = 0; pair < pairs; pair++) {
      result.push({ kind: 'changed', expected: missing[pair]!.expected, actual: extra[pair]!.actual });
    }
    result.push(...missing.slice(pairs), ...extra.slice(pairs));
  }
  return result;
}
