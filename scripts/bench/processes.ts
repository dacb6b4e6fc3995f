import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';

/**
 * Runs the bench's child programs: timed wall clock, output kept (to a file for long
 * logs), never rejects. Children still running when the bench exits are killed, so an
 * interrupted bench leaves no build writing into its temporary folders.
 */

const running = new Set<number>();

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
