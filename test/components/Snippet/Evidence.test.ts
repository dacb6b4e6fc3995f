import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import Evidence from '../../../src/components/Snippet/Evidence';
import { expectationById } from '../../../src/engines/expectations';
import { evidenceFor } from '../../../src/evidence/evidenceFor';
import type { SiteEngine, VerificationData } from '../../../src/evidence/types';
import { pageTranslator } from '../../../src/i18n/format';
import { MESSAGES } from '../../../src/i18n/messages';
import { getSnippet, type Snippet } from '../../../src/snippets';
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
    const claims = [...html.matchAll(/<li data-claim-kind="[^"]+" data-claim-result="([^"]+)">(.*?)<\/li>/g)];
    expect(claims.length).toBe(snippet.claims.length);
    for (const [, state, text] of claims) {
      expect(state, 'the verdict over the engines where it was checked').toBe('verified');
      expect(text).toContain('rootless ○');
      expect(text).not.toContain(MESSAGES.en['evidence.expected'].split('{{')[0]!);
    }
  });
});
