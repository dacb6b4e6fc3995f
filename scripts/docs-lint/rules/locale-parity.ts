import type { Position } from 'unist';
import type { Locale } from '../../../src/i18n/messages';
import { pageHeadings, snippetUses } from '../../../src/doc-pages/tree';
import { report } from '../report';
import { diffSequences } from '../sequence-diff';
import { pageDir } from '../../../src/doc-pages/files';
import type { Page } from '../site';
import type { Rule } from './rule';

const ID = 'locale-parity';
const OTHER: Readonly<Record<Locale, Locale>> = { en: 'ja', ja: 'en' };

interface Marker {
  readonly name: string;
  readonly position: Position | undefined;
}

const where = (page: Page, position: Position | undefined) =>
  position ? `${page.file.path}:${position.start.line}:${position.start.column}` : page.file.path;

/**
 * Reports how the translation's markers (snippet ids, heading ids) differ from the
 * English page's, on the translation, since that is the page to fix.
 */
function compareMarkers(what: string, en: Page, enMarkers: Marker[], ja: Page, jaMarkers: Marker[]): void {
  const fallback = jaMarkers.at(-1)?.position ?? { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };
  for (const item of diffSequences(enMarkers, jaMarkers, (marker) => marker.name)) {
    if (item.kind === 'missing') {
      report(
        ja.file,
        ID,
        `Unexpected missing ${what} \`${item.expected.name}\`, expected it here as in ${where(en, item.expected.position)} (same ${what}s in the same order in both locales)`,
        item.next?.position ?? fallback,
      );
    } else if (item.kind === 'changed') {
      report(
        ja.file,
        ID,
        `Unexpected ${what} \`${item.actual.name}\`, expected \`${item.expected.name}\` as in ${where(en, item.expected.position)}`,
        item.actual.position,
      );
    } else if (item.kind === 'extra') {
      report(
        ja.file,
        ID,
        `Unexpected ${what} \`${item.actual.name}\` that ${en.file.path} does not have at this point, expected the same ${what}s in the same order in both locales`,
        item.actual.position,
      );
    }
  }
}

const snippetMarkers = (page: Page): Marker[] =>
  (page.tree ? snippetUses(page.tree) : []).flatMap((use) => (use.id ? [{ name: use.element === 'Snippet' ? use.id : `<AuditTable> ${use.id}`, position: use.position }] : []));

const headingMarkers = (page: Page): Marker[] =>
  (page.tree ? pageHeadings(page.tree) : []).flatMap((heading) =>
    heading.id ? [{ name: heading.id, position: heading.position }] : [],
  );

export const localeParity: Rule = {
  id: ID,
  check(site) {
    // A page is the same page in both locales when version and path agree.
    const key = (page: Page) => `${page.version}/${page.slug}`;
    const bySlug: Record<Locale, Map<string, Page>> = { en: new Map(), ja: new Map() };
    for (const page of site.pages) bySlug[page.locale].set(key(page), page);

    for (const page of site.pages) {
      const other = OTHER[page.locale];
      if (bySlug[other].has(key(page))) continue;
      const extension = page.file.extname ?? '.mdx';
      report(
        page.file,
        ID,
        `Unexpected ${page.locale} page without a ${other} counterpart, expected \`${pageDir(page.version, other)}/${page.slug}${extension}\``,
        { line: 1, column: 1 },
      );
    }

    for (const [slug, en] of bySlug.en) {
      const ja = bySlug.ja.get(slug);
      if (!ja || !en.tree || !ja.tree) continue;
      compareMarkers('snippet', en, snippetMarkers(en), ja, snippetMarkers(ja));
      compareMarkers('heading id', en, headingMarkers(en), ja, headingMarkers(ja));
    }
  },
};
