import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allSnippets, snippetKey } from '../../src/snippets';
import { engineRunsOnDisk, summarize, writeReport, type EngineRun } from '../../scripts/harness/report';
import { reportOf, verifySnippets } from '../../scripts/harness/verify';

/**
 * The product's promise: every snippet runs against the real daemon and every claim
 * is checked on the live containers. One run for all snippets (they share images and
 * the LAN neighbour); one test per command and per claim, so a failure names both.
 */
let report: EngineRun;

/**
 * OPENHANDS_GUIDE_SNIPPETS=0.33/network-binding,bridge-guard runs only those snippets (an id
 * alone names it in every version, a version alone all of its snippets); the report then
 * says so.
 */
const only = process.env.OPENHANDS_GUIDE_SNIPPETS?.split(',').filter(Boolean);
const snippets = allSnippets().filter((s) => !only || only.includes(s.id) || only.includes(snippetKey(s)) || only.includes(s.version));
const unknown = (only ?? []).filter((name) => !allSnippets().some((s) => name === s.id || name === snippetKey(s) || name === s.version));
if (unknown.length > 0)
  throw new Error(`OPENHANDS_GUIDE_SNIPPETS names no snippet: ${unknown.join(', ')}. Use version/id (e.g. 1.x/network-binding), an id, or a version (${[...new Set(allSnippets().map((s) => s.version))].join(', ')}); the ids are the keys of src/snippets/versions/<version>/registry.ts`);

/** scripts/engines/matrix.ts runs this file once per engine, each writing a report of its own. */
const REPORT_OUT = process.env.OPENHANDS_GUIDE_REPORT_OUT;

beforeAll(async () => {
  report = await verifySnippets({ snippets });
  // The host's run goes next to the engines' runs of `npm run test:engines`, when there are any.
  const engines = REPORT_OUT ? [] : await engineRunsOnDisk();
  await writeReport(reportOf([report, ...engines]), REPORT_OUT);
}, 900_000);

afterAll(() => {
  if (report) console.log(`\n${summarize(reportOf([report]))}\n(report: ${REPORT_OUT ?? 'reports/verification.json'})`);
});

const find = (key: string) => {
  const snippet = report.snippets.find((s) => snippetKey(s) === key);
  if (!snippet) throw new Error(`snippet ${key} was not run`);
  return snippet;
};

for (const snippet of snippets) {
  const key = snippetKey(snippet);
  describe(`snippet ${key}`, () => {
    it('runs as the reader copies it', (ctx) => {
      const run = find(key);
      // A variant for other engines (rootless Docker's socket), or one an engine expectation keeps
      // off this engine: said loudly; `npm run test:engines` runs it where it belongs.
      if (run.status === 'not-run') {
        console.warn(`NOT RUN ON THIS ENGINE: snippet ${key}: ${run.stderr}`);
        ctx.skip();
      }
      expect(run.exitCode, `snippet ${key}: the commands exited ${run.exitCode}\n--- ran:\n${run.ran}\n--- stderr:\n${run.stderr}`).toBe(0);
    });
    snippet.claims.forEach((claim, index) => {
      it(`claim ${claim.kind}`, (ctx) => {
        const result = find(key).claims[index]!;
        const evidence = result.evidence.map((line) => `  ${line}`).join('\n');
        if (result.status === 'not-verifiable') {
          console.warn(`NOT VERIFIABLE HERE: snippet ${key}, claim ${claim.kind}: ${result.reason}`);
          ctx.skip();
        }
        expect(result.status, `snippet ${key}, claim ${claim.kind}: ${result.reason ?? ''}\n${evidence}`).toBe('verified');
      });
    });
  });
}
