/**
 * One network namespace, one raw table: while any run has the loopback guard rule in place
 * (firewall.ts), every routed 127.0.0.0/8 probe into that namespace fails, whichever run it
 * belongs to. Code that adds the rule and checks with it, and code that probes routed
 * loopback expecting no rule, hold this lock, one per namespace: the engines of the matrix
 * each have their own (so a rootless engine's long firewall phase never holds up another
 * engine's probes), and runs on the host share the host's.
 *
 * A run lock (run-lock.ts: proper-lockfile, refreshed by its holder, taken over once stale),
 * re-entrant within a process: code that takes it inside a section that holds it (verify.ts
 * holds it around a root snippet, lan.ts's routed-loopback probe takes it too) runs at once
 * instead of waiting for itself.
 * It lives apart from firewall.ts because it talks to no daemon and changes no rule: its unit
 * test needs neither Docker nor root.
 */
import { join } from 'node:path';
import { hostNetNamespace } from './host-net';
import { withRunLock, type RunLock } from './run-lock';
import { runDir } from './session';

const LOCK_POLL_MS = 100;
const LOCK_TIMEOUT_MS = 180_000;
/** Sections of this process inside the lock now. */
let heldDepth = 0;

/** The lock of the reader's machine's namespace (host-net.ts), named by its inode. */
export function loopbackGuardLockDir(): string {
  const link = hostNetNamespace();
  const inode = /^net:\[(\d+)\]$/.exec(link)?.[1];
  if (!inode) throw new Error(`Unexpected network namespace link ${link}, expected net:[<inode>]`);
  return join(runDir(), `loopback-guard-${inode}.lock`);
}

const loopbackGuardLock = (): RunLock => ({
  name: 'the loopback guard lock',
  dir: loopbackGuardLockDir(),
  holders: 'another harness run on this network namespace, adding the loopback guard rule or probing routed loopback (`npm test`, `npm run bench`, or an engine of `npm run test:engines`)',
  atRisk: "another run's loopback guard rule may have been in place during this section, so its routed-loopback results cannot be trusted",
  timeoutMs: LOCK_TIMEOUT_MS,
  pollMs: LOCK_POLL_MS,
});

async function inside<T>(fn: () => Promise<T>): Promise<T> {
  heldDepth += 1;
  try {
    return await fn();
  } finally {
    heldDepth -= 1;
  }
}

/** Runs fn while no other process adds or relies on the loopback guard rule. */
export async function withLoopbackGuardLock<T>(fn: () => Promise<T>): Promise<T> {
  return heldDepth > 0 ? inside(fn) : withRunLock(loopbackGuardLock(), () => inside(fn));
}
