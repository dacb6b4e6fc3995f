import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe } from 'vitest';
import { axeViolations, type AxeViolation } from './axe';
import { browserDecision, launchBrowser } from '../../../scripts/browser/chromium';
import { describeProblems, guardedContext, openPage, waitForQuiet, watchPage, type GuardedContext, type PageProblems } from './browser';
import { copyFrom } from './copy';
import { buildProblem, BUILD_DIR, SCREENSHOT_DIR } from './env';
import { limiter } from './pool';
import { buildBaseUrl, sitePages, type SitePage } from './pages';
import { startServer, type SiteServer } from './server';

/** Pages open at once. Two cores: more only makes each page slower. */
const CONCURRENCY = Number(process.env.OPENHANDS_GUIDE_SITE_CONCURRENCY) || 3;

export interface FigureVisit {
  readonly id: string;
  /** `data-evidence` of the figure, null when it has none. */
  readonly evidence: string | null;
  /** How many `[data-evidence-panel]` elements the figure contains. */
  readonly panels: number;
  /** What the copy button put on the clipboard, or why copying failed. */
  readonly copied: { readonly text: string } | { readonly error: string };
}

/** Everything learnt from one load of one page. */
export interface PageVisit {
  readonly page: SitePage;
  readonly problems: PageProblems;
  readonly violations: readonly AxeViolation[];
  readonly figures: readonly FigureVisit[];
  readonly screenshot: string;
}

export interface Site {
  readonly server: SiteServer;
  readonly browser: Browser;
  readonly guarded: GuardedContext;
  readonly pages: readonly SitePage[];
  /** The base URL the build was made for (`/`, `/openhands-docker-guide/`); the server serves it there. */
  readonly base: string;
  /** The address of a path within the site (`/ja/docker-runtime`), base URL included. */
  url(urlPath: string): string;
  /** The path within the site of an address or an href (the base URL, query and hash taken off). */
  pathOf(urlOrHref: string): string;
  /** A new tab of the guarded context, watched from its first request. */
  newPage(): Promise<{ page: Page; problems: PageProblems }>;
  /** Loads `page` once (screenshot, axe, figures, copy buttons); later calls share the result. */
  visit(page: SitePage): Promise<PageVisit>;
}

/**
 * The pages of the build, for `it.each` at collection time. Empty when there is no
 * build: the suite's setup then fails with "run `npm run build` first".
 */
export function collectPages(): SitePage[] {
  try {
    return buildProblem() ? [] : sitePages();
  } catch {
    return [];
  }
}

/**
 * A `describe` for tests that need Chromium. Without one every test in it fails with what
 * to install, as the Docker tests do without a daemon: `npm test` installs both as root on
 * Debian (scripts/docker/ensure-daemon.sh, scripts/browser/ensure-browser.sh), and a
 * missing tool is one answer everywhere, never a green run that skipped the browser.
 */
export function browserDescribe(name: string, body: () => void): void {
  const decision = browserDecision();
  describe(name, () => {
    // Registered first: when it throws, vitest runs no later setup hook of the suite.
    beforeAll(() => {
      if (decision.missing) throw new Error(decision.missing);
    });
    body();
  });
}

/**
 * A browser suite on the production build: fails with "run `npm run build` first" when
 * build/ is missing or stale, otherwise serves it and opens the browser once for all
 * its tests (`site()` gives them the shared site).
 */
export function siteSuite(name: string, body: (site: () => Site) => void): void {
  browserDescribe(name, () => {
    let site: Site | undefined;
    let close: (() => Promise<void>) | undefined;
    beforeAll(async () => {
      const problem = buildProblem();
      if (problem) throw new Error(problem);
      ({ site, close } = await openSite());
    });
    afterAll(async () => {
      await close?.();
    });
    body(() => {
      if (!site) throw new Error('the site was not opened (see the setup error above)');
      return site;
    });
  });
}

export interface OpenSiteOptions {
  /** The build to serve; build/ by default. */
  readonly buildDir?: string;
  /** Start visiting every page at once (the full suite); false: only the pages a test visits. */
  readonly visitAll?: boolean;
  /** Where the page visits' screenshots go: reports/screenshots/ by default. */
  readonly screenshotDir?: string;
}

/**
 * Serves a copy of the build (so a `npm run build` during the run cannot swap files under
 * the pages) under the base URL it was made for, launches Chromium, opens a guarded
 * context, and starts visiting every page.
 */
