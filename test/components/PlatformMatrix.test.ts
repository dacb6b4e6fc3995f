/**
 * The platform matrix names the engines of the report and no other, and its bottom line per
 * engine follows the measures' results there: all verified works, some not working there is a
 * caveat, none working is not supported. Docker Engine 29 and Docker Desktop are cited only.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { PlatformMatrixTable } from '../../src/components/PlatformMatrix/Table';
import type { SiteEngine, SiteSnippetResult, VerificationData } from '../../src/evidence/types';
import { pageTranslator } from '../../src/i18n/format';
import { getSnippet } from '../../src/snippets';
import { VERSIONS, type VersionId } from '../../src/snippets/versions';
import { siteData, siteResult } from '../evidence/support/site-data';

const host: SiteEngine = { id: 'host', kind: 'docker', version: '20.10.24', cgroupVersion: '1', images: [] };
const rootless: SiteEngine = { id: 'rootless', kind: 'rootless-docker', version: '28.5.2', cgroupVersion: '1', images: [] };

const measureSnippets = (version: VersionId) => [...new Set(Object.values(VERSIONS[version].measures).flatMap((m) => m.snippets))];
const results = (version: VersionId, status: (id: string) => SiteSnippetResult['status'] = () => 'verified'): SiteSnippetResult[] =>
  measureSnippets(version).map((id) => siteResult(getSnippet(version, id), { status: status(id) }));

function verdicts(version: VersionId, data: VerificationData): Record<string, string> {
  const html = renderToStaticMarkup(createElement(PlatformMatrixTable, { version, data, t: pageTranslator('en') }));
  return Object.fromEntries([...html.matchAll(/<tr data-platform="([^"]+)" data-verdict="([^"]+)">/g)].map((m) => [m[1], m[2]]));
}

describe('the platform matrix', () => {
  it('has a row for each engine of the report, and the cited platforms, nothing else', () => {
    expect(verdicts('canvas', siteData({ engine: host, snippets: results('canvas') }))).toEqual({ host: 'works', 'platform-engine-29': 'cited-only', 'platform-desktop': 'cited-only' });
  });

  it('gives caveats on an engine where a measure does not work as expected, and names it', () => {
    const data = siteData({ engine: host, snippets: results('canvas') }, { engine: rootless, snippets: results('canvas', (id) => (id === 'resource-limits' ? 'expected-failure' : 'verified')) });
    expect(verdicts('canvas', data)).toMatchObject({ host: 'works', rootless: 'caveats' });
    const html = renderToStaticMarkup(createElement(PlatformMatrixTable, { version: 'canvas', data, t: pageTranslator('en') }));
    expect(html).toMatch(/data-measure="resource-limits" data-state="expected-failure"/);
  });

  it('says not supported when no measure works there, and failed when one failed', () => {
    const none = siteData({ engine: rootless, snippets: results('1.x', () => 'expected-failure') });
    expect(verdicts('1.x', none).rootless).toBe('not-supported');
    const failed = siteData({ engine: host, snippets: results('1.x', (id) => (id === 'docker-user-guard' ? 'failed' : 'verified')) });
    expect(verdicts('1.x', failed).host).toBe('failed');
  });

  it('without a report, names no engine', () => {
    expect(Object.keys(verdicts('0.33', { report: undefined, absence: 'no-report', placements: [] }))).toEqual(['platform-engine-29', 'platform-desktop']);
  });
});
