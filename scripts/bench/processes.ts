import { spawn } from 'node:child_process';
import { createWriteStream, rmSync } from 'node:fs';

/**
 * Runs the bench's child programs: timed wall clock, output kept (to a file for long
 * logs), never rejects. Children still running when the bench exits are killed, and its
 * temporary folders removed, so an interrupted bench leaves nothing behind.
 */

const running = new Set<number>();
const temporary = new Set<string>();

/** A temporary folder to remove however the bench ends (see cleanupOnExit). */
export function trackTemporary(dir: string): string {
  temporary.add(dir);
  return dir;
}

export function removeTemporary(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  temporary.delete(dir);
}

/** For process 'exit': synchronous. */
export function cleanupOnExit(): void {
  killRunningChildren();
  for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
  temporary.clear();
  // No lock to hand back: the loopback guard lock (scripts/harness/loopback-guard-lock.ts)
  // is proper-lockfile's, which removes the locks this process holds on exit, after these
  // 'exit' listeners (signal-exit runs its handlers once process.emit('exit') has).
}

export function killRunningChildren(): void {
  for (const pid of running) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  }
  running.clear();
}

export interface Timed {
  readonly exitCode: number;
  readonly ms: number;
  /** The last lines of stdout and stderr together, for a failure message. */
  readonly tail: string;
}

export interface RunOptions {
  readonly cwd?: string;
  /** The whole environment (not merged): callers decide what the program sees. */
  readonly env?: NodeJS.ProcessEnv;
  /** Also write all output here. */
  readonly logFile?: string;
}

export function timedRun(file: string, args: readonly string[], options: RunOptions = {}): Promise<Timed> {
  return new Promise((resolve) => {
    const started = performance.now();
    // Its own process group, so killing it also stops what it started (npm -> sh -> tsc).
    const child = spawn(file, [...args], { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    if (child.pid !== undefined) running.add(child.pid);
    const log = options.logFile ? createWriteStream(options.logFile) : undefined;
    let tail = '';
    const keep = (chunk: Buffer): void => {
      log?.write(chunk);
      tail = (tail + chunk.toString('utf8')).slice(-6000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const finish = (exitCode: number, extra = ''): void => {
      const ms = performance.now() - started;
      if (child.pid !== undefined) running.delete(child.pid);
      log?.end();
      resolve({ exitCode, ms, tail: (tail + extra).split('\n').slice(-25).join('\n') });
    };
    child.on('error', (error) => finish(-1, `\n${error.message}`));
    child.on('close', (code, signal) => finish(code ?? (signal ? 128 : -1)));
  });
}
