/**
 * Reading the build's static HTML with a real parser (cheerio, on parse5: the HTML
 * standard's tree building), never with regular expressions. The build is minified:
 * attribute values stand without quotes, end tags such as </li> and </p> are left out,
 * React leaves <!-- --> between text nodes. A parser reads all of that as the browser does,
 * where a pattern has to guess where an element ends.
 */
import { load, type CheerioAPI } from 'cheerio';

/** A node of a parsed document (domhandler's, which cheerio uses but does not re-export). */
type DomNode = ReturnType<ReturnType<CheerioAPI>['contents']>[number];

let last: { html: string; $: CheerioAPI } | undefined;

/**
 * The document of `html`. `<noscript>` content is parsed as markup (scriptingEnabled: false),
 * so what a reader without JavaScript gets (an image, a stylesheet) is read too. The last
 * document is kept: callers read one page several times in a row.
 */
export function parseHtml(html: string): CheerioAPI {
  if (last?.html !== html) last = { html, $: load(html, { scriptingEnabled: false }) };
  return last.$;
}

/** The text of a sitemap's `<loc>` elements, as written (an XML parser: entities such as &amp; decoded). */
export function sitemapLocs(xml: string): string[] {
  const $ = load(xml, { xml: true });
  return $('loc')
    .toArray()
    .map((loc) => $(loc).text());
}

/** The document's `<html lang>`, or undefined when it has none (or an empty one). */
export function langOf(html: string): string | undefined {
  return parseHtml(html)('html').attr('lang') || undefined;
}

/** The text of a document without its scripts, each text node apart, to check a term occurs. */
export function textOf(html: string): string {
  const $ = load(html, { scriptingEnabled: false });
  $('script').remove();
  // Text nodes joined by spaces: "a</p><p>b" is not "ab", so no term is found across elements.
  return $('*')
    .contents()
    .toArray()
    .flatMap((node) => (node.type === 'text' ? [node.data] : []))
    .join(' ');
}

/** Every `id` of the document. */
export function idsIn(html: string): Set<string> {
  const $ = parseHtml(html);
  return new Set($('[id]').toArray().map((element) => $(element).attr('id')!));
}

/** The snippet figures' `data-snippet-id`s, in document order. */
export function figureIds(html: string): string[] {
  const $ = parseHtml(html);
  return $('figure[data-snippet-id]')
    .toArray()
    .map((figure) => $(figure).attr('data-snippet-id')!);
}

/** The rules the verification page lists (its `[data-rewrite-rules]` list), in order; not the ones each command's details repeat. */
export function listedRewriteRules(html: string): string[] {
  const $ = parseHtml(html);
  return $('[data-rewrite-rules]')
    .first()
    .find('[data-rewrite-rule]')
    .toArray()
    .map((item) => $(item).attr('data-rewrite-rule')!);
}

/** A claim's item (`<li data-claim-result>`) as a reader sees it: its result, whether it states a risk, its badge. */
export interface ClaimItem {
  readonly result: string;
  readonly risk: boolean;
  /** The badge's data-claim-badge: how the result is shown. */
  readonly shown: string | undefined;
  /** The mark the badge opens with (its leading `<span>`), e.g. ⚠ or ✓; '' without one. */
  readonly mark: string;
  /** The badge's own words. */
  readonly words: string;
}

const isBlank = (node: DomNode): boolean => node.type === 'comment' || (node.type === 'text' && node.data.trim() === '');

/** The claim items of a page, or of the snippet figure `key` (`canvas/egress-run`) only. */
export function claimItems(html: string, key?: string): ClaimItem[] {
  const $ = parseHtml(html);
  return $(key === undefined ? 'li[data-claim-result]' : `figure[data-snippet-id="${key}"] li[data-claim-result]`)
    .toArray()
    .map((item) => {
      // The item's own badge, not one of an item nested in it.
      const badge = $(item)
        .find('[data-claim-badge]')
        .filter((_, found) => $(found).closest('li').is(item))
        .first();
      const opening = badge.contents().toArray().find((node) => !isBlank(node));
      const mark = opening?.type === 'tag' && $(opening).is('span') ? $(opening).text() : '';
      const words = badge
        .contents()
        .toArray()
        .flatMap((node) => (node.type === 'text' ? [node.data] : []))
        .join('')
        .trim();
      return {
        result: $(item).attr('data-claim-result')!,
        risk: $(item).attr('data-claim-risk') !== undefined,
        shown: badge.attr('data-claim-badge'),
        mark,
        words,
      };
    });
}

