import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allSnippets, snippetKey } from '../../src/snippets';
import { engineRunsOnDisk, summarize, writeReport, type EngineRun } from '../../scripts/harness/report';
import { reportOf, verifySnippets } from '../../scripts/harness/verify';
import { missingOnThisHost, mustVerifyOnRootHost } from './root-host';

/**
 * The product's promise: every snippet runs against the real daemon and every claim
 * is checked on the live containers. One run for all snippets (they share images and
 * the LAN neighbour); one test per command and per claim, so a failure names both.
 */
let report: EngineRun;
/** What this host lacks of a root Linux host with the test tools (root-host.ts); empty: it must verify what the list says. */
let missing: string[] = [];

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
  missing = missingOnThisHost(report);
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
          // A snippet not run on this engine, or a result an engine expectation predicts, is the engine's
          // doing (said loudly above and in the report); anything else on a fully equipped root host is a failure.
          const must = mustVerifyOnRootHost(claim.kind) && find(key).status !== 'not-run' && result.expectation === undefined;
          expect(
            must && missing.length === 0,
            `snippet ${key}, claim ${claim.kind}: not verifiable (${result.reason}) on a root Linux host with the test tools, where test/harness/root-host.ts says it must be verified\n${evidence}`,
          ).toBe(false);
          console.warn(`NOT VERIFIABLE HERE: snippet ${key}, claim ${claim.kind}: ${result.reason}${must ? ` (must be verified on a root Linux host with the test tools; this host: ${missing.join('; ')})` : ''}`);
          ctx.skip();
        }
        expect(result.status, `snippet ${key}, claim ${claim.kind}: ${result.reason ?? ''}\n${evidence}`).toBe('verified');
      });
    });
  });
}
