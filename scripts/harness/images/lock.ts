/**
 * The lock under which tags are added and removed, shared by every harness process on this
 * machine, whichever daemon it runs against: one lock for all of them, since two DOCKER_HOST
 * spellings (unset, unix:///var/run/docker.sock) can name the same daemon, and the sections
 * it guards are short (a marker, a few tags).
 *
 * proper-lockfile (moxystudio/node-proper-lockfile 4.1.2, lib/lockfile.js): the lock is a
 * directory made with mkdir, which the kernel makes atomically, in the harness's host-wide
 * state folder (runDir(), not TMPDIR, which each `npm test` sets to a folder of its own). Its
 * holder keeps refreshing the directory's mtime; one whose mtime is older than STALE_MS is a
 * crashed holder's, and the next taker removes it (the library also removes its own on
 * exit and on signals). It has `lock()` for the async paths and `lockSync()` for the
 * synchronous ones that cleanup runs from an 'exit' handler, with the same directory and
 * options, so both exclude each other.
 *
 * What the library leaves to us, and why:
 * - lockSync() takes no retries (it cannot wait without blocking), so the synchronous path
 *   retries it itself, sleeping with Atomics.wait between tries: an exit handler may block,
 *   and must wait for another process's section to end rather than untag under it.
 * - A synchronous caller in a process whose own async section holds the lock (a release from
 *   an exit handler or a test while ensureImages awaits a tag) runs inside that section: it
 *   could never get the lock, since the holder cannot go on while it blocks. Its work is safe
 *   there: ensureImages and the preload create their marker before they tag, and untagging
 *   skips references a live marker holds.
 * - While a synchronous section runs, the event loop cannot refresh the mtime: a section
 *   longer than STALE_MS may have been taken over, and says so by failing (as the async path
 *   does when the library reports the lock compromised).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { lock, lockSync, type LockOptions } from 'proper-lockfile';
import { runDir } from '../session';

/** A holder whose mtime is older than this is taken for dead; sections last seconds. */
const STALE_MS = 60_000;
const REFRESH_MS = 10_000;
const LOCK_TIMEOUT_MS = 180_000;
const LOCK_POLL_MS = 250;

/** Sections of this JS realm holding the lock now. */
let heldHere = 0;

export function imagesLockDir(): string {
  return join(runDir(), 'images.lock');
}

function lockOptions(onCompromised: (error: Error) => void): LockOptions {
  mkdirSync(runDir(), { recursive: true });
  // realpath: false, since the locked path (the folder's 'images') is never created; only the lock directory is.
  return { lockfilePath: imagesLockDir(), realpath: false, stale: STALE_MS, update: REFRESH_MS, onCompromised };
}

const lockedPath = (): string => join(runDir(), 'images');

const timedOut = (): Error =>
  new Error(`Timed out after ${LOCK_TIMEOUT_MS / 1000} s waiting for the images lock ${imagesLockDir()}; another harness run holds it (a crashed one's is taken over after ${STALE_MS / 1000} s)`);

const takenOver = (cause: unknown): Error =>
  new Error(`The images lock ${imagesLockDir()} was taken over while this process held it (no refresh within ${STALE_MS / 1000} s): tags may have changed under it`, { cause });

const isLocked = (error: unknown): boolean => (error as NodeJS.ErrnoException).code === 'ELOCKED';

/** Runs `fn` holding the images lock; waits up to LOCK_TIMEOUT_MS for it. */
export async function withImagesLock<T>(fn: () => Promise<T>): Promise<T> {
  let compromised: Error | undefined;
  let release: () => Promise<void>;
  try {
    release = await lock(lockedPath(), {
      ...lockOptions((error) => (compromised = error)),
      retries: { retries: LOCK_TIMEOUT_MS / LOCK_POLL_MS, factor: 1, minTimeout: LOCK_POLL_MS, maxTimeout: LOCK_POLL_MS },
    });
  } catch (error) {
    throw isLocked(error) ? timedOut() : error;
  }
  heldHere += 1;
  let result: T;
  try {
    result = await fn();
  } finally {
    heldHere -= 1;
    // A compromised lock is no longer ours to release: the library has let go of it.
    if (!compromised) await release();
  }
  if (compromised) throw takenOver(compromised);
  return result;
}

/** Runs `fn` holding the images lock, blocking while another process holds it (for exit handlers). */
export function withImagesLockSync<T>(fn: () => T): T {
  if (heldHere > 0) return fn();
  const deadline = Date.now() + LOCK_TIMEOUT_MS;
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  let release: () => void;
  for (;;) {
    try {
      release = lockSync(lockedPath(), lockOptions(() => {}));
      break;
    } catch (error) {
      if (!isLocked(error)) throw error;
      if (Date.now() > deadline) throw timedOut();
      Atomics.wait(sleeper, 0, 0, LOCK_POLL_MS);
    }
  }
  const start = Date.now();
  heldHere += 1;
  try {
    return fn();
  } finally {
    heldHere -= 1;
    release();
    if (Date.now() - start > STALE_MS) throw takenOver(undefined);
  }
}