/** The Markdown content of a doc page (`.theme-doc-markdown`), or undefined on a page without one. */
function markdownOf($: CheerioAPI) {
  const markdown = $('.theme-doc-markdown').first();
  return markdown.length > 0 ? markdown : undefined;
}

/**
 * The paragraphs of a page that open with `:::`: a directive Docusaurus did not parse is left
 * as text, `<p>:::danger Title`. Each as its first 80 characters.
 */
export function directiveParagraphs(html: string): string[] {
  const $ = parseHtml(html);
  return $('p')
    .toArray()
    .filter((p) => {
      const opening = $(p).contents().toArray().find((node) => !isBlank(node));
      return opening?.type === 'text' && opening.data.trimStart().startsWith(':::');
    })
    .map((p) => $(p).text().trim().slice(0, 80));
}

/**
 * The first paragraph of a doc page's Markdown content below its header (the title): the
 * versions it is a version note of (`data-version-note`, on it or within it) and the hrefs of
 * its links. Undefined on a page without Markdown content or without a paragraph there.
 */
export function firstParagraph(html: string): { versionNotes: string[]; hrefs: string[] } | undefined {
  const $ = parseHtml(html);
  const markdown = markdownOf($);
  const paragraph = markdown
    ?.find('p')
    .filter((_, p) => $(p).parentsUntil(markdown).filter('header').length === 0)
    .first();
  if (!paragraph || paragraph.length === 0) return undefined;
  const within = (selector: string) => paragraph.find(selector).addBack(selector).toArray();
  return {
    versionNotes: within('[data-version-note]').map((element) => $(element).attr('data-version-note')!),
    hrefs: within('[href]').map((element) => $(element).attr('href')!),
  };
}

/** Whether the page has Markdown content (`.theme-doc-markdown`): every doc page has. */
export function hasMarkdown(html: string): boolean {
  return markdownOf(parseHtml(html)) !== undefined;
}

/** One row of a hardened page's at-a-glance table, as the static HTML has it. */
export interface GlanceRow {
  readonly measure: string;
  readonly state: string;
  readonly shown: string;
  readonly risks: number;
  readonly claims: number;
  /** Where its first cell links (`#network-binding`). */
  readonly href: string | undefined;
  /** The mark its verification cell opens with (✓, ⚠, ✗, ○, ⊘, –). */
  readonly mark: string;
}

/** The rows of the page's at-a-glance table (`[data-at-a-glance]`), in order; [] on a page without one. */
export function glanceRows(html: string): GlanceRow[] {
  const $ = parseHtml(html);
  return $('[data-at-a-glance] tr[data-measure]')
    .toArray()
    .map((row) => ({
      measure: $(row).attr('data-measure')!,
      state: $(row).attr('data-state') ?? '',
      shown: $(row).attr('data-shown') ?? '',
      risks: Number($(row).attr('data-risks')),
      claims: Number($(row).attr('data-claims')),
      href: $(row).find('td').first().find('a').attr('href'),
      mark: $(row).find('td').last().find('span[aria-hidden]').first().text(),
    }));
}

/** The rows of the page's platform matrix (`[data-platforms]`): each row's platform (an engine id or a cited section) and verdict. */
export function platformMatrixRows(html: string): { readonly platform: string; readonly verdict: string }[] {
  const $ = parseHtml(html);
  return $('[data-platforms] tr[data-platform]')
    .toArray()
    .map((row) => ({ platform: $(row).attr('data-platform')!, verdict: $(row).attr('data-verdict') ?? '' }));
}
