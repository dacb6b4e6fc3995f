/**
 * The locks every harness process on this machine shares, kept in the harness's host-wide
 * state folder (runDir(), not TMPDIR, which each `npm test` sets to a folder of its own): the
 * images lock (images/lock.ts) and the loopback guard lock (loopback-guard-lock.ts). One set
 * of options and one set of messages, so the two cannot drift apart.
 *
 * proper-lockfile (moxystudio/node-proper-lockfile 4.1.2, lib/lockfile.js): the lock is a
 * directory made with mkdir, which the kernel makes atomically. Its holder keeps refreshing
 * the directory's mtime (every REFRESH_MS); one whose mtime is older than STALE_MS belongs to
 * a holder that died without releasing it (SIGKILL: the library removes its own locks on exit
 * and on signals, through signal-exit), and the next taker removes it. A holder whose refresh
 * finds the mtime changed under it (taken over: its event loop stood still longer than
 * STALE_MS) hears so through onCompromised; its section may have overlapped another's, so it
 * fails rather than report what it did as guarded.
 */
import { mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { lock, type LockOptions } from 'proper-lockfile';
import { isSessionRecordLive, listSessionRecords } from './session';

/** A holder whose mtime is older than this is taken for dead; sections last seconds to minutes and refresh all along. */
export const STALE_MS = 60_000;
const REFRESH_MS = 10_000;

export interface RunLock {
  /** What the lock is, for messages: `the images lock`. */
  readonly name: string;
  /** The lock directory, in runDir(). */
  readonly dir: string;
  /** Who holds it when another process waits, for messages: `another harness run`. */
  readonly holders: string;
  /** What a section may have got wrong when its lock was taken over, for its error. */
  readonly atRisk: string;
  readonly timeoutMs: number;
  readonly pollMs: number;
}

/** The options every taker of `runLock` passes, async and sync alike, so both exclude each other. */
export function runLockOptions(runLock: RunLock, onCompromised: (error: Error) => void): LockOptions {
  mkdirSync(dirname(runLock.dir), { recursive: true });
  // The lock directory is the locked path as well: realpath: false, since nothing else exists to resolve.
  return { lockfilePath: runLock.dir, realpath: false, stale: STALE_MS, update: REFRESH_MS, onCompromised };
}

/** `the images lock` -> `The images lock`, for a message that opens with a lock's name. */
const capitalised = (name: string): string => `${name.charAt(0).toUpperCase()}${name.slice(1)}`;

export const isLocked = (error: unknown): boolean => (error as NodeJS.ErrnoException).code === 'ELOCKED';

/** The harness processes of this host that may hold a lock: every live session of this host but this process's own. */
function liveHarnessProcesses(): string {
  const others = listSessionRecords().filter((record) => record.host === hostname() && record.pid !== process.pid && isSessionRecordLive(record));
  if (others.length === 0) return 'no other live harness session is recorded on this host';
  return `live harness sessions on this host: ${others.map((record) => `pid ${record.pid} (session ${record.id})`).join(', ')}`;
}

export function lockTimedOut(runLock: RunLock): Error {
  return new Error(
    `Timed out after ${runLock.timeoutMs / 1000} s waiting for ${runLock.name} ${runLock.dir}: ${runLock.holders} holds it (${liveHarnessProcesses()}). ` +
      `Let that run finish or stop it; a holder that died without releasing the lock loses it once its mtime is ${STALE_MS / 1000} s old. ` +
      `If no harness run is active on this host, remove the directory ${runLock.dir}`,
  );
}

export function lockTakenOver(runLock: RunLock, cause: unknown): Error {
  return new Error(
    `${capitalised(runLock.name)} ${runLock.dir} was taken over while this process held it (no refresh within ${STALE_MS / 1000} s: a blocked event loop or a suspended machine): ${runLock.atRisk}`,
    { cause },
  );
}

/** Runs `fn` holding `runLock`, waiting up to its timeoutMs for it (polled every pollMs). */
export async function withRunLock<T>(runLock: RunLock, fn: () => Promise<T>): Promise<T> {
  let compromised: Error | undefined;
  let release: () => Promise<void>;
  try {
    release = await lock(runLock.dir, {
      ...runLockOptions(runLock, (error) => (compromised = error)),
      retries: { retries: Math.ceil(runLock.timeoutMs / runLock.pollMs), factor: 1, minTimeout: runLock.pollMs, maxTimeout: runLock.pollMs },
    });
  } catch (error) {
    if (isLocked(error)) throw lockTimedOut(runLock);
    // A stale lock is removed with rmdir: one with files in it was made by an earlier harness (its hand-written lock kept an owner file there).
    if ((error as NodeJS.ErrnoException).code === 'ENOTEMPTY') {
      throw new Error(`${capitalised(runLock.name)} ${runLock.dir} has gone stale but holds files, as an earlier version of the harness left it: if no harness run is active on this host, remove that directory`, { cause: error });
    }
    throw error;
  }
  let result: T;
  try {
    result = await fn();
  } finally {
    // A compromised lock is no longer ours to release: the library has let go of it.
    if (!compromised) await release();
  }
  if (compromised) throw lockTakenOver(runLock, compromised);
  return result;
}
