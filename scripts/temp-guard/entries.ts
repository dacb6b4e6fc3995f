/**
 * What `npm test` may leave in a temp directory: nothing. The run gets a temp directory of
 * its own (run.ts); every test and tool removes what it creates there, and this module lists
 * what they did not. Other programs of the machine write to the system temp directory as
 * they like: none of that is the run's, so none of it is looked at.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

export function tempEntries(dir: string): string[] {
  return readdirSync(dir).sort();
}

export function describeLeftovers(dir: string, left: readonly string[]): string {
  return (
    `temp-guard: the test run left ${left.length} ${left.length === 1 ? 'entry' : 'entries'} in its temp directory ${dir}:\n` +
    left.map((entry) => `  ${join(dir, entry)}\n`).join('') +
    'Each test must remove what it creates in the temp directory (see scripts/temp-guard). The directory is removed now.'
  );
}
