/**
 * The lock under which tags are added and removed, shared by every harness process on this
 * machine, whichever daemon it runs against: one lock for all of them, since two DOCKER_HOST
 * spellings (unset, unix:///var/run/docker.sock) can name the same daemon, and the sections
 * it guards are short (a marker, a few tags).
 *
 * The lock is a run lock (../run-lock.ts: proper-lockfile, a mkdir lock in the harness's
 * host-wide state folder, refreshed by its holder and taken over once stale), shared with
 * the loopback guard lock. It has `lock()` for the async paths and `lockSync()` for the
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
import { join } from 'node:path';
import { lockSync } from 'proper-lockfile';
import { isLocked, lockTakenOver, lockTimedOut, runLockOptions, STALE_MS, withRunLock, type RunLock } from '../run-lock';
import { runDir } from '../session';

const LOCK_TIMEOUT_MS = 180_000;
const LOCK_POLL_MS = 250;

/** Sections of this JS realm holding the lock now. */
let heldHere = 0;

export function imagesLockDir(): string {
  return join(runDir(), 'images.lock');
}

const imagesLock = (): RunLock => ({
  name: 'the images lock',
  dir: imagesLockDir(),
  holders: 'another harness run adding or removing image tags (`npm test`, `npm run bench`, `npm run test:engines`)',
  atRisk: 'tags may have changed under it',
  timeoutMs: LOCK_TIMEOUT_MS,
  pollMs: LOCK_POLL_MS,
});

/** Runs `fn` holding the images lock; waits up to LOCK_TIMEOUT_MS for it. */
export async function withImagesLock<T>(fn: () => Promise<T>): Promise<T> {
  return withRunLock(imagesLock(), async () => {
    heldHere += 1;
    try {
      return await fn();
    } finally {
      heldHere -= 1;
    }
  });
}

/** Runs `fn` holding the images lock, blocking while another process holds it (for exit handlers). */
export function withImagesLockSync<T>(fn: () => T): T {
  if (heldHere > 0) return fn();
  const runLock = imagesLock();
  const deadline = Date.now() + LOCK_TIMEOUT_MS;
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  let release: () => void;
  for (;;) {
    try {
      release = lockSync(runLock.dir, runLockOptions(runLock, () => {}));
      break;
    } catch (error) {
      if (!isLocked(error)) throw error;
      if (Date.now() > deadline) throw lockTimedOut(runLock);
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
    if (Date.now() - start > STALE_MS) throw lockTakenOver(runLock, undefined);
  }
}
