import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gitHistory } from '../../src/site/history';

/** Whether the build may show "last updated" dates (docusaurus.config.ts, showLastUpdateTime). */
describe('gitHistory', () => {
  let dir: string;
  const git = (cwd: string, ...args: string[]) => {
    const result = spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', ...args], { cwd, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  };
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'ohg-history-'));
    const full = path.join(dir, 'full');
    git(dir, 'init', '-q', full);
    for (const n of [1, 2]) {
      writeFileSync(path.join(full, 'page.md'), `# ${n}\n`);
      git(full, 'add', 'page.md');
      git(full, 'commit', '-q', '-m', `change ${n}`);
    }
    git(dir, 'clone', '-q', '--depth', '1', `file://${full}`, path.join(dir, 'shallow'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('uses the history of a full clone', () => {
    expect(gitHistory(path.join(dir, 'full'))).toEqual({ usable: true });
  });

  it('builds without dates from a shallow clone (every page would get the one commit\'s date), saying how to fetch the rest', () => {
    const state = gitHistory(path.join(dir, 'shallow'));
    expect(state).toMatchObject({ usable: false });
    expect(!state.usable && state.why).toContain('fetch-depth: 0');
  });

  it('builds without dates outside a git work tree (Docusaurus would throw)', () => {
    expect(gitHistory(dir)).toMatchObject({ usable: false, why: expect.stringContaining('not in a git work tree') });
  });
});
