import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeLeftovers, tempEntries } from './entries';

export interface GuardedRun {
  /** The child's exit code, or 1 when it left entries (and exited 0). */
  readonly exitCode: number;
  /** What it left in its temp directory. */
  readonly left: readonly string[];
  readonly dir: string;
}

const PREFIX = 'openhands-guide-test-';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The temp directories of earlier runs whose process is gone (killed before it could remove them); only ours, by name and pid. */
export function sweepDeadRuns(parent: string): string[] {
  const removed: string[] = [];
  for (const entry of readdirSync(parent)) {
    const pid = Number(new RegExp(`^${PREFIX}(\\d+)-`).exec(entry)?.[1]);
    if (!pid || alive(pid)) continue;
    rmSync(join(parent, entry), { recursive: true, force: true });
    removed.push(join(parent, entry));
  }
  return removed;
}

/**
 * Runs `command` with TMPDIR (and TMP, TEMP) set to a directory of its own under the system
 * temp directory, then fails when anything is left in it, and removes it either way. Whatever
 * other programs write to the system temp directory meanwhile is not the run's and is not
 * looked at. Ctrl-C reaches the child through the terminal's process group; the directory is
 * removed once the child has exited.
 */
export async function runGuarded(command: string, args: readonly string[], options: { readonly parent?: string; readonly quiet?: boolean } = {}): Promise<GuardedRun> {
  const parent = options.parent ?? tmpdir();
  sweepDeadRuns(parent);
  const dir = mkdtempSync(join(parent, `${PREFIX}${process.pid}-`));
  // As the system temp directory is: the tests also run as a reader of their own (another
  // uid), whose folders and temp files live here too.
  chmodSync(dir, 0o1777);
  const env = { ...process.env, TMPDIR: dir, TMP: dir, TEMP: dir };
  const code = await new Promise<number>((resolve) => {
    const child = spawn(command, args, { stdio: options.quiet ? 'ignore' : 'inherit', env });
    child.on('error', (error) => {
      console.error(`temp-guard: could not start ${command}: ${error.message}`);
      resolve(127);
    });
    child.on('exit', (exitCode, signal) => resolve(exitCode ?? (signal === 'SIGINT' ? 130 : 1)));
  });
  const left = tempEntries(dir);
  rmSync(dir, { recursive: true, force: true });
  if (left.length > 0 && !options.quiet) console.error(describeLeftovers(dir, left));
  return { exitCode: code !== 0 ? code : left.length > 0 ? 1 : 0, left, dir };
}
