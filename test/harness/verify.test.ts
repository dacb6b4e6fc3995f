import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allSnippets } from '../../src/snippets';
import { summarize, writeReport, type VerificationReport } from '../../scripts/harness/report';
import { verifySnippets } from '../../scripts/harness/verify';

/**
 * The product's promise: every snippet runs against the real daemon and every claim
 * is checked on the live containers. One run for all snippets (they share images and
 * the LAN neighbour); one test per command and per claim, so a failure names both.
 */
let report: VerificationReport;

/** OPENHANDS_GUIDE_SNIPPETS=id,id runs only those snippets (while working on one); the report then says so. */
const only = process.env.OPENHANDS_GUIDE_SNIPPETS?.split(',').filter(Boolean);
const snippets = allSnippets().filter((s) => !only || only.includes(s.id));

beforeAll(async () => {
  report = await verifySnippets({ snippets });
  await writeReport(report);
}, 900_000);

afterAll(() => {
  if (report) console.log(`\n${summarize(report)}\n(report: reports/verification.json)`);
});

const find = (id: string) => {
  const snippet = report.snippets.find((s) => s.id === id);
  if (!snippet) throw new Error(`snippet ${id} was not run`);
  return snippet;
};

for (const snippet of snippets) {
  describe(`snippet ${snippet.id}`, () => {
    it('runs as the reader copies it', () => {
      const run = find(snippet.id);
      expect(run.exitCode, `snippet ${snippet.id}: the commands exited ${run.exitCode}\n--- ran:\n${run.ran}\n--- stderr:\n${run.stderr}`).toBe(0);
    });
    snippet.claims.forEach((claim, index) => {
      it(`claim ${claim.kind}`, (ctx) => {
        const result = find(snippet.id).claims[index]!;
        const evidence = result.evidence.map((line) => `  ${line}`).join('\n');
        if (result.status === 'not-verifiable') {
          console.warn(`NOT VERIFIABLE HERE: snippet ${snippet.id}, claim ${claim.kind}: ${result.reason}`);
          ctx.skip();
        }
        expect(result.status, `snippet ${snippet.id}, claim ${claim.kind}: ${result.reason ?? ''}\n${evidence}`).toBe('verified');
      });
    });
  });
}
