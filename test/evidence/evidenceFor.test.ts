import { describe, expect, it } from 'vitest';
import { evidenceFor } from '../../src/evidence/evidenceFor';
import type { SiteEngine, SiteSnippetResult } from '../../src/evidence/types';
import { getSnippet, requiredSnippets, snippetHash } from '../../src/snippets';
import { siteData, siteResult } from './support/site-data';

const snippet = getSnippet('0.33', 'network-binding');
const host: SiteEngine = { id: 'host', kind: 'docker', version: '20.10.24', cgroupVersion: '1', images: [] };
const docker28: SiteEngine = { id: 'docker28', kind: 'docker', version: '28.5.2', cgroupVersion: '1', images: [] };

const result = (overrides: Partial<SiteSnippetResult> = {}): SiteSnippetResult => siteResult(snippet, overrides);
const data = siteData;

describe('evidenceFor', () => {
  it('shows the report entry made from this very registry entry, per engine', () => {
    expect(evidenceFor(snippet, data({ engine: host, snippets: [result()] }))).toMatchObject({ state: 'verified', engines: [{ engine: host, state: 'verified' }] });
    expect(evidenceFor(snippet, data({ engine: host, snippets: [result({ status: 'failed' })] }))).toMatchObject({ state: 'failed' });
  });

  it('is as good as its worst engine', () => {
    const evidence = evidenceFor(snippet, data({ engine: host, snippets: [result()] }, { engine: docker28, snippets: [result({ status: 'failed' })] }));
    expect(evidence.state).toBe('failed');
    expect(evidence.engines.map((e) => e.state)).toEqual(['verified', 'failed']);
  });

  it('is not verified without a report', () => {
    expect(evidenceFor(snippet, { report: undefined, absence: 'no-report', placements: [] })).toEqual({ state: 'not-verified', why: 'no-report', engines: [] });
    expect(evidenceFor(snippet, { report: undefined, absence: 'unreadable', placements: [] })).toEqual({ state: 'not-verified', why: 'unreadable', engines: [] });
  });

  it('is not verified when the run left the snippet out, or ran the same id of another version', () => {
    expect(evidenceFor(snippet, data({ engine: host, snippets: [{ ...result(), id: 'other' }] }))).toMatchObject({ state: 'not-verified', why: 'not-run' });
    expect(evidenceFor(snippet, data({ engine: host, snippets: [{ ...result(), version: '1.x' }] }))).toMatchObject({ state: 'not-verified', why: 'not-run' });
  });

  it('says which engine could not run at all, and judges by the others', () => {
    const evidence = evidenceFor(snippet, data({ engine: { ...docker28, failure: 'no start' }, snippets: [] }, { engine: host, snippets: [result()] }));
    expect(evidence.state).toBe('verified');
    expect(evidence.engines[0]).toMatchObject({ state: 'not-verified', why: 'engine-failed' });
  });

  it('counts an engine where an expectation says not to run the snippet as no result, and says why on its line', () => {
    const podman: SiteEngine = { id: 'podman', kind: 'podman', version: '5.4.2', cgroupVersion: '1', images: [] };
    const notRun = result({ status: 'not-run', expectation: 'podman-bridge-gateway-publish', exitCode: -1 });
    const evidence = evidenceFor(snippet, data({ engine: host, snippets: [result()] }, { engine: podman, snippets: [notRun] }));
    expect(evidence.state).toBe('verified');
    expect(evidence.engines[1]).toEqual({ engine: podman, state: 'not-verified', why: 'not-run-here', expectation: 'podman-bridge-gateway-publish' });
    // Run nowhere else: the snippet is not verified, never "fails as expected".
    expect(evidenceFor(snippet, data({ engine: podman, snippets: [notRun] }))).toMatchObject({ state: 'not-verified', why: 'not-run' });
  });

  it('says a variant for other engines was not run on an engine of another kind, even from an older report', () => {
    const rootless: SiteEngine = { id: 'rootless', kind: 'rootless-docker', version: '28.5.2', cgroupVersion: '1', images: [] };
    const variant = { ...snippet, engines: ['rootless-docker'] as const };
    const registryHash = snippetHash(variant, requiredSnippets(variant));
    const evidence = evidenceFor(variant, data({ engine: host, snippets: [result({ registryHash })] }, { engine: rootless, snippets: [result({ registryHash, status: 'expected-failure' })] }));
    expect(evidence.engines[0]).toEqual({ engine: host, state: 'not-verified', why: 'written-for-other-engines' });
    expect(evidence.state).toBe('expected-failure');
    expect(evidenceFor(variant, data({ engine: host, snippets: [result({ registryHash })] }))).toMatchObject({ state: 'not-verified', why: 'not-run' });
  });

  it('is not verified when the report predates a change to the command', () => {
    expect(evidenceFor(snippet, data({ engine: host, snippets: [result({ registryHash: '00000000' })] }))).toMatchObject({ state: 'not-verified', why: 'stale' });
  });

  it('is not verified when a required snippet changed since the run', () => {
    const workspaceRun = getSnippet('0.33', 'workspace-run');
    expect(requiredSnippets(workspaceRun).length).toBeGreaterThan(0);
    const ownHashOnly = { ...result(), id: workspaceRun.id, registryHash: snippetHash(workspaceRun), claims: workspaceRun.claims.map((c) => ({ kind: c.kind, status: 'verified' as const })) };
    expect(evidenceFor(workspaceRun, data({ engine: host, snippets: [ownHashOnly] }))).toMatchObject({ state: 'not-verified', why: 'stale' });
  });
});
