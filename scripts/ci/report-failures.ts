/**
 * The workflows' report of a failed verification (scripts/ci/failures.ts): which claim no
 * longer holds, on which page, why. Exit 1 when anything failed or there is no report.
 *
 *   vite-node scripts/ci/report-failures.ts [--report reports/verification.json] [--summary "$GITHUB_STEP_SUMMARY"]
 */
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { VerificationReport } from '../../contracts/verification-report';
import { siteAddress } from '../../src/site/address';
import { annotation, failuresOf, markdown, placements, ROOT } from './failures';

async function main(argv: readonly string[]): Promise<number> {
  const option = (name: string) => {
    const index = argv.indexOf(name);
    return index >= 0 ? argv[index + 1] : undefined;
  };
  const reportFile = path.resolve(option('--report') ?? path.join(ROOT, 'reports', 'verification.json'));
  const summaryFile = option('--summary');
  if (!existsSync(reportFile)) {
    const text = `## Verification: no report\n\n${path.relative(ROOT, reportFile)} was not written: the harness did not get as far as running the snippets (see the log of the step before).\n`;
    if (summaryFile) appendFileSync(summaryFile, text);
    console.log(`::error title=no verification report::${path.relative(ROOT, reportFile)} was not written; see the log`);
    return 1;
  }
  const report = JSON.parse(readFileSync(reportFile, 'utf8')) as VerificationReport;
  const failures = failuresOf(report, await placements());
  const address = process.env.OPENHANDS_GUIDE_URL ? siteAddress() : undefined;
  if (summaryFile) appendFileSync(summaryFile, `${markdown(report, failures, address && `${address.url}${address.baseUrl}`)}\n`);
  for (const f of failures) {
    console.log(annotation(f));
    console.error(`FAILED ${f.engine} ${f.snippet} ${f.what} (page ${f.pages[0] ?? 'none'}${f.source ? `, ${f.source}` : ''}): ${f.reason}`);
  }
  return failures.length === 0 ? 0 : 1;
}

main(process.argv.slice(2).filter((arg) => arg !== '--')).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
