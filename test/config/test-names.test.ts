/**
 * vitest.config.ts picks each test's project from its name (`*.docker.test.ts`,
 * `*.browser.test.ts`), so `npm run test:unit` can run without a daemon or a browser. A test
 * that talks to the daemon or starts a browser under a plain name would break that loop on a
 * machine without them: this keeps the names honest.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '..', '..');

/** Harness modules that reach the Docker daemon or change the host's network and firewall. */
const DOCKER_MODULE = /^import\s[^;]*?from\s+['"](?:\.\.?\/)+scripts\/(?:harness\/(?:docker|verify|cleanup|images|lan|firewall|session|run\/session-resources|run\/probes)|engines\/(?:engines|matrix))['"]/m;
/** What starts a browser. */
const BROWSER_MODULE = /^import\s(?!type\b)[^;]*?from\s+['"](?:playwright-core|(?:\.\.?\/)+[\w/-]*support\/browser)['"]/m;

export function misnamed(file: string, source: string): string | undefined {
  if (DOCKER_MODULE.test(source) && !file.endsWith('.docker.test.ts')) return `${file} imports a module that talks to Docker: name it *.docker.test.ts`;
  if (BROWSER_MODULE.test(source) && !file.endsWith('.browser.test.ts')) return `${file} starts a browser: name it *.browser.test.ts`;
  return undefined;
}

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'fixtures' ? [] : testFiles(path);
    return entry.name.endsWith('.test.ts') ? [relative(ROOT, path)] : [];
  });
}

describe('test file names say what a test needs', () => {
  it('flags a plain-named test that imports the daemon modules or starts a browser', () => {
    expect(misnamed('test/harness/x.test.ts', `import { docker } from '../../scripts/harness/docker';`)).toMatch(/\*\.docker\.test\.ts/);
    expect(misnamed('test/site/x.test.ts', `import { launchBrowser } from './support/browser';`)).toMatch(/\*\.browser\.test\.ts/);
    expect(misnamed('test/site/x.test.ts', `import type { Browser } from 'playwright-core';`)).toBeUndefined();
    expect(misnamed('test/harness/x.docker.test.ts', `import { docker } from '../../scripts/harness/docker';`)).toBeUndefined();
    expect(misnamed('test/harness/x.test.ts', `import { applyRewrites } from '../../scripts/harness/run/rewrites';`)).toBeUndefined();
  });

  it('holds for every test file of the repository', () => {
    const problems = testFiles(join(ROOT, 'test')).flatMap((file) => misnamed(file, readFileSync(join(ROOT, file), 'utf8')) ?? []);
    expect(problems).toEqual([]);
  });
});
