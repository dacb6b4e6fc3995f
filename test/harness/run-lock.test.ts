/**
 * The run locks' shared part (scripts/harness/run-lock.ts), without Docker: a waiter that
 * gives up says which lock, who may hold it and what to do, and so does one that finds an
 * earlier harness's stale lock; a section's own error passes through and the lock is
 * released after it.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withRunLock, type RunLock } from '../../scripts/harness/run-lock';

let runDir: string;
let saved: string | undefined;
const testLock = (): RunLock => ({
  name: 'the test lock',
  dir: join(runDir, 'test.lock'),
  holders: 'another test',
  atRisk: 'nothing',
  timeoutMs: 600,
  pollMs: 100,
});

beforeEach(() => {
  saved = process.env.OPENHANDS_GUIDE_RUN_DIR;
  runDir = mkdtempSync(join(tmpdir(), 'ohg-run-lock-'));
  process.env.OPENHANDS_GUIDE_RUN_DIR = runDir;
});
afterEach(() => {
  if (saved === undefined) delete process.env.OPENHANDS_GUIDE_RUN_DIR;
  else process.env.OPENHANDS_GUIDE_RUN_DIR = saved;
  rmSync(runDir, { recursive: true, force: true });
});

describe('a run lock', () => {
  it('gives up after its timeout on a live holder, naming the lock, its holders and how to free it', async () => {
    mkdirSync(testLock().dir);
    let entered = false;
    const waited = withRunLock(testLock(), async () => (entered = true));
    await expect(waited).rejects.toThrow(
      new RegExp(`^Timed out after 0\\.6 s waiting for the test lock ${testLock().dir}: another test holds it \\(no other live harness session is recorded on this host\\)\\. .*remove the directory ${testLock().dir}$`),
    );
    expect(entered).toBe(false);
  });

  it('says what to do with a stale lock directory an earlier harness left with files in it', async () => {
    mkdirSync(testLock().dir);
    writeFileSync(join(testLock().dir, 'owner'), '4242 1\n');
    const past = new Date(Date.now() - 61_000);
    utimesSync(testLock().dir, past, past);
    await expect(withRunLock(testLock(), async () => 'ran')).rejects.toThrow(
      `The test lock ${testLock().dir} has gone stale but holds files, as an earlier version of the harness left it: if no harness run is active on this host, remove that directory`,
    );
  });

  it('passes a section\'s own error through and releases the lock', async () => {
    await expect(withRunLock(testLock(), async () => Promise.reject(new Error('section failed')))).rejects.toThrow('section failed');
    expect(existsSync(testLock().dir), 'the lock directory after the failed section').toBe(false);
    expect(await withRunLock(testLock(), async () => 'again')).toBe('again');
  });
});
