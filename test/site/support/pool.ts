import pLimit from 'p-limit';
import pMap from 'p-map';

/** Runs at most `limit` tasks at once; the others wait their turn in call order (p-limit). */
export function limiter(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  const run = pLimit(limit);
  return <T>(task: () => Promise<T>) => run(task);
}

/** One task at a time: the browser has one clipboard for all its pages. */
export const mutex = (): (<T>(task: () => Promise<T>) => Promise<T>) => limiter(1);

/** `fn` over `items`, at most `limit` at once, results in item order (p-map). */
export const mapLimit = <T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> => pMap(items, fn, { concurrency: limit });
