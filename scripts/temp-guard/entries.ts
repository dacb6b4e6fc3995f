/**
 * What `npm test` may leave in the system temp directory: nothing. Every test and tool
 * removes what it creates there; this module is the check that they did.
 *
 * `save` records the entries present before the run, `check` lists the ones that
 * appeared since. An entry that existed before the run is never blamed on it.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export function tempEntries(dir: string = tmpdir()): string[] {
  return readdirSync(dir).sort();
}

/** Entries of `now` that are not in `before`. */
export function newEntries(before: readonly string[], now: readonly string[]): string[] {
  const known = new Set(before);
  return now.filter((entry) => !known.has(entry));
}

export function saveEntries(file: string, dir: string = tmpdir()): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify({ dir, entries: tempEntries(dir) }, null, 1)}\n`);
}

/** The entries that appeared since `saveEntries(file)`; throws when nothing was saved. */
export function entriesSince(file: string): { dir: string; added: string[] } {
  if (!existsSync(file)) throw new Error(`${file} does not exist: run \`temp-guard save\` before the tests`);
  const saved = JSON.parse(readFileSync(file, 'utf8')) as { dir: string; entries: string[] };
  return { dir: saved.dir, added: newEntries(saved.entries, tempEntries(saved.dir)) };
}

export function describeLeftovers(dir: string, added: readonly string[]): string {
  return (
    `temp-guard: the test run left ${added.length} new ${added.length === 1 ? 'entry' : 'entries'} in ${dir}:\n` +
    added.map((entry) => `  ${join(dir, entry)}\n`).join('') +
    'Each test must remove what it creates in the temp directory (see scripts/temp-guard).'
  );
}
