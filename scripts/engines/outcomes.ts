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
      if (result.status === 'failed') lines.push(`${run.engine.id} ${snippet.version}/${snippet.id}: ${result.claim.kind}: ${result.reason ?? ''}`.trim());
    }
    if (snippet.claims.length === 0 && snippet.status === 'failed') lines.push(`${run.engine.id} ${snippet.version}/${snippet.id}: the commands exited ${snippet.exitCode}`);
  }
  return lines;
}
