import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem, validateWorkflowText, workflowFiles } from '../../scripts/workflows/validate';

const ok = `name: ok
on:
  push:
    branches: [main]
permissions:
  contents: read
jobs:
  build:
    runs-on: ubuntu-24.04
    steps:
      - uses: actions/checkout@v4
      - id: pages
        uses: actions/configure-pages@v5
      - run: echo "\${{ steps.pages.outputs.origin }}"
  deploy:
    needs: build
    runs-on: ubuntu-24.04
    steps:
      - run: echo deploy
`;

const problems = (text: string) => validateWorkflowText(text, 'wf.yml').map(formatProblem);

describe('the workflow check (npm run check:workflows)', () => {
  it('passes the repository\'s workflows', () => {
    const files = workflowFiles();
    expect(files.map((file) => path.basename(file))).toEqual(expect.arrayContaining(['deploy.yml', 'weekly.yml']));
    for (const file of files) expect(problems(readFileSync(file, 'utf8')), file).toEqual([]);
  });

  it('passes a valid workflow', () => {
    expect(problems(ok)).toEqual([]);
  });

  it('names the file, line, column and reason of a key the schema does not allow', () => {
    const text = ok.replace('      - run: echo deploy\n', '      - run: echo deploy\n        bogus: 1\n');
    expect(problems(text)).toEqual(["wf.yml:20:9: Additional property 'bogus' is not allowed (at /jobs/deploy/steps/0) [properties]"]);
  });

  it('points at the value of a field of the wrong kind', () => {
    const text = ok.replace('    branches: [main]', '    branches: 7');
    expect(problems(text)).toEqual([expect.stringMatching(/^wf\.yml:4:15: .*\/on\/push\/branches/)]);
  });

  it('points at the mapping that lacks a required field', () => {
    const text = ok.replace('    runs-on: ubuntu-24.04\n    steps:\n      - run: echo deploy\n', '    steps:\n      - run: echo deploy\n');
    expect(problems(text)).toEqual([expect.stringMatching(/^wf\.yml:16:5: .*\/jobs\/deploy\/runs-on \[required\]$/)]);
  });

  it('names a YAML syntax error where it is', () => {
    expect(problems('name: x\non: [push\n')).toEqual([expect.stringMatching(/^wf\.yml:\d+:\d+: .+ \[yaml\]$/)]);
  });

  it('finds `needs` that names no job, and `steps.<id>` that names no earlier step', () => {
    const text = ok
      .replace('    needs: build', '    needs: [build, test]')
      .replace('steps.pages.outputs.origin', 'steps.page.outputs.origin');
    expect(problems(text)).toEqual([
      'wf.yml:14:20: `steps.page` in ${{ steps.page.outputs.origin }}: no step of job build has that id [steps-context]',
      'wf.yml:16:20: unresolved job test (at /jobs/deploy/needs) [unresolved_job]',
    ]);
    const early = ok.replace('      - id: pages\n        uses: actions/configure-pages@v5\n      - run: echo "${{ steps.pages.outputs.origin }}"\n', '      - run: echo "${{ steps.pages.outputs.origin }}"\n      - id: pages\n        uses: actions/configure-pages@v5\n');
    expect(problems(early)).toEqual([expect.stringContaining('a later step of the job')]);
  });
});
