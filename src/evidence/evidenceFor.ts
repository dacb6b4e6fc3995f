import { requiredSnippets, snippetHash, type Snippet } from '../snippets';
import type { SnippetEvidence, VerificationData } from './types';

/**
 * The evidence a snippet may show. A report entry counts only if it was made from the
 * registry entry (and the entries it requires) that this build renders: a report from
 * before a change to the command is no evidence for the changed command.
 */
export function evidenceFor(snippet: Snippet, data: VerificationData): SnippetEvidence {
  if (!data.run) return { state: 'not-verified', why: data.absence ?? 'no-report' };
  const result = data.run.snippets.find((entry) => entry.id === snippet.id);
  if (!result) return { state: 'not-verified', why: 'not-run' };
  if (result.registryHash !== snippetHash(snippet, requiredSnippets(snippet))) return { state: 'not-verified', why: 'stale' };
  return { state: result.status, run: data.run, result };
}
