/**
 * The at-a-glance table is read from the report, cell by cell: a claim whose result changes
 * changes its row, a confirmed risk never shows as a pass, and a measure without a command says
 * it was not run.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { AtAGlanceTable } from '../../src/components/AtAGlance/Table';
import type { SiteEngine, SiteSnippetResult, VerificationData } from '../../src/evidence/types';
import { pageTranslator } from '../../src/i18n/format';
import { MESSAGES } from '../../src/i18n/messages';
import { getSnippet } from '../../src/snippets';
import { statesRisk } from '../../src/snippets/claim-risk';
import { VERSIONS, type VersionId } from '../../src/snippets/versions';
import { siteData, siteResult } from '../evidence/support/site-data';

const host: SiteEngine = { id: 'host', kind: 'docker', version: '20.10.24', cgroupVersion: '1', images: [] };
const podman: SiteEngine = { id: 'podman', kind: 'podman', version: '5.4.2', cgroupVersion: '1', images: [] };

/** Every snippet of the version's measures, verified as a report entry of this very registry entry. */
const allVerified = (version: VersionId): SiteSnippetResult[] =>
  [...new Set(Object.values(VERSIONS[version].measures).flatMap((m) => m.snippets))].map((id) => siteResult(getSnippet(version, id)));

interface Row {
  readonly state: string;
  readonly shown: string;
  readonly engines: string;
  readonly claims: number;
  readonly risks: number;
  /** The row's cells, with the entities React writes for quotes decoded, as a reader reads them. */
  readonly html: string;
}

function rows(version: VersionId, data: VerificationData, locale: 'en' | 'ja' = 'en'): Record<string, Row> {
  const html = renderToStaticMarkup(createElement(AtAGlanceTable, { version, data, t: pageTranslator(locale) })).replace(/&#x27;/g, "'").replace(/&quot;/g, '"');
  return Object.fromEntries(
    [...html.matchAll(/<tr data-measure="([^"]+)" data-state="([^"]+)" data-shown="([^"]+)" data-engines="([^"]*)" data-claims="(\d+)" data-risks="(\d+)">(.*?)<\/tr>/g)].map((m) => [
      m[1],
      { state: m[2], shown: m[3], engines: m[4], claims: Number(m[5]), risks: Number(m[6]), html: m[7] },
    ]),
  );
}

describe('the at-a-glance table', () => {
  it('has a row per measure, and a measure is verified with all its claims when all its snippets are', () => {
    const table = rows('canvas', siteData({ engine: host, snippets: allVerified('canvas') }));
    expect(Object.keys(table)).toEqual(Object.keys(VERSIONS.canvas.measures));
    const binding = table['network-binding']!;
    const claims = ['network-binding', 'own-key'].flatMap((id) => getSnippet('canvas', id).claims);
    expect(binding).toMatchObject({ state: 'verified', engines: 'host', claims: claims.length });
  });

  it('changes a row when one claim of one of its snippets fails', () => {
    const snippet = getSnippet('canvas', 'own-key');
    const failed = siteResult(snippet, { status: 'failed', claims: snippet.claims.map((c, i) => ({ kind: c.kind, status: i === 0 ? ('failed' as const) : ('verified' as const), reason: 'x' })) });
    const snippets = allVerified('canvas').map((r) => (r.id === 'own-key' ? failed : r));
    const before = rows('canvas', siteData({ engine: host, snippets: allVerified('canvas') }))['network-binding']!;
    const after = rows('canvas', siteData({ engine: host, snippets }))['network-binding']!;
    expect(after.state).toBe('failed');
    expect(after.claims).toBe(before.claims - 1);
    expect(after.html).toContain('✗');
  });

  it('shows a row whose verified claims state a risk as a warning, never with a check', () => {
    // The socket proxy of 1.x lets the app create a privileged container: a risk its tests confirm.
    const proxy = getSnippet('1.x', 'socket-proxy');
    const risks = proxy.claims.filter((claim) => statesRisk(claim)).length;
    expect(risks, 'the socket proxy states no risk: pick another measure for this test').toBeGreaterThan(0);
    for (const locale of ['en', 'ja'] as const) {
      const row = rows('1.x', siteData({ engine: host, snippets: allVerified('1.x') }), locale)['socket-proxy']!;
      expect(row).toMatchObject({ state: 'verified', shown: 'confirmed-risk', risks });
      expect(row.html).toContain('⚠');
      expect(row.html).not.toContain('✓');
      expect(row.html).toContain(MESSAGES[locale]['atAGlance.risks'].replace('{{count}}', String(risks)).replace(/（.*$/, ''));
    }
    // Not confirmed, not shown: the same row when that claim was not checkable here.
    const unchecked = siteResult(proxy, { status: 'partly-verifiable', claims: proxy.claims.map((c) => ({ kind: c.kind, status: statesRisk(c) ? ('not-verifiable' as const) : ('verified' as const) })) });
    const row = rows('1.x', siteData({ engine: host, snippets: allVerified('1.x').map((r) => (r.id === 'socket-proxy' ? unchecked : r)) }))['socket-proxy']!;
    expect(row).toMatchObject({ state: 'partly-verifiable', risks: 0 });
  });

  it('says a measure without a command was not run, whatever the report holds', () => {
    const row = rows('1.x', siteData({ engine: host, snippets: allVerified('1.x') })).egress!;
    expect(row).toMatchObject({ state: 'source-only', engines: '', claims: 0 });
    expect(row.html).toContain(MESSAGES.en['atAGlance.state.source-only']);
  });

  it('names only the engines that ran a measure, and says which did not', () => {
    const guard = getSnippet('canvas', 'loopback-guard');
    const data = siteData({ engine: host, snippets: allVerified('canvas') }, { engine: podman, snippets: allVerified('canvas').filter((r) => r.id !== guard.id) });
    const row = rows('canvas', data)['loopback-publishing-gap']!;
    expect(row.engines).toBe('host');
    expect(row.html).toContain(MESSAGES.en['atAGlance.engineNotRun'].replace('{{engine}}', 'Podman 5.4.2'));
    expect(rows('canvas', data)['network-binding']!.engines).toBe('host podman');
  });

  it('without a report, verifies nothing', () => {
    const table = rows('0.33', { report: undefined, absence: 'no-report', placements: [] });
    expect(Object.values(table).map((r) => r.state)).not.toContain('verified');
    expect(Object.values(table).map((r) => r.claims)).toEqual(Object.values(table).map(() => 0));
  });
});
