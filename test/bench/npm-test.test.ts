import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyTestFiles, needsOf, npmTestTotals, slowestFiles, type Phase } from '../../scripts/bench/npm-test';

describe('needsOf', () => {
  it('reads what a test needs from its name, as vitest.config.ts selects its projects', () => {
    expect(needsOf('test/harness/verify.docker.test.ts')).toBe('docker');
    expect(needsOf('test/site/site.browser.test.ts')).toBe('browser');
    expect(needsOf('test/harness/parse/shell.test.ts')).toBe('nothing');
    // A name that only mentions docker is not the suffix.
    expect(needsOf('test/harness/docker.test.ts')).toBe('nothing');
  });
});

describe('classifyTestFiles on this repository', () => {
  const files = classifyTestFiles(resolve(__dirname, '..', '..'));
  it('keeps the snippet verification apart (the bench times it in-process)', () => {
    expect(files.verification).toEqual(['test/harness/verify.docker.test.ts']);
    expect(files.docker).not.toContain('test/harness/verify.docker.test.ts');
  });
  it('puts the bench tests and the docs checks in the static part, the daemon tests in the Docker part', () => {
    expect(files.static).toContain('test/bench/npm-test.test.ts');
    expect(files.static).toContain('test/docs/rules.test.ts');
    expect(files.docker).toContain('test/harness/cleanup.docker.test.ts');
    expect(files.docker.some((f) => f.startsWith('test/engines/'))).toBe(false);
  });
  it('leaves the site project to itself and every file in exactly one group', () => {
    const all = [...files.static, ...files.docker, ...files.verification, ...files.site];
    expect(new Set(all).size).toBe(all.length);
    expect(files.site.length).toBeGreaterThan(0);
    expect(files.site.every((f) => f.endsWith('.browser.test.ts'))).toBe(true);
  });
});

describe('slowestFiles', () => {
  it('ranks the files of a vitest JSON report by their own wall time, relative to the root', () => {
    const report = {
      testResults: [
        { name: '/repo/test/a.test.ts', startTime: 1000, endTime: 1500 },
        { name: '/repo/test/b.test.ts', startTime: 1000, endTime: 9000 },
        { name: '/repo/test/c.test.ts' },
        { name: '/repo/test/d.test.ts', startTime: 0, endTime: 2000 },
      ],
    };
    expect(slowestFiles(report, '/repo', 2)).toEqual([
      { file: 'test/b.test.ts', ms: 8000 },
      { file: 'test/d.test.ts', ms: 2000 },
    ]);
    expect(slowestFiles({}, '/repo')).toEqual([]);
  });
});

describe('npmTestTotals', () => {
  const phase = (name: string, part: Phase['part'], ms: number | undefined): Phase => ({ name, part, command: name, ms, exitCode: 0 });
  it('sums static + Docker (the issue\'s scope) and everything npm test runs', () => {
    const totals = npmTestTotals([
      phase('typecheck', 'static', 10_000),
      phase('vitest', 'static', 20_000),
      phase('verify', 'docker', 30_000),
      phase('build', 'build', 11_000),
      phase('test:site', 'site', 60_000),
    ]);
    expect(totals).toMatchObject({ staticMs: 30_000, dockerMs: 30_000, buildMs: 11_000, siteMs: 60_000, staticDockerMs: 60_000, fullMs: 131_000 });
  });
  it('has no sum when a phase of it is missing or untimed', () => {
    expect(npmTestTotals([phase('typecheck', 'static', 1)]).staticDockerMs).toBeUndefined();
    const untimedSite = npmTestTotals([phase('t', 'static', 1), phase('d', 'docker', 1), phase('b', 'build', 1), phase('s', 'site', undefined)]);
    expect(untimedSite.staticDockerMs).toBe(2);
    expect(untimedSite.fullMs).toBeUndefined();
  });
});
