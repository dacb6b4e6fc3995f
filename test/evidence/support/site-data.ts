import type { SiteEngine, SiteSnippetResult, VerificationData } from '../../../src/evidence/types';
import { requiredSnippets, snippetHash, type Snippet } from '../../../src/snippets';

/** A report entry made from this very registry entry: every claim verified, unless overridden. */
export function siteResult(snippet: Snippet, overrides: Partial<SiteSnippetResult> = {}): SiteSnippetResult {
  return {
    version: snippet.version,
    id: snippet.id,
    registryHash: snippetHash(snippet, requiredSnippets(snippet)),
    status: 'verified',
    exitCode: 0,
    requires: [],
    claims: snippet.claims.map((claim) => ({ kind: claim.kind, status: 'verified' as const })),
    rewrites: [],
    placeholders: [],
    ...overrides,
  };
}

/** What a page gets: a report of these engine runs, no placements. */
export const siteData = (...runs: { engine: SiteEngine; snippets: readonly SiteSnippetResult[] }[]): VerificationData => ({
  report: { generatedAt: '2026-11-26T00:00:00.000Z', runs },
  absence: undefined,
  placements: [],
});
