import { describe, expect, it } from 'vitest';
import { evidenceFor } from '../../src/evidence/evidenceFor';
import type { SiteRun, SiteSnippetResult, VerificationData } from '../../src/evidence/types';
import { getSnippet, requiredSnippets, snippetHash } from '../../src/snippets';

const snippet = getSnippet('network-binding');

function result(overrides: Partial<SiteSnippetResult> = {}): SiteSnippetResult {
  return {
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

function data(snippets: readonly SiteSnippetResult[] | undefined): VerificationData {
  const run: SiteRun | undefined = snippets && {
    generatedAt: '2026-11-22T00:00:00.000Z',
    engineVersion: '20.10.24',
    cgroupVersion: '1',
    images: [],
    snippets,
  };
  return { run, absence: run ? undefined : 'no-report', placements: [] };
}

describe('evidenceFor', () => {
  it('shows the report entry made from this very registry entry', () => {
    expect(evidenceFor(snippet, data([result()]))).toMatchObject({ state: 'verified' });
    expect(evidenceFor(snippet, data([result({ status: 'failed' })]))).toMatchObject({ state: 'failed' });
  });

  it('is not verified without a report', () => {
    expect(evidenceFor(snippet, data(undefined))).toEqual({ state: 'not-verified', why: 'no-report' });
    expect(evidenceFor(snippet, { run: undefined, absence: 'unreadable', placements: [] })).toEqual({ state: 'not-verified', why: 'unreadable' });
  });

  it('is not verified when the run left the snippet out', () => {
    expect(evidenceFor(snippet, data([{ ...result(), id: 'other' }]))).toEqual({ state: 'not-verified', why: 'not-run' });
  });

  it('is not verified when the report predates a change to the command', () => {
    expect(evidenceFor(snippet, data([result({ registryHash: '00000000' })]))).toEqual({ state: 'not-verified', why: 'stale' });
  });

  it('is not verified when a required snippet changed since the run', () => {
    const workspaceRun = getSnippet('workspace-run');
    expect(requiredSnippets(workspaceRun).length).toBeGreaterThan(0);
    const ownHashOnly = { ...result(), id: workspaceRun.id, registryHash: snippetHash(workspaceRun), claims: workspaceRun.claims.map((c) => ({ kind: c.kind, status: 'verified' as const })) };
    expect(evidenceFor(workspaceRun, data([ownHashOnly]))).toEqual({ state: 'not-verified', why: 'stale' });
  });
});
