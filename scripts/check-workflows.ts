/**
 * `npm run check:workflows [-- file.yml ...]`: validates the GitHub Actions workflows
 * (scripts/workflows/validate.ts); `file:line:column: reason [rule]` for each problem, exit 1 if any.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { formatProblem, ROOT, validateWorkflowText, workflowFiles, WORKFLOWS_DIR } from './workflows/validate';

function main(argv: readonly string[]): number {
  const files = argv.length > 0 ? argv.map((file) => path.resolve(file)) : workflowFiles();
  if (files.length === 0) {
    console.error(`check-workflows: no workflow files in ${path.relative(ROOT, WORKFLOWS_DIR)}`);
    return 1;
  }
  const problems = files.flatMap((file) => validateWorkflowText(readFileSync(file, 'utf8'), path.relative(ROOT, file)));
  for (const problem of problems) {
    console.error(formatProblem(problem));
    if (process.env.GITHUB_ACTIONS === 'true') {
      console.error(`::error file=${problem.file},line=${problem.line},col=${problem.column}::${problem.reason.replaceAll('\n', ' ')}`);
    }
  }
  const summary = `check-workflows: ${files.length} file${files.length === 1 ? '' : 's'}, ${problems.length === 0 ? 'no issues' : `${problems.length} problem${problems.length === 1 ? '' : 's'}`}`;
  (problems.length === 0 ? console.log : console.error)(summary);
  return problems.length === 0 ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2).filter((arg) => arg !== '--'));
