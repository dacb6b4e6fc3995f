import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyTestFiles, needsDocker, npmTestTotals, slowestFiles, type Phase } from '../../scripts/bench/npm-test';

describe('needsDocker', () => {
  it('is true for a test that imports the harness modules that talk to the daemon', () => {
    expect(needsDocker(`import { docker } from '../../scripts/harness/docker';`)).toBe(true);
    expect(needsDocker(`import { verifySnippets } from "../../scripts/harness/verify";`)).toBe(true);
    expect(needsDocker(`import { createLanNeighbour } from '../../scripts/harness/lan';`)).toBe(true);
    expect(needsDocker(`import {\n  removeSessionResources,\n} from '../../scripts/harness/cleanup';`)).toBe(true);
  });
  it('is false for pure modules, even under scripts/harness', () => {
    expect(needsDocker(`import { applyRewrites } from '../../../scripts/harness/run/rewrites';`)).toBe(false);
    expect(needsDocker(`import { snippetCommands } from '../../../scripts/harness/parse';`)).toBe(false);
    expect(needsDocker(`import { dockerTotals } from '../../scripts/bench/docker';`)).toBe(false);
  });
  it('is false for a mention that is not an import', () => {
    expect(needsDocker(`const text = "from '../../scripts/harness/docker'";`)).toBe(false);
  });
});

describe('classifyTestFiles on this repository', () => {
  const files = classifyTestFiles(resolve(__dirname, '..', '..'));
  it('keeps the snippet verification apart (the bench times it in-process)', () => {
    expect(files.verification).toEqual(['test/harness/verify.test.ts']);
    expect(files.docker).not.toContain('test/harness/verify.test.ts');
  });
  it('puts the bench tests and the docs checks in the static part, the daemon tests in the Docker part', () => {
    expect(files.static).toContain('test/bench/npm-test.test.ts');
    expect(files.static).toContain('test/docs/rules.test.ts');
    expect(files.docker).toContain('test/harness/cleanup.test.ts');
  });
  it('leaves the site project to itself and every file in exactly one group', () => {
    const all = [...files.static, ...files.docker, ...files.verification, ...files.site];
    expect(new Set(all).size).toBe(all.length);
    expect([...files.static, ...files.docker].some((f) => f.startsWith('test/site/'))).toBe(false);
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
