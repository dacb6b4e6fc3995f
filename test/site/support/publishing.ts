import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT } from './env';
import { describeProblems, goTo, waitForHydration, waitForQuiet, watchPage, type PageProblems } from './browser';
import { parseHtml } from './html';
import { pathInLocale, versionOfPath, type SitePage } from './pages';

/**
 * What a published documentation site is expected to have, read from the static HTML of
 * the build (hreflang alternates, the canonical link, "Edit this page" links) and from the
 * browser (the 404 page of each locale).
 */

export type Attributes = Readonly<Record<string, string>>;

/** The attributes of every element named `tag` in some HTML, in document order (names lower-cased, values decoded). */
export function tagsIn(html: string, tag: string): Attributes[] {
  const $ = parseHtml(html);
  return $(tag)
    .toArray()
    .map((element) => ({ ...$(element).attr() }));
}

/** The page's canonical address (`url` + `baseUrl` + path), or undefined. */
export function canonicalOf(html: string): string | undefined {
  return tagsIn(html, 'link').find((link) => link.rel === 'canonical')?.href;
}

/** `https://example.org/base/` of a page: its canonical address's origin and the build's base URL. */
export function siteRootOf(html: string, base: string): string | undefined {
  const canonical = canonicalOf(html);
  return canonical ? `${new URL(canonical).origin}${base}` : undefined;
}

/**
 * What is wrong with a page's `<link rel="alternate" hreflang>` links: one per locale and an
 * `x-default` (the default locale's), each the absolute address of the same page in that
 * locale, under `siteRoot` (`https://example.org/base/`), and a page the build has.
 */
export function hreflangProblems(
  page: SitePage,
  html: string,
  options: { readonly siteRoot: string; readonly locales: readonly string[]; readonly defaultLocale: string; readonly pages: readonly SitePage[] },
): string[] {
  const problems: string[] = [];
  const alternates = tagsIn(html, 'link').filter((link) => link.rel === 'alternate' && link.hreflang !== undefined);
  const expected = [...options.locales.map((locale) => [locale, locale] as const), ['x-default', options.defaultLocale] as const];
  const strip = (p: string) => p.replace(/\/+$/, '');
  for (const [hreflang, locale] of expected) {
    const found = alternates.filter((link) => link.hreflang === hreflang);
    if (found.length !== 1) {
      problems.push(`${found.length} <link rel=alternate hreflang=${hreflang}>, expected 1`);
      continue;
    }
    const href = found[0]!.href ?? '';
    const want = pathInLocale(page.localPath, locale);
    if (!href.startsWith(options.siteRoot)) {
      problems.push(`hreflang=${hreflang} href=${href} is not under ${options.siteRoot}`);
      continue;
    }
    const got = `/${href.slice(options.siteRoot.length)}`;
    if (strip(got) !== strip(want)) problems.push(`hreflang=${hreflang} href=${href}: expected the page ${want}`);
    else if (!options.pages.some((p) => p.locale === locale && strip(p.path) === strip(want))) problems.push(`hreflang=${hreflang} href=${href}: the build has no such page`);
  }
  const extra = alternates.filter((link) => !expected.some(([hreflang]) => hreflang === link.hreflang));
  for (const link of extra) problems.push(`unexpected <link rel=alternate hreflang=${link.hreflang} href=${link.href}>`);
  return problems;
}

/** Where the docs plugin keeps a page's source in the repository, by locale and docs version. */
export function docsDir(locale: string, version: ReturnType<typeof versionOfPath>['version'], defaultLocale: string): string {
  const versionDir = version === 'canvas' ? 'current' : `version-${version}`;
  if (locale !== defaultLocale) return `i18n/${locale}/docusaurus-plugin-content-docs/${versionDir}/`;
  return version === 'canvas' ? 'docs/' : `versioned_docs/version-${version}/`;
}

export interface EditLink {
  /** `https://github.com/<owner>/<repo>/edit/<branch>`: everything before the file's path. */
  readonly prefix: string;
  /** The file's path in the repository. */
  readonly file: string;
}

/**
 * What is wrong with a doc page's "Edit this page" link: there must be exactly one, of the
 * form `<repo>/edit/<branch>/<file>`, and `<file>` must be this page's source in this
 * repository: the locale's translation for a translated locale, the version's folder, the
 * file whose name (or `slug: /`) is the page's path.
 */
