/**
 * The lock tests' other process (fixtures/hold-lock.ts): started, and awaited until it holds
 * its lock, so a test can check that this process's section waits for it.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const HOLDER = join(__dirname, '..', 'fixtures', 'hold-lock.ts');

/** Starts another process that holds lock `kind` for `holdMs`; resolves once it holds it, with its exit (not awaited: an async function would flatten it). */
export async function holdElsewhere(kind: 'images' | 'loopback-guard', log: string, holdMs: number): Promise<{ exited: Promise<number | null> }> {
  const child = spawn(join(ROOT, 'node_modules/.bin/vite-node'), [HOLDER, '--', kind, log, String(holdMs)], { cwd: ROOT, stdio: 'inherit' });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const deadline = Date.now() + 30_000;
  while (!(existsSync(log) && readFileSync(log, 'utf8').includes('held'))) {
    if (Date.now() > deadline) throw new Error('the other process never took the lock');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { exited };
}

/** When the other process wrote `word` (`held`, `free`) to its log, in ms since the epoch. */
export const stamp = (log: string, word: string): number => Number(new RegExp(`^${word} (\\d+)$`, 'm').exec(readFileSync(log, 'utf8'))?.[1]);
