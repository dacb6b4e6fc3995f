import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyTestFiles, needsDocker } from '../../scripts/bench/npm-test';

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
