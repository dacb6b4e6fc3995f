import { chromium, type Browser, type Response } from 'playwright-core';
import { isLoopbackUrl, summariseDownloads, type AssetSummary, type Download } from './assets';
import { serveBuild } from './serve';

/**
 * What a reader downloads for one docs page: the build served on loopback, the page
 * loaded in headless Chromium with an empty, disabled cache until the network is idle
 * (so route prefetches count too), every response recorded with its encoded (on the
 * wire) and decoded size. Only loopback is reachable: anything else is aborted and listed.
 */

export const CHROMIUM = process.env.OPENHANDS_GUIDE_CHROMIUM ?? '/usr/bin/chromium';

export interface PageBytes {
  readonly url: string;
  readonly summary: AssetSummary;
  /** Requests to anything but loopback, aborted. */
  readonly blocked: readonly string[];
  /** Short labels of what the largest JS files contain (package names found in them). */
  readonly contents: Readonly<Record<string, readonly string[]>>;
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
}

/** Markers of a few packages in a minified chunk, to say what dominates a file. */
const MARKERS: readonly [string, RegExp][] = [
  ['react-dom', /react-dom|__reactContainer|ReactDOM/],
  ['react-router', /react-router|useHistory/],
  ['lunr (search)', /lunr\.|lunr\(/],
  ['search-local', /docusaurus-search-local|searchbar|SearchBar/],
  ['prism', /Prism|prism-react-renderer/],
  ['mdx', /MDXProvider|_createMdxContent/],
  ['docusaurus theme', /theme-classic|docusaurus-theme|DocSidebar|DocItem/],
];

function contentsOf(body: string): string[] {
  return MARKERS.filter(([, pattern]) => pattern.test(body)).map(([name]) => name);
}

export async function measurePage(browser: Browser, buildDir: string, path: string): Promise<PageBytes> {
  const served = await serveBuild(buildDir);
  const context = await browser.newContext({ serviceWorkers: 'block' });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    const blocked: string[] = [];
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (isLoopbackUrl(url)) return route.continue();
      blocked.push(url);
      return route.abort('blockedbyclient');
    });
    const pending: Promise<Download & { body?: string }>[] = [];
    page.on('response', (response: Response) => {
      pending.push(
        (async () => {
          await response.finished().catch(() => undefined);
          const sizes = await response.request().sizes().catch(() => undefined);
          const body = await response.body().catch(() => undefined);
          const contentType = response.headers()['content-type'];
          return {
            // Paths, not URLs: the port changes every run.
            url: response.url().replace(served.origin, ''),
            contentType,
            resourceType: response.request().resourceType(),
            status: response.status(),
            encodedBytes: sizes?.responseBodySize ?? body?.length ?? 0,
            decodedBytes: body?.length ?? 0,
            body: contentType?.includes('javascript') ? body?.toString('utf8') : undefined,
          };
        })(),
      );
    });
    const url = `${served.origin}${path}`;
    const response = await page.goto(url, { waitUntil: 'networkidle', timeout: 60_000 });
    if (!response || response.status() !== 200) throw new Error(`${url} answered ${response?.status() ?? 'nothing'}`);
    // Prefetches start after load; give them a moment beyond network idle.
    await page.waitForTimeout(1000);
    await page.waitForLoadState('networkidle');
    const recorded = await Promise.all(pending);
    const contents: Record<string, string[]> = {};
    for (const download of recorded) if (download.body) contents[download.url] = contentsOf(download.body);
    const downloads: Download[] = recorded.map(({ body: _body, ...download }) => download);
    return { url: path, summary: summariseDownloads(downloads), blocked, contents };
  } finally {
    await context.close();
    await served.close();
  }
}