export async function openSite({ buildDir = BUILD_DIR, visitAll = true, screenshotDir = SCREENSHOT_DIR }: OpenSiteOptions = {}): Promise<{ site: Site; close: () => Promise<void> }> {
  const base = buildBaseUrl(buildDir);
  const snapshot = mkdtempSync(path.join(tmpdir(), 'openhands-guide-site-'));
  cpSync(buildDir, snapshot, { recursive: true });
  const removeSnapshot = () => rmSync(snapshot, { recursive: true, force: true });
  const server = await startServer({ root: snapshot, baseUrl: base }).catch((error: unknown) => {
    removeSnapshot();
    throw error;
  });
  let browser: Browser | undefined;
  try {
    browser = await launchBrowser();
    const guarded = await guardedContext(browser, server.origin);
    const pages = sitePages(snapshot);
    const run = limiter(CONCURRENCY);
    const visits = new Map<string, Promise<PageVisit>>();
    const site: Site = {
      server,
      browser,
      guarded,
      pages,
      base,
      url: (urlPath) => new URL(`${base}${urlPath.replace(/^\/+/, '')}`, server.origin).href,
      pathOf: (urlOrHref) => {
        const { pathname } = new URL(urlOrHref, server.origin);
        if (!pathname.startsWith(base) && `${pathname}/` !== base) throw new Error(`${urlOrHref} is outside the site's base URL ${base}`);
        return `/${pathname.slice(base.length)}`;
      },
      async newPage() {
        const page = await guarded.context.newPage();
        return { page, problems: watchPage(page) };
      },
      visit(sitePage) {
        let visit = visits.get(sitePage.path);
        if (!visit) {
          visit = run(() =>
            retryOnNetworkChange(`visit of ${sitePage.path}`, async () => {
              const result = await visitPage(site, sitePage, screenshotDir);
              // A visit whose requests the host's network change aborted says nothing about the page.
              const all = describeProblems(result.problems);
              if (all.includes(NETWORK_CHANGED)) throw new Error(all);
              return result;
            }),
          );
          visits.set(sitePage.path, visit);
        }
        return visit;
      },
    };
    // Start every page's visit now, a few at a time, so the per-page tests find them done.
    if (visitAll) for (const sitePage of pages) site.visit(sitePage).catch(() => undefined);
    const opened = browser;
    return {
      site,
      close: async () => {
        await Promise.allSettled(visits.values());
        await opened.close();
        await server.close();
        removeSnapshot();
      },
    };
  } catch (error) {
    await browser?.close();
    await server.close();
    removeSnapshot();
    throw error;
  }
}

export function screenshotPath(page: SitePage, dir = SCREENSHOT_DIR): string {
  return path.join(dir, page.locale, `${page.name}.png`);
}

/**
 * Chromium aborts every request in flight with net::ERR_NETWORK_CHANGED when the host's
 * network configuration changes (Docker creating a network or a veth pair, as the
 * harness does). That is this machine, not the site: such a run is repeated, loudly.
 */
export const NETWORK_CHANGED = 'ERR_NETWORK_CHANGED';

export async function retryOnNetworkChange<T>(what: string, task: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await task();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (attempt >= attempts || !message.includes(NETWORK_CHANGED)) throw error;
      console.warn(
        `${what}: Chromium reported ${NETWORK_CHANGED} (the host's network configuration changed during the run, ` +
          `e.g. a Docker network was created); repeating it (attempt ${attempt + 1} of ${attempts})`,
      );
    }
  }
}

async function visitPage(site: Site, sitePage: SitePage, screenshotDir: string): Promise<PageVisit> {
  const { page, problems } = await site.newPage();
  try {
    await openPage(page, site.url(sitePage.path));
    const screenshot = screenshotPath(sitePage, screenshotDir);
    mkdirSync(path.dirname(screenshot), { recursive: true });
    await page.screenshot({ path: screenshot, fullPage: true, animations: 'disabled' });
    const violations = await axeViolations(page);
    const figures: FigureVisit[] = [];
    const ids = await page.locator('figure[data-snippet-id]').evaluateAll((all) => all.map((f) => f.getAttribute('data-snippet-id') ?? ''));
    for (const id of ids) {
      const figure = page.locator(`figure[data-snippet-id="${id}"]`);
      const [evidence, panels] = await figure.evaluate((f) => [f.getAttribute('data-evidence'), f.querySelectorAll('[data-evidence-panel]').length] as const);
      let copied: FigureVisit['copied'];
      try {
        copied = { text: await copyFrom(page, figure) };
      } catch (error) {
        copied = { error: error instanceof Error ? error.message.split('\n')[0]! : String(error) };
      }
      figures.push({ id, evidence, panels, copied });
    }
    // Anything the interactions started (prefetches on hover) must also succeed.
    await waitForQuiet(page);
    return { page: sitePage, problems, violations, figures, screenshot };
  } finally {
    await page.close();
  }
}
