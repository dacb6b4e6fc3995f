/**
 * The site under a sub-path, as GitHub Pages serves a project site
 * (`https://<owner>.github.io/<repo>/`): one production build made here, into a temporary
 * folder, with OPENHANDS_GUIDE_URL and OPENHANDS_GUIDE_BASE_URL set as a fork's deploy
 * workflow sets them, served under that prefix. Every page and every asset it references
 * over HTTP; in Chromium a handful of pages (not the whole suite: site.test.ts does that
 * for build/): loading, the language switch, the version dropdown, search, the evidence,
 * the 404 page of each locale; and the addresses the build writes (canonical, hreflang,
 * sitemap, robots.txt, social card, "Edit this page").
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeProblems, openPage, problemCount, waitForQuiet } from './support/browser';
import { ROOT } from './support/env';
import { sitemapLocs } from './support/html';
import { figureIdsIn, pageHtml, pathInLocale, versionOfPath, type SitePage } from './support/pages';
import { editLinkProblems, hreflangProblems, notFoundTitle, tagsIn, visitNotFound } from './support/publishing';
import { expectedEvidence, loadReport } from './support/report';
import { followNavbarResult, navbarSearch } from './support/search';
import { browserDescribe, openSite, retryOnNetworkChange, type Site } from './support/site';
import { switchLocale } from './support/locale-switch';

/** A fork's address: a GitHub Pages project site. */
const ADDRESS = {
  OPENHANDS_GUIDE_URL: 'https://example-org.github.io',
  OPENHANDS_GUIDE_BASE_URL: '/openhands-docker-guide/',
  OPENHANDS_GUIDE_REPO_URL: 'https://github.com/example-org/openhands-docker-guide',
  OPENHANDS_GUIDE_REPO_BRANCH: 'main',
} as const;
const SITE_ROOT = `${ADDRESS.OPENHANDS_GUIDE_URL}${ADDRESS.OPENHANDS_GUIDE_BASE_URL}`;
const DEFAULT_LOCALE = 'en';
const LOCALES = ['en', 'ja'];
/** The pages opened in the browser: each version's, both locales, the verification page. */
const BROWSER_PAGES = ['/', '/docker-runtime', '/ja/hardened-installation', '/1.x/docker-runtime', '/ja/0.33/docker-runtime', '/verification'];
const EVIDENCE = ['verified', 'partly-verifiable', 'failed', 'not-verified', 'expected-failure'];
const samePath = (a: string, b: string) => a.replace(/\/+$/, '') === b.replace(/\/+$/, '');

