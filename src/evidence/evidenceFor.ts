import { requiredSnippets, snippetHash, type Snippet } from '../snippets';
import type { EngineEvidence, ResultState, SnippetEvidence, VerificationData } from './types';

const RANK: Readonly<Record<ResultState, number>> = { verified: 0, 'expected-failure': 0, 'partly-verifiable': 1, failed: 2 };

/**
 * The evidence a snippet may show, per engine and overall. A report entry counts only if
 * it was made from the registry entry (and the entries it requires) that this build
 * renders: a report from before a change to the command is no evidence for the changed
 * command. Overall, a snippet is as good as its worst engine that ran it.
 */
export function evidenceFor(snippet: Snippet, data: VerificationData): SnippetEvidence {
  if (!data.report) return { state: 'not-verified', why: data.absence ?? 'no-report', engines: [] };
  const hash = snippetHash(snippet, requiredSnippets(snippet));
  const engines: EngineEvidence[] = data.report.runs.map((run): EngineEvidence => {
    if (run.engine.failure) return { engine: run.engine, state: 'not-verified', why: 'engine-failed' };
    // Decided by the registry entry this build renders, whatever an older report says.
    if (snippet.engines && !snippet.engines.includes(run.engine.kind)) return { engine: run.engine, state: 'not-verified', why: 'written-for-other-engines' };
    const result = run.snippets.find((entry) => entry.version === snippet.version && entry.id === snippet.id);
    if (!result) return { engine: run.engine, state: 'not-verified', why: 'not-run' };
    if (result.registryHash !== hash) return { engine: run.engine, state: 'not-verified', why: 'stale' };
    if (result.status === 'not-run') return { engine: run.engine, state: 'not-verified', why: 'not-run-here', expectation: result.expectation ?? '' };
    return { engine: run.engine, state: result.status, result };
  });
  const ran = engines.filter((e): e is Extract<EngineEvidence, { result: unknown }> => e.state !== 'not-verified');
  if (ran.length === 0) {
    // Not run here, as an expectation says, is still "not run" for the snippet as a whole: each engine line says why.
    // A variant no engine of its kind ran is "not run" too: each engine line says it is for others.
    const why = engines.some((e) => e.state === 'not-verified' && e.why === 'stale') ? 'stale' : 'not-run';
    return { state: 'not-verified', why, engines };
  }
  // An engine where the commands do not work, as an expectation says, shows that on its own line;
  // the verdict is over the others (all expected failures: that is the verdict).
  const judged = ran.filter((e) => e.state !== 'expected-failure');
  const state = judged.length === 0 ? 'expected-failure' : judged.reduce<ResultState>((worst, e) => (RANK[e.state] > RANK[worst] ? e.state : worst), 'verified');
  return { state, generatedAt: data.report.generatedAt, engines };
}
