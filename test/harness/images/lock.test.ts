/**
 * The images lock (scripts/harness/images/lock.ts) in a run folder of the test's own
 * (OPENHANDS_GUIDE_RUN_DIR), without Docker: sections of two processes never overlap, the
 * synchronous path waits for another process, a crashed holder's lock is taken over, and a
 * synchronous release inside this process's own section runs instead of waiting for itself.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { imagesLockDir, withImagesLock, withImagesLockSync } from '../../../scripts/harness/images/lock';
import { holdElsewhere, stamp } from '../support/hold-lock';

let runDir: string;
let saved: string | undefined;

beforeEach(() => {
  saved = process.env.OPENHANDS_GUIDE_RUN_DIR;
  runDir = mkdtempSync(join(tmpdir(), 'ohg-images-lock-'));
  process.env.OPENHANDS_GUIDE_RUN_DIR = runDir;
});
afterEach(() => {
  if (saved === undefined) delete process.env.OPENHANDS_GUIDE_RUN_DIR;
  else process.env.OPENHANDS_GUIDE_RUN_DIR = saved;
  rmSync(runDir, { recursive: true, force: true });
});

describe('the images lock', () => {
  it('makes the synchronous path wait until another process releases it', async () => {
    const log = join(runDir, 'log');
    const { exited } = await holdElsewhere('images', log, 2_000);
    const entered = withImagesLockSync(() => Date.now());
    expect(entered).toBeGreaterThanOrEqual(stamp(log, 'free'));
    expect(await exited).toBe(0);
    expect(existsSync(imagesLockDir()), 'the lock directory after both released it').toBe(false);
  }, 60_000);

  it('makes the async path wait until another process releases it', async () => {
    const log = join(runDir, 'log');
    const { exited } = await holdElsewhere('images', log, 2_000);
    const entered = await withImagesLock(async () => Date.now());
    expect(entered).toBeGreaterThanOrEqual(stamp(log, 'free'));
    expect(await exited).toBe(0);
  }, 60_000);

  it('never runs two async sections of one process at once', async () => {
    const events: string[] = [];
    const section = (name: string) =>
      withImagesLock(async () => {
        events.push(`${name} in`);
        await new Promise((resolve) => setTimeout(resolve, 300));
        events.push(`${name} out`);
      });
    await Promise.all([section('a'), section('b')]);
    expect(events.join(', ')).toMatch(/^(a in, a out, b in, b out|b in, b out, a in, a out)$/);
  });

  it('takes over the lock of a holder that crashed (no refresh for over a minute)', () => {
    mkdirSync(imagesLockDir(), { recursive: true });
    const past = new Date(Date.now() - 61_000);
    utimesSync(imagesLockDir(), past, past);
    const started = Date.now();
    expect(withImagesLockSync(() => 'ran')).toBe('ran');
    expect(Date.now() - started, 'ms waited for a dead holder').toBeLessThan(5_000);
  });

  it('waits for a holder that keeps its lock fresh', async () => {
    mkdirSync(imagesLockDir(), { recursive: true });
    let entered = false;
    const section = withImagesLock(async () => (entered = true));
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(entered, 'entered while a live holder held the lock').toBe(false);
    rmSync(imagesLockDir(), { recursive: true });
    await section;
    expect(entered).toBe(true);
  });

  it('runs a synchronous section inside this process\'s own async one instead of waiting for itself', async () => {
    const started = Date.now();
    const inner = await withImagesLock(async () => {
      await new Promise((resolve) => setTimeout(resolve, 10));
      return withImagesLockSync(() => 'inner ran');
    });
    expect(inner).toBe('inner ran');
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
