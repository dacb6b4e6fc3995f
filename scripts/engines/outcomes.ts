import type { EngineRun } from '../../contracts/verification-report';

/**
 * What in an engine's run no expectation accounts for: a failed claim, a snippet whose
 * commands failed, or the engine not running at all. The matrix fails on any of these.
 */
export function unexpectedResults(run: EngineRun): string[] {
  if (run.failure) return [`${run.engine.id}: could not run: ${run.failure.reason}`];
  const lines: string[] = [];
  for (const snippet of run.snippets) {
    for (const result of snippet.claims) {
      // With the evidence's own explanation of a failed probe (claims/ports.ts), so CI's log says why.
      const why = result.evidence.filter((line) => line.startsWith('why: ')).map((line) => ` (${line})`).join('');
      if (result.status === 'failed') lines.push(`${run.engine.id} ${snippet.version}/${snippet.id}: ${result.claim.kind}: ${result.reason ?? ''}${why}`.trim());
    }
    if (snippet.claims.length === 0 && snippet.status === 'failed') lines.push(`${run.engine.id} ${snippet.version}/${snippet.id}: the commands exited ${snippet.exitCode}`);
  }
  return lines;
}