/** Builds the site with the fork's address into `outDir`; its own generated files and no shared bundler cache. */
async function buildSubpathSite(dir: string): Promise<string> {
  const outDir = path.join(dir, 'build');
  const output: string[] = [];
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    const child = spawn('bash', [path.join(ROOT, 'scripts/site/docusaurus.sh'), 'build', '--out-dir', outDir], {
      cwd: ROOT,
      env: {
        ...process.env,
        ...ADDRESS,
        // Not build/'s .docusaurus (a `npm run build` may run meanwhile), and no persistent
        // bundler cache: Rspack's, shared with build/'s builds, would resolve this build's
        // generated files from the other's folder (seen: build/ then linked to this base URL).
        DOCUSAURUS_GENERATED_FILES_DIR_NAME: path.join(dir, 'generated'),
        DOCUSAURUS_NO_PERSISTENT_CACHE: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.on('error', reject);
    child.on('close', resolve);
  });
  if (exitCode !== 0) throw new Error(`the build under ${ADDRESS.OPENHANDS_GUIDE_BASE_URL} failed (exit ${exitCode}):\n${output.join('').slice(-4000)}`);
  return outDir;
}

browserDescribe(`the site built for ${SITE_ROOT}`, () => {
  let dir: string | undefined;
  let buildDir = '';
  let opened: { site: Site; close: () => Promise<void> } | undefined;
  const site = (): Site => {
    if (!opened) throw new Error('the sub-path build was not served (see the setup error above)');
    return opened.site;
  };
  const pages = (): readonly SitePage[] => site().pages;
  const pageAt = (urlPath: string): SitePage => {
    const found = pages().find((p) => samePath(p.path, urlPath));
    if (!found) throw new Error(`the sub-path build has no page ${urlPath}`);
    return found;
  };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'ohg-subpath-'));
    buildDir = await buildSubpathSite(dir);
    opened = await openSite({ buildDir, visitAll: false, screenshotDir: path.join(dir, 'screenshots') });
  }, 300_000);

  afterAll(async () => {
    await opened?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('is served under its base URL, and nothing outside it', () => {
    expect(site().base).toBe(ADDRESS.OPENHANDS_GUIDE_BASE_URL);
    expect(pages().length, 'pages in the sitemaps').toBeGreaterThan(10);
    expect(site().url('/ja/docker-runtime')).toBe(`${site().server.origin}/openhands-docker-guide/ja/docker-runtime`);
  });

  it('answers every page and every asset the pages reference (no 404, nothing outside the base URL)', async () => {
    const problems: string[] = [];
    const assets = new Set<string>();
    for (const page of pages()) {
      const response = await fetch(site().url(page.path), { redirect: 'manual' });
      if (response.status !== 200) problems.push(`${page.path}: HTTP ${response.status}`);
      const html = await response.text();
      const references = [
        ...tagsIn(html, 'script').map((t) => t.src),
        ...tagsIn(html, 'link').filter((t) => t.rel !== 'canonical' && t.rel !== 'alternate').map((t) => t.href),
        ...tagsIn(html, 'img').map((t) => t.src),
      ].filter((ref): ref is string => ref !== undefined && ref !== '' && !/^(https?:|data:)/.test(ref));
      for (const ref of references) {
        const pathname = new URL(ref, site().url(page.path)).pathname;
        if (!pathname.startsWith(ADDRESS.OPENHANDS_GUIDE_BASE_URL)) problems.push(`${page.path} references ${ref}, outside ${ADDRESS.OPENHANDS_GUIDE_BASE_URL}`);
        else assets.add(pathname);
      }
    }
    for (const asset of assets) {
      const response = await fetch(new URL(asset, site().server.origin), { redirect: 'manual' });
      if (response.status !== 200) problems.push(`${asset}: HTTP ${response.status}`);
      await response.arrayBuffer();
    }
    expect(assets.size, 'assets referenced by the pages').toBeGreaterThan(5);
    expect(problems).toEqual([]);
  });

  it('writes its address into every page: canonical link, hreflang alternates in every language, social card', () => {
    const problems: string[] = [];
    for (const page of pages()) {
      const html = pageHtml(page, buildDir);
      const canonical = tagsIn(html, 'link').find((l) => l.rel === 'canonical')?.href;
      if (!canonical || !samePath(canonical, `${SITE_ROOT}${page.path.slice(1)}`)) problems.push(`${page.path}: canonical ${canonical}`);
      problems.push(...hreflangProblems(page, html, { siteRoot: SITE_ROOT, locales: LOCALES, defaultLocale: DEFAULT_LOCALE, pages: pages() }).map((p) => `${page.path}: ${p}`));
      const image = tagsIn(html, 'meta').find((m) => m.property === 'og:image')?.content;
      const localeRoot = `${SITE_ROOT}${page.locale === DEFAULT_LOCALE ? '' : `${page.locale}/`}`;
      if (image !== `${localeRoot}img/social-card.png`) problems.push(`${page.path}: og:image ${image}`);
    }
    expect(problems).toEqual([]);
  });

  it('serves the social card, the sitemaps and a robots.txt naming them at the real address', async () => {
    const card = await fetch(site().url('/img/social-card.png'));
    expect(card.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await card.arrayBuffer()).subarray(1, 4).toString()).toBe('PNG');
    const robots = await (await fetch(site().url('/robots.txt'))).text();
    const sitemaps = [...robots.matchAll(/^Sitemap: (\S+)$/gm)].map((m) => m[1]!);
    expect(sitemaps).toEqual([`${SITE_ROOT}sitemap.xml`, `${SITE_ROOT}ja/sitemap.xml`]);
    for (const sitemap of sitemaps) {
      const xml = await (await fetch(site().url(`/${sitemap.slice(SITE_ROOT.length)}`))).text();
      const locs = sitemapLocs(xml);
      expect(locs.length, `pages in ${sitemap}`).toBeGreaterThan(5);
      expect(locs.filter((loc) => !loc.startsWith(SITE_ROOT)), `entries of ${sitemap} outside ${SITE_ROOT}`).toEqual([]);
    }
  });

  it('links every doc page to its source in the fork ("Edit this page")', () => {
    const problems: string[] = [];
    for (const page of pages().filter((p) => !p.localPath.startsWith('/search'))) {
      const { problems: found, link } = editLinkProblems(page, pageHtml(page, buildDir), DEFAULT_LOCALE);
      problems.push(...found.map((p) => `${page.path}: ${p}`));
      if (link && link.prefix !== `${ADDRESS.OPENHANDS_GUIDE_REPO_URL}/edit/${ADDRESS.OPENHANDS_GUIDE_REPO_BRANCH}`) problems.push(`${page.path}: edits ${link.prefix}`);
    }
    expect(problems).toEqual([]);
  });

  it.concurrent.for(BROWSER_PAGES)('%s loads in Chromium with no failed request, and shows the evidence of the report', async (urlPath, { expect, task }) =>
    retryOnNetworkChange(task.name, async () => {
      const page = pageAt(urlPath);
      const visit = await site().visit(page);
      expect(problemCount(visit.problems), `problems on ${site().url(page.path)}:\n${describeProblems(visit.problems)}`).toBe(0);
      expect(visit.figures.map((f) => f.id), 'snippet figures after hydration, compared with the static HTML').toEqual(figureIdsIn(page, buildDir));
      const report = loadReport();
      for (const figure of visit.figures) {
        expect(EVIDENCE, `data-evidence of ${figure.id}`).toContain(figure.evidence);
        expect(figure.panels, `evidence panels of ${figure.id}`).toBeGreaterThan(0);
        const expected = expectedEvidence(report, figure.id);
        expect(figure.evidence, `data-evidence of ${figure.id} on ${page.path}, compared with the report (${expected.because})`).toBe(expected.state);
      }
    }),
  );

  async function withPage(task: { name: string }, body: (page: Page) => Promise<void>): Promise<void> {
    return retryOnNetworkChange(task.name, async () => {
      const { page, problems } = await site().newPage();
      try {
        await body(page);
        await waitForQuiet(page);
        expect(problemCount(problems), `problems:\n${describeProblems(problems)}`).toBe(0);
      } finally {
        await page.close();
      }
    });
  }

  it.concurrent('the language switch goes to the same page in Japanese and back', async ({ expect, task }) =>
    withPage(task, async (page) => {
      await openPage(page, site().url('/docker-runtime'));
      for (const [to, expected] of [['ja', '/ja/docker-runtime'], ['en', '/docker-runtime']] as const) {
        await switchLocale(page, to);
        expect(site().pathOf(page.url()), `after switching to ${to}`).toBe(expected);
        expect(new URL(page.url()).pathname.startsWith(ADDRESS.OPENHANDS_GUIDE_BASE_URL), page.url()).toBe(true);
        expect(await page.evaluate(() => document.documentElement.lang)).toBe(to);
      }
    }),
  );

  it.concurrent('the version dropdown goes to the same topic in OpenHands 1.x', async ({ expect, task }) =>
    withPage(task, async (page) => {
      await openPage(page, site().url('/ja/docker-runtime'));
      const dropdown = page.locator('.navbar .dropdown').filter({ hasNot: page.locator('a.dropdown__link[lang]') }).first();
      await dropdown.hover();
      const before = page.url();
      await dropdown.locator('a.dropdown__link').filter({ hasText: 'OpenHands 1.x' }).first().click();
      await page.waitForURL((url) => url.href !== before, { timeout: 10_000 });
      expect(site().pathOf(page.url())).toBe('/ja/1.x/docker-runtime');
    }),
  );

  it.concurrent('search finds pages of the version and locale and opens them under the base URL', async ({ expect, task }) =>
    withPage(task, async (page) => {
      const start = site().url('/1.x/docker-runtime');
      await openPage(page, start);
      const { titles } = await navbarSearch(page, 'socket');
      expect(titles.length, 'navbar search results for "socket"').toBeGreaterThan(0);
      const landed = await followNavbarResult(page, start, 'socket', 0);
      expect(landed.startsWith(ADDRESS.OPENHANDS_GUIDE_BASE_URL), `the first result leads to ${landed}`).toBe(true);
      const local = site().pathOf(landed);
      expect(versionOfPath(local).version, `the first result leads to ${local}`).toBe('1.x');
      expect(pages().some((p) => p.locale === DEFAULT_LOCALE && samePath(p.path, local)), `the first result leads to ${local}, a page of the build`).toBe(true);
    }),
  );

  it.concurrent.for(LOCALES)('a missing address under the %s pages gets the 404 page of that language', async (locale, { expect, task }) =>
    retryOnNetworkChange(task.name, async () => {
      const page = await site().guarded.context.newPage();
      try {
        const missing = site().url(`${locale === DEFAULT_LOCALE ? '' : `/${locale}`}/no-such-page`);
        const visit = await visitNotFound(page, missing);
        expect(visit.status).toBe(404);
        expect({ answeredIn: visit.answeredIn, lang: visit.lang, heading: visit.heading }).toEqual({ answeredIn: locale, lang: locale, heading: notFoundTitle(locale, DEFAULT_LOCALE) });
        expect(visit.homeHref && site().pathOf(visit.homeHref)).toBe(pathInLocale('/', locale, buildDir));
        expect(problemCount(visit.problems), `problems on the 404 page:\n${describeProblems(visit.problems)}`).toBe(0);
      } finally {
        await page.close();
      }
    }),
  );

  it('builds each locale\'s own 404 page too', () => {
    for (const locale of LOCALES) {
      const file = path.join(buildDir, locale === DEFAULT_LOCALE ? '' : locale, '404.html');
      expect(existsSync(file), file).toBe(true);
      expect(readFileSync(file, 'utf8')).toContain(notFoundTitle(locale, DEFAULT_LOCALE));
    }
  });
});
