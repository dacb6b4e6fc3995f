/**
 * What the workflows print when the verification fails: every snippet whose commands failed
 * and every claim that no longer holds, each with the page (and anchor) that states it, the
 * engine, the images and the harness's reason and evidence lines, from
 * reports/verification.json.
 *
 *   vite-node scripts/ci/report-failures.ts [--report reports/verification.json] [--summary "$GITHUB_STEP_SUMMARY"]
 *
 * Markdown goes to the summary file (the job summary on GitHub Actions), one `::error`
 * annotation per failure to stdout, a plain list to stderr. Exit 1 when anything failed (or
 * there is no report to read), 0 otherwise.
 */
import path from 'node:path';
import type { EngineRun, SnippetReport, VerificationReport } from '../../contracts/verification-report';
import { snippetPlacements } from '../../src/doc-pages/placements';
import type { VersionId } from '../../src/snippets/versions/ids';

export const ROOT = path.resolve(__dirname, '..', '..');

export interface Failure {
  readonly engine: string;
  readonly snippet: string;
  /** `claim <kind>`, or `commands` when the snippet's commands exited non-zero. */
  readonly what: string;
  /** Where a reader reads the claim: `/1.x/hardened-installation#snippet-network-binding` (and `/ja/...`). */
  readonly pages: readonly string[];
  /** The page's source file in the repository. */
  readonly source: string | undefined;
  readonly reason: string;
  readonly evidence: readonly string[];
}

const VERSION_PREFIX: Readonly<Record<VersionId, string>> = { canvas: '', '1.x': '/1.x', '0.33': '/0.33' };

/** `version/id` -> the doc that shows the snippet (its slug and English source file), from the pages themselves. */
export async function placements(root = ROOT): Promise<Map<string, { slug: string; file: string }>> {
  return new Map((await snippetPlacements(root)).map(({ version, snippetId, slug, file }) => [`${version}/${snippetId}`, { slug, file }]));
}

export function failuresOf(report: VerificationReport, placed: ReadonlyMap<string, { slug: string; file: string }>): Failure[] {
  const failures: Failure[] = [];
  const where = (snippet: SnippetReport) => {
    const key = `${snippet.version}/${snippet.id}`;
    const place = placed.get(key);
    const local = place ? `${VERSION_PREFIX[snippet.version]}/${place.slug === '/' ? '' : place.slug}#snippet-${snippet.id}` : undefined;
    return { key, pages: local ? [local, `/ja${local}`] : [], source: place?.file };
  };
  for (const run of report.runs as readonly EngineRun[]) {
    if (run.failure) {
      failures.push({ engine: run.engine.id, snippet: '(all)', what: 'engine', pages: [], source: undefined, reason: `the engine could not run: ${run.failure.reason}`, evidence: run.failure.log.split('\n').slice(-10) });
      continue;
    }
    for (const snippet of run.snippets) {
      const { key, pages, source } = where(snippet);
      if (snippet.exitCode !== 0 && snippet.status !== 'expected-failure' && snippet.status !== 'not-run') {
        failures.push({ engine: run.engine.id, snippet: key, what: 'commands', pages, source, reason: `the commands exited ${snippet.exitCode}`, evidence: snippet.stderr.trim().split('\n').slice(-8) });
      }
      for (const result of snippet.claims) {
        if (result.status !== 'failed') continue;
        failures.push({ engine: run.engine.id, snippet: key, what: `claim ${result.claim.kind}`, pages, source, reason: result.reason ?? 'failed', evidence: result.evidence });
      }
    }
  }
  return failures;
}

const cell = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');

export function markdown(report: VerificationReport, failures: readonly Failure[], siteRoot: string | undefined): string {
  const link = (page: string) => (siteRoot ? `[${page}](${siteRoot}${page.replace(/^\//, '')})` : `\`${page}\``);
  const images = report.runs.flatMap((run) => run.images.map((image) => `${run.engine.id}: ${image.reference} (${image.source === 'real' ? 'published image' : 'local stand-in'})`));
  const lines = [`## Verification: ${failures.length === 0 ? 'every claim holds' : `${failures.length} failure${failures.length === 1 ? '' : 's'}`}`, ''];
  lines.push(`Report of ${report.generatedAt}; engines: ${report.runs.map((run) => `${run.engine.id} (${run.engine.kind} ${run.engine.version})`).join(', ')}.`, '');
  if (images.length > 0) lines.push('<details><summary>Images</summary>', '', ...images.map((i) => `- ${i}`), '', '</details>', '');
  if (failures.length === 0) return lines.join('\n');
  lines.push('| Engine | Snippet | What failed | Page | Reason |', '| --- | --- | --- | --- | --- |');
  for (const f of failures) {
    lines.push(`| ${cell(f.engine)} | \`${cell(f.snippet)}\` | ${cell(f.what)} | ${f.pages.map(link).join('<br>') || '—'}${f.source ? `<br>\`${f.source}\`` : ''} | ${cell(f.reason)} |`);
  }
  lines.push('');
  for (const f of failures.filter((x) => x.evidence.length > 0)) {
    lines.push(`<details><summary>${cell(f.engine)} ${cell(f.snippet)}: ${cell(f.what)}</summary>`, '', '```text', ...f.evidence, '```', '', '</details>', '');
  }
  return lines.join('\n');
}

export function annotation(f: Failure): string {
  const message = `${f.what} of snippet ${f.snippet} on ${f.engine} no longer holds: ${f.reason}. Page: ${f.pages.join(', ') || 'none'}`.replaceAll('\n', ' ');
  return `::error${f.source ? ` file=${f.source}` : ''},title=${f.snippet} ${f.what}::${message}`.replace('::error,', '::error ');
}