export function editLinkProblems(page: SitePage, html: string, defaultLocale: string, root = ROOT): { problems: string[]; link?: EditLink } {
  const links = tagsIn(html, 'a').filter((a) => (a.class ?? '').split(/\s+/).includes('theme-edit-this-page'));
  if (links.length !== 1) return { problems: [`${links.length} "Edit this page" links (a.theme-edit-this-page), expected 1`] };
  const href = links[0]!.href ?? '';
  const match = /^(https?:\/\/.+\/edit\/[^/]+)\/(.+)$/.exec(href);
  if (!match) return { problems: [`"Edit this page" href=${href} is not <repository>/edit/<branch>/<file>`] };
  const link = { prefix: match[1]!, file: decodeURIComponent(match[2]!) };
  const problems: string[] = [];
  const { version, docPath } = versionOfPath(page.localPath);
  const dir = docsDir(page.locale, version, defaultLocale);
  const source = path.join(root, link.file);
  if (!link.file.startsWith(dir)) problems.push(`"Edit this page" opens ${link.file}, expected a file in ${dir}`);
  if (!existsSync(source)) {
    problems.push(`"Edit this page" opens ${link.file}, which this repository does not have`);
  } else {
    const stem = link.file.slice(dir.length).replace(/\.mdx?$/, '');
    const isPage = docPath === '/' ? /^slug:\s*\/\s*$/m.test(readFileSync(source, 'utf8')) : stem === docPath.replace(/^\/+|\/+$/g, '');
    if (!isPage) problems.push(`"Edit this page" opens ${link.file}, which is not the source of ${page.path}`);
  }
  return { problems, link };
}

export interface NotFoundVisit {
  readonly status: number | undefined;
  readonly lang: string;
  readonly title: string;
  readonly heading: string;
  /** `data-not-found-locale` of the 404 content: the locale it answered in. */
  readonly answeredIn: string | null;
  /** The link to the start page, as a URL path with the base URL. */
  readonly homeHref: string | null;
  /** Everything that went wrong other than the document's own 404 (and Chromium's console line for it). */
  readonly problems: PageProblems;
}

/**
 * Opens a path that does not exist (`missingUrl`) as a reader does and reads the 404 page.
 * The server answers with the default locale's 404.html, as GitHub Pages does.
 */
export async function visitNotFound(page: Page, missingUrl: string): Promise<NotFoundVisit> {
  const problems = watchPage(page);
  const response = await goTo(page, missingUrl);
  await waitForHydration(page);
  await page.waitForLoadState('networkidle');
  await waitForQuiet(page);
  const own = (line: string) => line.includes(`(${missingUrl}:`) || line.includes(` ${missingUrl} `);
  const rest: PageProblems = {
    // Chromium logs the document's own 404 as a console error at the document's address.
    consoleErrors: problems.consoleErrors.filter((line) => !(/status of 404/.test(line) && line.includes(`(${missingUrl}:`))),
    pageErrors: problems.pageErrors,
    failedRequests: problems.failedRequests,
    badResponses: problems.badResponses.filter((line) => !(line.startsWith('404 GET ') && own(line))),
    blockedRequests: problems.blockedRequests,
  };
  return {
    status: response?.status(),
    lang: await page.evaluate(() => document.documentElement.lang),
    title: await page.title(),
    heading: (await page.locator('main h1').first().innerText()).trim(),
    answeredIn: await page.locator('[data-not-found-locale]').getAttribute('data-not-found-locale'),
    homeHref: await page.locator('main p a[href]').first().getAttribute('href'),
    problems: rest,
  };
}

export { describeProblems };

/** The 404 page's title in a locale: the theme's English default, or the locale's code.json. */
export function notFoundTitle(locale: string, defaultLocale: string, root = ROOT): string {
  if (locale === defaultLocale) return 'Page Not Found';
  const code = JSON.parse(readFileSync(path.join(root, 'i18n', locale, 'code.json'), 'utf8')) as Record<string, { message: string }>;
  const title = code['theme.NotFound.title']?.message;
  if (!title) throw new Error(`i18n/${locale}/code.json has no theme.NotFound.title`);
  return title;
}
