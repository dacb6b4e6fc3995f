/**
 * The loopback guard lock (scripts/harness/loopback-guard-lock.ts) in a run folder of the
 * test's own (OPENHANDS_GUIDE_RUN_DIR), without Docker or root: sections of two processes
 * never overlap, a dead holder's lock is taken over while a live one's is waited for, and a
 * section inside this process's own section runs instead of waiting for itself.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loopbackGuardLockDir, withLoopbackGuardLock } from '../../scripts/harness/loopback-guard-lock';
import { holdElsewhere, stamp } from './support/hold-lock';

let runDir: string;
let saved: string | undefined;

beforeEach(() => {
  saved = process.env.OPENHANDS_GUIDE_RUN_DIR;
  runDir = mkdtempSync(join(tmpdir(), 'ohg-loopback-lock-'));
  process.env.OPENHANDS_GUIDE_RUN_DIR = runDir;
});
afterEach(() => {
  if (saved === undefined) delete process.env.OPENHANDS_GUIDE_RUN_DIR;
  else process.env.OPENHANDS_GUIDE_RUN_DIR = saved;
  rmSync(runDir, { recursive: true, force: true });
});

describe('the loopback guard lock', () => {
  it('is one per network namespace, in the run folder', () => {
    const inode = /^net:\[(\d+)\]$/.exec(readlinkSync('/proc/self/ns/net'))?.[1];
    expect(loopbackGuardLockDir()).toBe(join(runDir, `loopback-guard-${inode}.lock`));
  });

  it('makes a section wait until another process releases it, and leaves no lock behind', async () => {
    const log = join(runDir, 'log');
    const { exited } = await holdElsewhere('loopback-guard', log, 2_000);
    // The other process logs "free" before it releases: a section that saw no "free" overlapped it.
    const seen = await withLoopbackGuardLock(async () => ({ at: Date.now(), log: readFileSync(log, 'utf8') }));
    expect(seen.log, 'the other process\'s log when this section began').toMatch(/^free \d+$/m);
    expect(seen.at).toBeGreaterThanOrEqual(stamp(log, 'free'));
    expect(await exited).toBe(0);
    expect(existsSync(loopbackGuardLockDir()), 'the lock directory after both released it').toBe(false);
  }, 60_000);

  it('takes over the lock of a holder that died (no refresh for over a minute)', async () => {
    mkdirSync(loopbackGuardLockDir(), { recursive: true });
    const past = new Date(Date.now() - 61_000);
    utimesSync(loopbackGuardLockDir(), past, past);
    const started = Date.now();
    expect(await withLoopbackGuardLock(async () => 'ran')).toBe('ran');
    expect(Date.now() - started, 'ms waited for a dead holder').toBeLessThan(5_000);
    // A lock that is never taken over would wait its 180 s: fail well before the default 120 s test timeout.
  }, 10_000);

  it('waits for a holder that keeps its lock fresh', async () => {
    mkdirSync(loopbackGuardLockDir(), { recursive: true });
    let entered = false;
    const section = withLoopbackGuardLock(async () => (entered = true));
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(entered, 'entered while a live holder held the lock').toBe(false);
    rmSync(loopbackGuardLockDir(), { recursive: true });
    await section;
    expect(entered).toBe(true);
  });

  it('runs a section inside this process\'s own section instead of waiting for itself', async () => {
    const started = Date.now();
    const inner = await withLoopbackGuardLock(async () => {
      expect(existsSync(loopbackGuardLockDir()), 'the lock directory while held').toBe(true);
      return withLoopbackGuardLock(async () => 'inner ran');
    });
    expect(inner).toBe('inner ran');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(existsSync(loopbackGuardLockDir()), 'the lock directory after the outer section').toBe(false);
  });
});
