/**
 * The production build in Chromium: every page of every locale, as a reader gets it from
 * `docusaurus serve`. Needs `npm run build` first and a browser (support/env.ts).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { replayRewrites } from '../../scripts/harness/run/rewrites';
import { axeViolations, describeViolations, failingViolations } from './support/axe';
import { BUILD_DIR } from './support/env';
import { editLinkProblems, hreflangProblems, notFoundTitle, siteRootOf, visitNotFound } from './support/publishing';
import { editUrlBase, siteAddress } from '../../src/site/address';
import { describeProblems, openPage, problemCount, waitForQuiet } from './support/browser';
import { collectPages, retryOnNetworkChange, siteSuite, type FigureVisit, type Site } from './support/site';
import { claimItems, directiveParagraphs, glanceRows, platformMatrixRows, firstParagraph, hasMarkdown, idsIn, langOf, listedRewriteRules } from './support/html';
import { buildBaseUrl, figureIdsIn, pageHtml, pageText, pathInLocale, VERSION_PREFIXES, versionOfPath, type SitePage, type SiteVersion } from './support/pages';
import { commandWords, expectedEvidence, firstDifference, loadReport, snippetEntry, splitKey } from './support/report';
import { followNavbarResult, navbarSearch, searchPage } from './support/search';
import type { Page } from 'playwright-core';
import { REWRITE_RULES } from '../../contracts/verification-report';
import { switchLocale } from './support/locale-switch';
import { getSnippet } from '../../src/snippets';
import { VERSIONS } from '../../src/snippets/versions';
import { statesRisk } from '../../src/snippets/claim-risk';

const PAGES = collectPages();
/** The base URL build/ was made for: `/`, or e.g. `/openhands-docker-guide/` (OPENHANDS_GUIDE_BASE_URL). */
const BASE = PAGES.length > 0 ? buildBaseUrl() : '/';
/** An href of the static HTML as a path within the site (base URL, query and hash off). */
const sitePathOf = (href: string) => {
  const { pathname } = new URL(href, 'http://site.invalid');
  return pathname.startsWith(BASE) ? `/${pathname.slice(BASE.length)}` : pathname;
};
const DEFAULT_LOCALE = PAGES.find((p) => !p.path.startsWith(`/${p.locale}/`))?.locale ?? 'en';
const LOCALES = [...new Set(PAGES.map((p) => p.locale))];
const OTHER_LOCALES = LOCALES.filter((l) => l !== DEFAULT_LOCALE);
const label = (page: SitePage) => `${page.locale} ${page.path}`;
const prefixOf = (locale: string) => (locale === DEFAULT_LOCALE ? '' : `/${locale}`);
/** `/ja/` and `/ja` are the same page (trailingSlash is undefined: both are served). */
const samePath = (a: string, b: string) => a.replace(/\/+$/, '') === b.replace(/\/+$/, '');
/** The version dropdown's labels (docusaurus.config.ts, i18n/ja/docusaurus-plugin-content-docs/*.json). */
const VERSION_LABELS: Record<string, Record<SiteVersion, string>> = {
  en: { canvas: 'Agent Canvas', '1.x': 'OpenHands 1.x (Local GUI)', '0.33': 'OpenHands 0.33' },
  ja: { canvas: 'Agent Canvas', '1.x': 'OpenHands 1.x（Local GUI）', '0.33': 'OpenHands 0.33' },
};

/** Every snippet figure of the build: (locale, id) -> the pages that show it. */
const FIGURES = new Map<string, SitePage[]>();
for (const page of PAGES) {
  for (const id of figureIdsIn(page)) {
    const key = `${page.locale}\u0000${id}`;
    FIGURES.set(key, [...(FIGURES.get(key) ?? []), page]);
  }
}
const SNIPPET_IDS = [...new Set([...FIGURES.keys()].map((key) => key.split('\u0000')[1]!))];
const figurePages = (locale: string, id: string) => FIGURES.get(`${locale}\u0000${id}`) ?? [];
/** Every id of a page's static HTML, read once per page: links are checked against many pages. */
const ANCHORS = new Map<string, Set<string>>();
const anchorsOf = (page: SitePage): Set<string> => {
  if (!ANCHORS.has(page.path)) ANCHORS.set(page.path, idsIn(pageHtml(page)));
  return ANCHORS.get(page.path)!;
};

