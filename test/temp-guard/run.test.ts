import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { describeLeftovers } from '../../scripts/temp-guard/entries';
import { runGuarded, sweepDeadRuns } from '../../scripts/temp-guard/run';

describe('temp-guard', () => {
  // A private folder plays the system temp directory, so the test never races other processes.
  const made: string[] = [];
  const fakeSystemTemp = () => {
    const dir = mkdtempSync(join(tmpdir(), 'ohg-temp-guard-'));
    made.push(dir);
    return dir;
  };
  afterEach(() => made.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('passes while another program writes to the system temp directory throughout the run, and leaves that program\'s files alone', async () => {
    const system = fakeSystemTemp();
    const modeFile = join(fakeSystemTemp(), 'mode');
    // The "other program": creates a file in the system temp directory every 20 ms while the run lasts.
    const other = setInterval(() => mkdirSync(join(system, `editor-swap-${Date.now()}-${Math.random()}`)), 20);
    try {
      const run = await runGuarded('sh', ['-c', 'stat -c %a "$TMPDIR" > "$0" && f=$(mktemp) && sleep 0.3 && rm "$f"', modeFile], { parent: system, quiet: true });
      const seenMode = readFileSync(modeFile, 'utf8').trim();
      expect(run).toMatchObject({ exitCode: 0, left: [] });
      expect(seenMode).toBe('1777');
      expect(existsSync(run.dir)).toBe(false);
    } finally {
      clearInterval(other);
    }
    expect(readdirSync(system).filter((e) => e.startsWith('editor-swap-')).length).toBeGreaterThan(5);
  });

  it('fails a run that leaves a file in its own temp directory, names it, and removes the directory anyway', async () => {
    const system = fakeSystemTemp();
    const run = await runGuarded('sh', ['-c', 'mktemp "$TMPDIR/check-docs-XXXXXX" >/dev/null'], { parent: system, quiet: true });
    expect(run.exitCode).toBe(1);
    expect(run.left).toEqual([expect.stringMatching(/^check-docs-/)]);
    expect(describeLeftovers(run.dir, run.left)).toContain(join(run.dir, run.left[0]!));
    expect(readdirSync(system)).toEqual([]);
  });

  it('keeps the exit code of a run that fails by itself', async () => {
    expect((await runGuarded('sh', ['-c', 'exit 3'], { parent: fakeSystemTemp(), quiet: true })).exitCode).toBe(3);
  });

  it('sweeps the temp directory of a run whose process is gone, and never a live run\'s or another program\'s', () => {
    const system = fakeSystemTemp();
    mkdirSync(join(system, 'openhands-guide-test-999999999-abc'));
    mkdirSync(join(system, `openhands-guide-test-${process.pid}-def`));
    mkdirSync(join(system, 'openhands-guide-testing-unrelated'));
    expect(sweepDeadRuns(system)).toEqual([join(system, 'openhands-guide-test-999999999-abc')]);
    expect(readdirSync(system).sort()).toEqual([`openhands-guide-test-${process.pid}-def`, 'openhands-guide-testing-unrelated']);
  });
});
