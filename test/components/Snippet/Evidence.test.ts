import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import Evidence from '../../../src/components/Snippet/Evidence';
import { expectationById } from '../../../src/engines/expectations';
import { evidenceFor } from '../../../src/evidence/evidenceFor';
import type { SiteEngine, VerificationData } from '../../../src/evidence/types';
import { pageTranslator } from '../../../src/i18n/format';
import { MESSAGES } from '../../../src/i18n/messages';
import { allSnippets, getSnippet, type Snippet } from '../../../src/snippets';
import { statesRisk } from '../../../src/snippets/claim-risk';
import { siteData, siteResult } from '../../evidence/support/site-data';

const host: SiteEngine = { id: 'host', kind: 'docker', version: '20.10.24', cgroupVersion: '1', images: [] };
const podman: SiteEngine = { id: 'podman', kind: 'podman', version: '5.4.2', cgroupVersion: '1', images: [] };

const result = siteResult;

function engineLine(snippet: Snippet, data: VerificationData, engine: string, locale: 'en' | 'ja' = 'en'): string {
  const html = renderToStaticMarkup(createElement(Evidence, { snippet, evidence: evidenceFor(snippet, data), t: pageTranslator(locale), locale }));
  const line = html.match(new RegExp(`<li[^>]*data-engine="${engine}"[^>]*>.*?</li>`))?.[0];
  if (!line) throw new Error(`no line for engine ${engine} in:\n${html}`);
  // As a reader reads it: the entities React writes for quotes and ampersands decoded.
  return line.replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

const data = siteData;

describe('Evidence, one line per engine', () => {
  it('says a snippet an expectation keeps off an engine was not run there, with the note and its source, never "as expected"', () => {
    const snippet = getSnippet('1.x', 'network-binding');
    const id = 'podman-bridge-gateway-publish';
    const notRun = result(snippet, { status: 'not-run', expectation: id, exitCode: -1, claims: snippet.claims.map((c) => ({ kind: c.kind, status: 'not-verifiable' as const })) });
    for (const locale of ['en', 'ja'] as const) {
      const line = engineLine(snippet, data({ engine: host, snippets: [result(snippet)] }, { engine: podman, snippets: [notRun] }), 'podman', locale);
      expect(line).toContain('data-engine-result="not-verified"');
      expect(line).toContain(MESSAGES[locale]['evidence.why.not-run-here']);
      expect(line).toContain(MESSAGES[locale][expectationById(id)!.note]);
      expect(line).toContain(`data-expectation="${id}"`);
      expect(line).not.toContain(MESSAGES[locale]['evidence.result.expected-failure']);
    }
  });

  it('says a variant for other engines is not run on the host', () => {
    const snippet = getSnippet('1.x', 'rootless-run');
    const line = engineLine(snippet, data({ engine: host, snippets: [result(snippet, { status: 'not-run', exitCode: -1 })] }), 'host');
    expect(line).toContain(MESSAGES.en['evidence.why.written-for-other-engines']);
  });
});

describe('Evidence, the host run and a test engine of the same version', () => {
  it('names the host run as this build\'s host, so the two lines read apart', () => {
    const snippet = getSnippet('1.x', 'workspace-run');
    const docker20: SiteEngine = { ...host, id: 'docker20' };
    const both = data({ engine: host, snippets: [result(snippet)] }, { engine: docker20, snippets: [result(snippet)] });
    for (const locale of ['en', 'ja'] as const) {
      const name = MESSAGES[locale]['engine.kind.docker'].replace('{{version}}', '20.10.24');
      expect(engineLine(snippet, both, 'host', locale)).toContain(MESSAGES[locale]['engine.host'].replace('{{name}}', name));
      expect(engineLine(snippet, both, 'docker20', locale)).not.toContain(MESSAGES[locale]['engine.host'].replace('{{name}}', name));
    }
  });
});

describe('Evidence, a claim on an engine where the commands failed as expected', () => {
  it('is not shown as "does not hold" there: the claim was never checked there', () => {
    const snippet = getSnippet('1.x', 'network-binding');
    const rootless: SiteEngine = { id: 'rootless', kind: 'rootless-docker', version: '28.5.2', cgroupVersion: '1', images: [] };
    const failed = result(snippet, {
      status: 'expected-failure',
      exitCode: 125,
      claims: snippet.claims.map((c) => ({ kind: c.kind, status: 'not-verifiable' as const, notVerifiable: 'command-failed-on-engine' as const, expectation: 'rootless-binds-on-host' })),
    });
    const html = renderToStaticMarkup(
      createElement(Evidence, { snippet, evidence: evidenceFor(snippet, data({ engine: host, snippets: [result(snippet)] }, { engine: rootless, snippets: [failed] })), t: pageTranslator('en'), locale: 'en' }),
    );
    const claims = [...html.matchAll(/<li data-claim-kind="[^"]+" data-claim-result="([^"]+)"(?: data-claim-risk="")?>(.*?)<\/li>/g)];
    expect(claims.length).toBe(snippet.claims.length);
    for (const [, state, text] of claims) {
      expect(state, 'the verdict over the engines where it was checked').toBe('verified');
      expect(text).toContain('rootless ○');
      expect(text).not.toContain(MESSAGES.en['evidence.expected'].split('{{')[0]!);
    }
  });
});

describe('Evidence, claims that state a risk', () => {
  /** Each claim's list item of a snippet's evidence, every claim verified on the host. */
  function claimItems(snippet: Snippet, locale: 'en' | 'ja'): { kind: string; risk: boolean; badge: string }[] {
    const html = renderToStaticMarkup(
      createElement(Evidence, { snippet, evidence: evidenceFor(snippet, data({ engine: host, snippets: [result(snippet)] })), t: pageTranslator(locale), locale }),
    );
    return [...html.matchAll(/<li data-claim-kind="([^"]+)" data-claim-result="verified"( data-claim-risk="")?><span class="[^"]*" data-claim-badge="[^"]+">((?:<span[^>]*>[^<]*<\/span>)?[^<]*)<\/span>/g)].map(
      ([, kind, risk, badge]) => ({ kind: kind!, risk: risk !== undefined, badge: badge!.replace(/<[^>]+>/g, '') }),
    );
  }

  const risky = allSnippets().filter((snippet) => snippet.claims.some(statesRisk));

  it('are on the pages: the sandbox ports on the LAN, POST=1, the key in the page, the open API', () => {
    const kinds = new Set(risky.flatMap((snippet) => snippet.claims.filter(statesRisk).map((claim) => claim.kind)));
    for (const kind of ['sandbox-ports-on-lan', 'proxy-allows-privileged-create', 'ui-embeds-key', 'env-key-leaves-api-open', 'port-reachable-from-lan'] as const) expect(kinds).toContain(kind);
  });

  it.each(risky.map((snippet) => [`${snippet.version}/${snippet.id}`, snippet] as const))('%s shows each verified risk as "⚠ confirmed risk", never with the check mark, in both locales', (_label, snippet) => {
    for (const locale of ['en', 'ja'] as const) {
      const items = claimItems(snippet, locale);
      expect(items.map((item) => item.kind)).toEqual(snippet.claims.map((claim) => claim.kind));
      for (const [index, item] of items.entries()) {
        const claim = snippet.claims[index]!;
        expect(item.risk, `${claim.kind} marked as a risk`).toBe(statesRisk(claim));
        if (item.risk) {
          expect(item.badge, `${claim.kind} (${locale})`).toBe(`⚠ ${MESSAGES[locale]['evidence.result.confirmed-risk']}`);
          expect(item.badge).not.toContain('✓');
        } else {
          expect(item.badge, `${claim.kind} (${locale})`).toBe(`✓ ${MESSAGES[locale]['evidence.result.verified']}`);
        }
      }
    }
  });

  it('marks a risk ⚠ on each engine where it was confirmed, and keeps the failed mark where it did not hold', () => {
    const snippet = getSnippet('1.x', 'network-binding');
    const risk = snippet.claims.findIndex((claim) => claim.kind === 'sandbox-ports-on-lan');
    const failedThere = result(snippet, { status: 'failed', claims: snippet.claims.map((c, i) => ({ kind: c.kind, status: i === risk ? ('failed' as const) : ('verified' as const) })) });
    const html = renderToStaticMarkup(
      createElement(Evidence, { snippet, evidence: evidenceFor(snippet, data({ engine: host, snippets: [result(snippet)] }, { engine: podman, snippets: [failedThere] })), t: pageTranslator('en'), locale: 'en' }),
    );
    const item = html.match(/<li data-claim-kind="sandbox-ports-on-lan"[^>]*>.*?<\/li>/)?.[0] ?? '';
    expect(item).toContain('data-claim-badge="failed"');
    expect(item).toContain('(host ⚠, podman ✗)');
  });
});

describe('statesRisk', () => {
  it('decides by the claim where one kind can be either', () => {
    expect(statesRisk({ kind: 'workspace-chown', container: 'openhands-app', outcome: 'root-owned' })).toBe(true);
    expect(statesRisk({ kind: 'workspace-chown', container: 'openhands-app', outcome: 'group-root-after-restart' })).toBe(false);
    expect(statesRisk({ kind: 'app-runs-as', container: 'openhands-app', user: 'root' })).toBe(true);
    expect(statesRisk({ kind: 'app-runs-as', container: 'openhands-app', user: 'reader' })).toBe(false);
    expect(statesRisk({ kind: 'port-loopback-only', container: 'agent-canvas', port: 8000 })).toBe(false);
  });
});