async function copiedTexts(site: Site, locale: string, id: string): Promise<{ page: SitePage; text: string }[]> {
  const pages = figurePages(locale, id);
  if (pages.length === 0) throw new Error(`snippet ${id} is on no ${locale} page`);
  const out: { page: SitePage; text: string }[] = [];
  for (const page of pages) {
    const visit = await site.visit(page);
    const figure = visit.figures.find((f) => f.id === id);
    if (!figure) throw new Error(`figure ${id} is in the HTML of ${label(page)} but not on the page after hydration`);
    if ('error' in figure.copied) throw new Error(`copy button of ${id} on ${label(page)}: ${figure.copied.error}`);
    out.push({ page, text: figure.copied.text });
  }
  return out;
}

siteSuite('production build', (site) => {
  it('has the same pages in every locale', () => {
    expect(PAGES.length, 'no pages found in build/ (sitemap.xml): run `npm run build` first').toBeGreaterThan(0);
    expect(LOCALES.length, `locales found in build/: ${LOCALES.join(', ')}`).toBeGreaterThanOrEqual(2);
    const byLocale = LOCALES.map((locale) => PAGES.filter((p) => p.locale === locale).map((p) => p.localPath).sort());
    for (const [index, paths] of byLocale.entries()) expect(paths, `pages of ${LOCALES[index]}`).toEqual(byLocale[0]);
  });

  // Interactions first, several at once, while every page is visited in the background (support/site.ts).
  it.concurrent.for(LOCALES)('client-side navigation through the %s sidebar works', async (locale, { expect, task }) =>
    retryOnNetworkChange(task.name, async () => {
      const { page, problems } = await site().newPage();
      try {
        await openPage(page, site().url(pathInLocale('/', locale)));
        const links = await page
          .locator('.theme-doc-sidebar-menu a.menu__link[href]')
          .evaluateAll((all) => all.map((a) => a.getAttribute('href')!).filter((href) => href !== '#'));
        expect(links.length, `sidebar links on ${page.url()}`).toBeGreaterThan(0);
        // A full reload would drop this marker: the navigation must stay in the client app.
        await page.evaluate(() => ((window as unknown as { __spa: number }).__spa = 1));
        // Visit each link, then the first again, so every page is entered from another one.
        for (const href of [...links.slice(1), ...links.slice(0, 1)]) {
          await page.locator(`.theme-doc-sidebar-menu a.menu__link[href="${href}"]`).click();
          await page.waitForURL((url) => samePath(url.pathname, href), { timeout: 10_000 });
          await page.waitForFunction(
            (path) => document.querySelector('.theme-doc-sidebar-menu a.menu__link--active')?.getAttribute('href') === path,
            href,
            { timeout: 10_000 },
          );
          await expect.poll(() => page.locator('article h1').count(), { message: `article heading on ${href}` }).toBeGreaterThan(0);
          expect(await page.evaluate(() => (window as unknown as { __spa?: number }).__spa), `${href} was a full page load, not a client-side navigation`).toBe(1);
          expect(await page.evaluate(() => document.documentElement.lang)).toBe(locale);
        }
        await waitForQuiet(page);
        expect(problemCount(problems), `problems while navigating:\n${describeProblems(problems)}`).toBe(0);
      } finally {
        await page.close();
      }
    }),
  );


  // One page of each kind: every version's running-it page, the home page, the comparison and the search page.
  const SWITCH_PATHS = ['/', '/docker-runtime', '/1.x/docker-runtime', '/0.33/docker-runtime', '/versions', '/search'];
  const switchCases = PAGES.filter((p) => p.locale === DEFAULT_LOCALE && SWITCH_PATHS.some((path) => samePath(p.localPath, path))).flatMap((page) =>
    OTHER_LOCALES.map((other) => [`${page.path} -> ${other} -> ${page.locale}`, page, other] as const),
  );
  it.concurrent.for(switchCases)('language switch %s stays on the same page', async ([, enPage, other], { expect, task }) =>
    retryOnNetworkChange(task.name, async () => {
      const { page, problems } = await site().newPage();
      try {
        await openPage(page, site().url(enPage.path));
        await switchLocale(page, other);
        const otherPath = pathInLocale(enPage.localPath, other);
        expect(samePath(site().pathOf(page.url()), otherPath), `after switching to ${other}: ${page.url()}, expected ${otherPath}`).toBe(true);
        expect(await page.evaluate(() => document.documentElement.lang)).toBe(other);
        await switchLocale(page, enPage.locale);
        expect(samePath(site().pathOf(page.url()), enPage.path), `after switching back: ${page.url()}, expected ${enPage.path}`).toBe(true);
        expect(await page.evaluate(() => document.documentElement.lang)).toBe(enPage.locale);
        await waitForQuiet(page);
        expect(problemCount(problems), `problems while switching:\n${describeProblems(problems)}`).toBe(0);
      } finally {
        await page.close();
      }
    }),
  );

  // Docs pages of the versioned docs (not the search page, not the 404 page).
  const DOC_PAGES = PAGES.filter((p) => !p.localPath.startsWith('/search') && !p.localPath.startsWith('/404'));
  const docIn = (locale: string, version: SiteVersion, docPath: string) =>
    DOC_PAGES.find((p) => p.locale === locale && samePath(p.localPath, `${VERSION_PREFIXES[version]}${docPath === '/' ? '/' : docPath}`) );

  // What readers of a published documentation site expect: the page in their language, the
  // source to edit, a 404 page in the language of the address they mistyped.
  it.each(PAGES.map((page) => [label(page), page] as const))('%s names its page in every language (hreflang) at the site\'s address', (_name, page) => {
    const html = pageHtml(page);
    const root = siteRootOf(html, BASE);
    expect(root, `<link rel=canonical> of ${label(page)}`).toBeDefined();
    // A build for the address in the environment (the deploy workflow's) must carry that address.
    if (process.env.OPENHANDS_GUIDE_URL) expect(root, 'site address of the canonical link').toBe(`${siteAddress().url}${BASE}`);
    expect(hreflangProblems(page, html, { siteRoot: root!, locales: LOCALES, defaultLocale: DEFAULT_LOCALE, pages: PAGES }), `hreflang alternates of ${label(page)}`).toEqual([]);
  });

  it.each(DOC_PAGES.map((page) => [label(page), page] as const))('%s has an "Edit this page" link to its own source file', (_name, page) => {
    const { problems, link } = editLinkProblems(page, pageHtml(page), DEFAULT_LOCALE);
    expect(problems, `"Edit this page" on ${label(page)}`).toEqual([]);
    if (process.env.OPENHANDS_GUIDE_REPO_URL) expect(link?.prefix).toBe(editUrlBase(siteAddress()).replace(/\/$/, ''));
  });

  it('builds a 404 page in every locale', () => {
    for (const locale of LOCALES) {
      const file = path.join(BUILD_DIR, prefixOf(locale), '404.html');
      expect(existsSync(file), `${file}`).toBe(true);
      const html = readFileSync(file, 'utf8');
      expect(langOf(html), `<html lang> of ${file}`).toBe(locale);
      expect(html, `title of ${file}`).toContain(notFoundTitle(locale, DEFAULT_LOCALE));
    }
  });

  it.concurrent.for(LOCALES)('a missing address under the %s pages gets the 404 page in that language', async (locale, { expect, task }) =>
    retryOnNetworkChange(task.name, async () => {
      const page = await site().guarded.context.newPage();
      try {
        const missing = site().url(`${prefixOf(locale)}/no-such-page-${Date.now().toString(36)}`);
        const visit = await visitNotFound(page, missing);
        expect(visit.status, `HTTP status of ${missing}`).toBe(404);
        expect({ answeredIn: visit.answeredIn, lang: visit.lang, heading: visit.heading }, `404 page at ${missing}`).toEqual({
          answeredIn: locale,
          lang: locale,
          heading: notFoundTitle(locale, DEFAULT_LOCALE),
        });
        expect(visit.homeHref && site().pathOf(visit.homeHref), 'the 404 page\'s link to the start page').toBe(pathInLocale('/', locale));
        expect(problemCount(visit.problems), `problems on the 404 page:\n${describeProblems(visit.problems)}`).toBe(0);
        const failing = failingViolations(await axeViolations(page));
        expect(failing.length, `axe-core violations:\n${describeViolations(missing, failing)}`).toBe(0);
      } finally {
        await page.close();
      }
    }),
  );

  it('builds every docs version in every locale', () => {
    for (const locale of LOCALES) {
      for (const version of Object.keys(VERSION_PREFIXES) as SiteVersion[]) {
        const pages = DOC_PAGES.filter((p) => p.locale === locale && versionOfPath(p.localPath).version === version);
        expect(pages.map((p) => p.localPath), `${locale} pages of version ${version}`).toEqual(
          expect.arrayContaining([expect.stringMatching(/docker-runtime$/), expect.stringMatching(/hardened-installation$/)]),
        );
      }
    }
  });

  it.each(PAGES.filter((p) => samePath(p.localPath, '/verification')).map((page) => [label(page), page] as const))('%s lists every change the harness may make to a command (the report contract\'s rules)', (_name, page) => {
    // The page's list only: each command's details carry the same attribute for the changes made to it.
    expect(listedRewriteRules(pageHtml(page))).toEqual([...REWRITE_RULES, 'placeholders']);
  });

  // Every claim that states a risk (src/snippets/claim-risk.ts), on the snippets' figures and the verification page.
  const riskCases = PAGES.filter((p) => figureIdsIn(p).length > 0 || samePath(p.localPath, '/verification')).map((page) => [label(page), page] as const);
  it.each(riskCases)('%s shows no confirmed risk with the check mark', (_name, page) => {
    const items = claimItems(pageHtml(page));
    const wrong = items.filter((item) => item.risk && (item.result === 'verified') !== (item.shown === 'confirmed-risk' && item.mark.includes('⚠') && !item.mark.includes('✓')));
    expect(wrong.map((item) => `${item.result}: ${item.shown} ${item.mark} ${item.words}`), `risk claims shown as passes on ${label(page)}`).toEqual([]);
    // Each figure's risks are marked: as many marked items as its snippet has claims that state a risk.
    if (!samePath(page.localPath, '/verification')) {
      const { version } = versionOfPath(page.localPath);
      // A figure's id is its snippet's key, `<version>/<id>`.
      const expected = figureIdsIn(page).reduce((sum, key) => sum + getSnippet(version, splitKey(key).id).claims.filter(statesRisk).length, 0);
      expect(items.filter((item) => item.risk).length, `claims marked as risks on ${label(page)}`).toBe(expected);
    }
  });

  // The at-a-glance table of each hardened page: its cells are the report's, as its snippets' boxes show them.
  const RANK: Readonly<Record<string, number>> = { verified: 0, 'expected-failure': 1, 'partly-verifiable': 2, 'not-verified': 3, failed: 4 };
  const hardenedPages = DOC_PAGES.filter((p) => versionOfPath(p.localPath).docPath === '/hardened-installation').map((page) => [label(page), page] as const);
  it.each(hardenedPages)('%s opens with an at-a-glance table whose every row is the report\'s', (_name, page) => {
    const html = pageHtml(page);
    const { version } = versionOfPath(page.localPath);
    const rows = glanceRows(html);
    const { measures } = VERSIONS[version];
    expect(rows.map((row) => row.measure), `at-a-glance rows on ${label(page)}`).toEqual(Object.keys(measures));
    const loaded = loadReport();
    const wrong = rows.flatMap((row) => {
      const measure = measures[row.measure]!;
      const problems: string[] = [];
      if (row.href !== `#${measure.section}` || !anchorsOf(page).has(measure.section)) problems.push(`links to ${row.href}, expected #${measure.section} on the page`);
      if (measure.snippets.length === 0) {
        if (row.state !== 'source-only' || row.mark.includes('✓')) problems.push(`has no command but shows ${row.state} ${row.mark}`);
        return problems.map((p) => `${row.measure}: ${p}`);
      }
      const states = measure.snippets.map((id) => expectedEvidence(loaded, `${version}/${id}`));
      const expected = states.reduce((worst, s) => (RANK[s.state]! > RANK[worst]! ? s.state : worst), 'verified');
      if (row.state !== expected) problems.push(`state ${row.state}, the report's ${expected} (${states.map((s) => s.because).join('; ')})`);
      // Its confirmed risks are those its snippets' boxes on this page mark.
      const items = measure.snippets.flatMap((id) => claimItems(html, `${version}/${id}`));
      const risks = items.filter((item) => item.shown === 'confirmed-risk').length;
      const checked = items.filter((item) => item.result === 'verified').length;
      if (row.risks !== risks) problems.push(`${row.risks} confirmed risks, its boxes mark ${risks}`);
      if (row.claims !== checked) problems.push(`${row.claims} claims checked, its boxes show ${checked}`);
      if (risks > 0 && (row.mark.includes('✓') || row.shown !== 'confirmed-risk')) problems.push(`confirms ${risks} risks and shows ${row.shown} ${row.mark}`);
      return problems.map((p) => `${row.measure}: ${p}`);
    });
    expect(wrong, `at-a-glance rows on ${label(page)} that are not the report's`).toEqual([]);
  });

  it.each(hardenedPages)('%s has a platform matrix of the report\'s engines and no others', (_name, page) => {
    const loaded = loadReport();
    if (!loaded.ok) throw new Error(loaded.problem);
    const { version } = versionOfPath(page.localPath);
    const rows = platformMatrixRows(pageHtml(page));
    const cited = VERSIONS[version].platforms.cited.map((c) => c.section);
    expect(rows.filter((r) => !cited.includes(r.platform)).map((r) => r.platform), `engines in the platform matrix of ${label(page)}`).toEqual(loaded.report.runs.map((run) => run.engine.id));
    expect(rows.filter((r) => cited.includes(r.platform)).map((r) => r.verdict), `cited platforms on ${label(page)}`).toEqual(cited.map(() => 'cited-only'));
  });

  it.each(DOC_PAGES.map((page) => [label(page), page] as const))('%s shows no Markdown directive as text (admonitions render as callouts)', (_name, page) => {
    const html = pageHtml(page);
    expect(hasMarkdown(html), `Markdown content (.theme-doc-markdown) on ${label(page)}`).toBe(true);
    // A directive Docusaurus did not parse is left in a paragraph: `<p>:::danger Title`. Every
    // paragraph of the page is read: the Markdown content's and whatever follows it.
    expect(directiveParagraphs(html), `paragraphs starting with ::: on ${label(page)}`).toEqual([]);
  });

  it.each(DOC_PAGES.map((page) => [label(page), page] as const))('%s opens with the version note of its version, linking the same topic in the others', (_name, page) => {
    const html = pageHtml(page);
    const { version, docPath } = versionOfPath(page.localPath);
    const note = firstParagraph(html);
    expect(note?.versionNotes, `version notes of the first paragraph of ${label(page)}`).toContain(version);
    const links = note!.hrefs.map(sitePathOf);
    const expected = (Object.keys(VERSION_PREFIXES) as SiteVersion[])
      .filter((other) => other !== version)
      .flatMap((other) => (docIn(page.locale, other, docPath) ? [docIn(page.locale, other, docPath)!.path] : []));
    expect(links.map((href) => href.replace(/\/+$/, '')).sort(), `links of the version note on ${label(page)}`).toEqual(expected.map((p) => p.replace(/\/+$/, '')).sort());
  });

  // From each version's running-it page (a topic every version has) in every locale, and from
  // the current version's pages the others lack, which land on the other version's start page.
  const dropdownStarts = DOC_PAGES.filter((p) => {
    const { version, docPath } = versionOfPath(p.localPath);
    return docPath === '/docker-runtime' || (p.locale === DEFAULT_LOCALE && version === 'canvas' && !docIn(p.locale, '0.33', docPath));
  });
  const dropdownCases = dropdownStarts.flatMap((page) =>
    (Object.keys(VERSION_PREFIXES) as SiteVersion[])
      .filter((other) => other !== versionOfPath(page.localPath).version)
      .map((other) => [`${label(page)} -> ${other}`, page, other] as const),
  );
  it.concurrent.for(dropdownCases)('version dropdown %s lands on the same topic', async ([, start, other], { expect, task }) =>
    retryOnNetworkChange(task.name, async () => {
      const { page, problems } = await site().newPage();
      try {
        await openPage(page, site().url(start.path));
        const { docPath } = versionOfPath(start.localPath);
        const target = docIn(start.locale, other, docPath) ?? docIn(start.locale, other, '/');
        expect(target, `no ${other} page to land on from ${label(start)}`).toBeDefined();
        // The navbar's version dropdown; the language dropdown is the one whose links carry lang.
        const dropdown = page.locator('.navbar .dropdown').filter({ hasNot: page.locator('a.dropdown__link[lang]') });
        await dropdown.first().hover();
        const before = page.url();
        await dropdown.first().locator('a.dropdown__link').filter({ hasText: VERSION_LABELS[start.locale]?.[other] ?? other }).first().click();
        await page.waitForURL((url) => url.href !== before, { timeout: 10_000 });
        expect(samePath(site().pathOf(page.url()), target!.path), `after choosing ${other} on ${label(start)}: ${page.url()}, expected ${target!.path}`).toBe(true);
        await waitForQuiet(page);
        expect(problemCount(problems), `problems while switching versions:\n${describeProblems(problems)}`).toBe(0);
      } finally {
        await page.close();
      }
    }),
  );

  // A word every version has, so that results from another version would show up if search mixed them.
  const VERSION_SEARCHES = LOCALES.flatMap((locale) =>
    (Object.keys(VERSION_PREFIXES) as SiteVersion[]).map((version) => ({ locale, version, term: locale === 'ja' ? 'ソケット' : 'socket' })),
  );
  it.concurrent.for(VERSION_SEARCHES)('navbar search on a $locale page of $version finds "$term" in that version and locale only', async ({ locale, version, term }, { expect, task }) =>
    retryOnNetworkChange(task.name, async () => {
      const start = docIn(locale, version, '/docker-runtime');
      expect(start, `no ${locale} docker-runtime page of ${version}`).toBeDefined();
      const inScope = (path: string) => {
        const local = locale === DEFAULT_LOCALE ? path : path.slice(prefixOf(locale).length);
        const inLocale = locale === DEFAULT_LOCALE ? !OTHER_LOCALES.some((l) => path.startsWith(`/${l}/`)) : path.startsWith(`/${locale}/`);
        return inLocale && versionOfPath(local).version === version;
      };
      const { page, problems } = await site().newPage();
      try {
        await openPage(page, site().url(start!.path));
        const { titles } = await navbarSearch(page, term);
        expect(titles.length, `navbar search results for "${term}" on ${page.url()}`).toBeGreaterThan(0);
        for (let index = 0; index < Math.min(titles.length, 2); index++) {
          const landed = site().pathOf(await followNavbarResult(page, site().url(start!.path), term, index));
          expect(inScope(landed), `result ${index} "${titles[index]}" for "${term}" from ${start!.path} leads to ${landed}, outside ${locale} ${version}`).toBe(true);
        }
        if (version === 'canvas') {
          // The search page of the locale lists results of that locale only.
          const { hrefs } = await searchPage(page, site().url(`${prefixOf(locale)}/search`), term);
          expect(hrefs.length, `results on the ${locale} search page for "${term}"`).toBeGreaterThan(0);
          const inLocale = (path: string) => (locale === DEFAULT_LOCALE ? !OTHER_LOCALES.some((l) => path.startsWith(`/${l}/`)) : path.startsWith(`/${locale}/`));
          expect(hrefs.filter((href) => !inLocale(site().pathOf(href))), `search page results for "${term}" outside ${locale}`).toEqual([]);
        }
        await waitForQuiet(page);
        expect(problemCount(problems), `problems while searching:\n${describeProblems(problems)}`).toBe(0);
      } finally {
        await page.close();
      }
    }),
  );

  it.concurrent('search reports no results for a Japanese term that is on no page', async ({ expect, task }) =>
    retryOnNetworkChange(task.name, async () => {
      const locale = OTHER_LOCALES.includes('ja') ? 'ja' : DEFAULT_LOCALE;
      const absent = '鰻丼'; // "eel bowl": on no page of this guide
      expect(PAGES.some((p) => pageText(p).includes(absent)), `"${absent}" occurs on a page: pick another absent term`).toBe(false);
      const { page } = await site().newPage();
      try {
        await openPage(page, site().url(pathInLocale('/', locale)));
        expect((await navbarSearch(page, absent)).titles).toEqual([]);
        expect((await searchPage(page, site().url(`${prefixOf(locale)}/search`), absent)).hrefs).toEqual([]);
      } finally {
        await page.close();
      }
    }),
  );

  it.concurrent.for(LOCALES)('the %s verification page links every snippet, and each link lands on its figure', async (locale, { expect, task }) =>
    retryOnNetworkChange(task.name, async () => {
      const path = pathInLocale('/verification', locale);
      expect(PAGES.map((p) => p.path), `no ${path} page in the build (sitemap)`).toContain(path);
      const onSite = SNIPPET_IDS.filter((id) => figurePages(locale, id).some((p) => p.localPath !== '/verification'));
      const { page, problems } = await site().newPage();
      try {
        await openPage(page, site().url(path));
        const linked = await page
          .locator('a[href*="#snippet-"]')
          .evaluateAll((all) => all.map((a) => ({ href: a.getAttribute('href')!, id: a.getAttribute('href')!.split('#snippet-')[1]! })));
        // A link names the figure's bare id; its path says which version's page it is on.
        const missing = onSite.filter(
          (key) => !linked.some((l) => l.id === splitKey(key).id && figurePages(locale, key).some((p) => samePath(p.path, l.href.startsWith('#') ? path : site().pathOf(l.href)))),
        );
        expect(missing, `snippets with a figure on the ${locale} site but no link on ${path}`).toEqual([]);
        // Where each link lands, from the build's HTML: a page that has the figure, by its anchor.
        const targetOf = (href: string) => (href.startsWith('#') ? path : site().pathOf(href));
        const hasAnchor = (p: SitePage, id: string) => anchorsOf(p).has(`snippet-${id}`);
        const astray = linked.filter(({ href, id }) => !PAGES.some((p) => samePath(p.path, targetOf(href)) && hasAnchor(p, id)));
        expect(astray.map((l) => l.href), `links on ${path} to a page without their figure`).toEqual([]);
        // Then follow one link into each version as a reader does (client-side), and come back:
        // a fixed number of clicks, whatever the number of snippets or engine runs on the page.
        const versionOfLink = (href: string) => versionOfPath(targetOf(href).slice(prefixOf(locale).length) || '/').version;
        const sample = (Object.keys(VERSION_PREFIXES) as SiteVersion[]).flatMap((version) => linked.filter(({ href }) => versionOfLink(href) === version).slice(0, 1));
        expect(sample.length, `links into each version on ${path}`).toBe(Object.keys(VERSION_PREFIXES).length);
        for (const { href, id } of sample) {
          await page.locator(`a[href="${href}"]`).first().click();
          await page.waitForURL((url) => url.hash === `#snippet-${id}`, { timeout: 10_000 });
          await expect
            .poll(() => page.evaluate((target) => document.getElementById(target) !== null, `snippet-${id}`), {
              message: `${href} from ${path} lands on ${page.url()}, which has no #snippet-${id}`,
              timeout: 5_000,
            })
            .toBe(true);
          await page.goBack();
          await page.waitForURL((url) => samePath(site().pathOf(url.href), path) && url.hash === '', { timeout: 10_000 });
          await page.locator(`a[href="${href}"]`).first().waitFor({ timeout: 10_000 });
        }
        await waitForQuiet(page);
        expect(problemCount(problems), `problems on the verification page:\n${describeProblems(problems)}`).toBe(0);
      } finally {
        await page.close();
      }
    }),
  );

  // Then what each page visit found: console and requests, axe-core, copy buttons, evidence.
  it.each(PAGES.map((page) => [label(page), page] as const))(
    '%s loads with no console error, exception, failed or external request',
    async (_name, page) => {
      const visit = await site().visit(page);
      expect(problemCount(visit.problems), `problems on ${label(page)}:\n${describeProblems(visit.problems)}`).toBe(0);
      expect(visit.figures.map((f) => f.id), 'snippet figures after hydration, compared with the static HTML').toEqual(figureIdsIn(page));
      expect(existsSync(visit.screenshot) && statSync(visit.screenshot).size > 0, `screenshot ${visit.screenshot}`).toBe(true);
    },
  );

  it.each(PAGES.map((page) => [label(page), page] as const))('%s has no serious or critical axe-core violation', async (_name, page) => {
    const visit = await site().visit(page);
    const failing = failingViolations(visit.violations);
    expect(failing.length, `axe-core violations:\n${describeViolations(page.path, failing)}`).toBe(0);
  });

  const copyCases = SNIPPET_IDS.flatMap((id) => LOCALES.map((locale) => [`${locale} ${id}`, locale, id] as const));
  it.each(copyCases)('copy button of snippet %s gives what the harness ran', async (_name, locale, id) => {
    const copies = await copiedTexts(site(), locale, id);
    const entry = snippetEntry(loadReport(), id);
    const own = entry.texts[locale as keyof typeof entry.texts];
    expect(own, `the report has no ${locale} text for ${id}`).toBeTypeOf('string');
    for (const { page, text } of copies) {
      expect(text, `clipboard after the copy button of ${id} on ${label(page)}, compared with the report's texts.${locale}: ${firstDifference(text, own!)}`).toBe(own);
      if (locale === DEFAULT_LOCALE) {
        const replayed = replayRewrites(text, entry.id, entry.rewrites, entry.placeholders);
        expect(replayed, `${id}: the copied text with the report's rewrites replayed, compared with ranOwn: ${firstDifference(replayed, entry.ranOwn)}`).toBe(entry.ranOwn);
      } else {
        const [reference] = await copiedTexts(site(), DEFAULT_LOCALE, id);
        expect(await commandWords(id, text), `${id}: the commands of the ${locale} copy, compared with the ${DEFAULT_LOCALE} copy's`).toEqual(
          await commandWords(id, reference!.text),
        );
      }
    }
  });

  const EVIDENCE = ['verified', 'partly-verifiable', 'failed', 'not-verified', 'expected-failure'];
  const figureCases = PAGES.filter((p) => figureIdsIn(p).length > 0).map((page) => [label(page), page] as const);
  it.each(figureCases)('every snippet figure on %s shows its evidence status', async (_name, page) => {
    const visit = await site().visit(page);
    const bad = visit.figures
      .filter((f) => !EVIDENCE.includes(f.evidence ?? '') || f.panels === 0)
      .map((f: FigureVisit) => `${f.id}: data-evidence=${JSON.stringify(f.evidence)}, ${f.panels} [data-evidence-panel]`);
    expect(bad, `figures without a data-evidence in ${EVIDENCE.join('|')} or without a [data-evidence-panel]`).toEqual([]);
  });

  const statusCases = SNIPPET_IDS.flatMap((id) => LOCALES.map((locale) => [`${locale} ${id}`, locale, id] as const));
  it.each(statusCases)('evidence status of snippet %s is the report’s', async (_name, locale, id) => {
    // Every engine run of the report counts, and only where it ran the registry entry this build renders.
    const expected = expectedEvidence(loadReport(), id);
    for (const page of figurePages(locale, id)) {
      const figure = (await site().visit(page)).figures.find((f) => f.id === id);
      expect(figure?.evidence, `data-evidence of ${id} on ${label(page)}, compared with the report's runs (${expected.because})`).toBe(expected.state);
    }
  });
});
