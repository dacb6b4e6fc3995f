import type { Browser, BrowserContext, Page, Request } from 'playwright-core';

/** What went wrong while a page was open. Every list must be empty for a good page. */
export interface PageProblems {
  /** console.error() and other console messages of type error. */
  readonly consoleErrors: string[];
  /** Uncaught exceptions and unhandled rejections (`pageerror`). */
  readonly pageErrors: string[];
  /** Requests that failed at the network level (`requestfailed`), other than blocked ones. */
  readonly failedRequests: string[];
  /** Responses with HTTP status >= 400. */
  readonly badResponses: string[];
  /** Requests to anything but the loopback server: aborted before they were sent. */
  readonly blockedRequests: string[];
}

export function emptyProblems(): PageProblems {
  return { consoleErrors: [], pageErrors: [], failedRequests: [], badResponses: [], blockedRequests: [] };
}

export function problemCount(problems: PageProblems): number {
  return Object.values(problems).reduce((sum, list: string[]) => sum + list.length, 0);
}

/** One line per problem, for an assertion message. */
export function describeProblems(problems: PageProblems): string {
  const lines: string[] = [];
  const add = (label: string, list: readonly string[]) => list.forEach((item) => lines.push(`  ${label}: ${item}`));
  add('console error', problems.consoleErrors);
  add('uncaught exception', problems.pageErrors);
  add('failed request', problems.failedRequests);
  add('HTTP error', problems.badResponses);
  add('external request (blocked, not sent)', problems.blockedRequests);
  return lines.join('\n');
}

const monitors = new WeakMap<Page, PageProblems>();
/**
 * goTo() navigations of a watched page: `left` counts those whose new document has committed,
 * `leaving` says one is under way and its new document has not committed yet.
 */
const departures = new WeakMap<Page, { left: number; leaving: boolean }>();
/** Requests of a watched page that have neither finished nor failed yet. */
const inFlight = new WeakMap<Page, Set<Request>>();

function pageOf(request: Request): Page | undefined {
  try {
    return request.frame().page();
  } catch {
    return undefined; // service worker requests have no frame
  }
}

export interface GuardedContext {
  readonly context: BrowserContext;
  /** Every request the guard aborted, with the page it came from. */
  readonly blocked: string[];
}

/**
 * A browser context that may only reach `origin`: every other request is aborted
 * before it is sent and recorded, on the context and on the page that made it. The
 * context may read and write the clipboard of `origin` (the copy buttons).
 */
export async function guardedContext(browser: Browser, origin: string): Promise<GuardedContext> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    colorScheme: 'light',
    reducedMotion: 'reduce',
    serviceWorkers: 'block',
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  const blocked: string[] = [];
  await context.route(
    () => true,
    async (route) => {
      const request = route.request();
      const url = request.url();
      let allowed = false;
      try {
        allowed = new URL(url).origin === origin;
      } catch {
        allowed = false;
      }
      if (allowed) return route.continue();
      const from = pageOf(request);
      const entry = `${request.method()} ${url} (from ${from?.url() ?? 'a worker'})`;
      blocked.push(entry);
      if (from) monitors.get(from)?.blockedRequests.push(entry);
      return route.abort('blockedbyclient');
    },
  );
  return { context, blocked };
}

/** How long before a navigation's own request an aborted request still counts as cancelled by it. */
const ABORT_BEFORE_NAVIGATION_MS = 1_000;

/**
 * Starts recording what goes wrong on `page` (console errors, uncaught exceptions,
 * failed requests, HTTP errors, blocked external requests) into the returned lists.
 */

export function watchPage(page: Page): PageProblems {
  const problems = emptyProblems();
  monitors.set(page, problems);
  const pending = new Set<Request>();
  inFlight.set(page, pending);
  page.on('request', (request) => pending.add(request));
  page.on('requestfinished', (request) => pending.delete(request));
  page.on('requestfailed', (request) => pending.delete(request));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const location = message.location();
    const where = location.url ? ` (${location.url}:${location.lineNumber}:${location.columnNumber})` : '';
    problems.consoleErrors.push(`${message.text()}${where} on ${page.url()}`);
  });
  page.on('pageerror', (error) => problems.pageErrors.push(`${error.name}: ${error.message} on ${page.url()}`));
  // A navigation of the page cancels what its previous document still had in flight (a chunk,
  // a prefetch): Chromium reports those as net::ERR_ABORTED, by design, not as failures.
  let navigations = 0;
  const issuedAt = new WeakMap<Request, number>();
  const departure = { left: 0, leaving: false };
  departures.set(page, departure);
  const issuedBefore = new WeakMap<Request, number>();
  page.on('request', (request) => issuedBefore.set(request, departure.left));
  // Counted when the navigation's own request starts: Chromium cancels the old document's
  // requests then, before the frame reports that it navigated.
  // Chromium may report a cancelled request a moment before Playwright reports the navigation
  // request that cancelled it (seen in CI: six chunks of a page left for the search page).
  // Such a failure is counted at first, and taken back when a navigation starts right after.
  const recentAborts: { readonly entry: string; readonly at: number }[] = [];
  page.on('request', (request) => {
    if (request.isNavigationRequest() && request.frame() === page.mainFrame()) {
      navigations += 1;
      const since = Date.now() - ABORT_BEFORE_NAVIGATION_MS;
      for (const abort of recentAborts.splice(0)) {
        if (abort.at < since) continue;
        const index = problems.failedRequests.indexOf(abort.entry);
        if (index >= 0) problems.failedRequests.splice(index, 1);
      }
    } else issuedAt.set(request, navigations);
  });
  page.on('requestfailed', (request) => {
    const failure = request.failure()?.errorText ?? 'unknown error';
    if (failure.includes('ERR_BLOCKED_BY_CLIENT')) return; // recorded by the guard
    if (failure.includes('ERR_ABORTED') && !request.isNavigationRequest()) {
      // A navigation the test started itself: what the old document aborts is the navigation's
      // doing, however late Playwright reports the navigation's request (CI of stop 22: eight
      // prefetched chunks aborted more than a second before it, on a loaded machine). Until the
      // new document commits, every request is the old one's.
      if (departure.leaving || (issuedBefore.get(request) ?? departure.left) < departure.left) return;
      if ((issuedAt.get(request) ?? navigations) < navigations) return;
    }
    const entry = `${request.method()} ${request.url()}: ${failure} (on ${page.url()})`;
    problems.failedRequests.push(entry);
    if (failure.includes('ERR_ABORTED') && !request.isNavigationRequest()) recentAborts.push({ entry, at: Date.now() });
  });
  page.on('response', (response) => {
    if (response.status() >= 400) {
      problems.badResponses.push(`${response.status()} ${response.request().method()} ${response.url()} (on ${page.url()})`);
    }
  });
  return problems;
}

/**
 * `page.goto` until the load event: on a watched page, what the page it leaves had in flight and
 * the navigation cancels (net::ERR_ABORTED) is not counted as a problem of that page.
 */
export async function goTo(page: Page, url: string): ReturnType<Page['goto']> {
  const departure = departures.get(page) ?? { left: 0, leaving: false }; // an unwatched page counts nothing
  departure.leaving = true;
  let response: Awaited<ReturnType<Page['goto']>>;
  try {
    response = await page.goto(url, { waitUntil: 'commit' });
  } finally {
    departure.leaving = false;
    departure.left += 1;
  }
  await page.waitForLoadState('load');
  return response;
}

/** Navigates and waits until React has hydrated the page and the network is quiet. */
export async function openPage(page: Page, url: string, hydrationTimeout = 30_000): Promise<void> {
  await goTo(page, url);
  await waitForHydration(page, hydrationTimeout);
  await page.waitForLoadState('networkidle');
}

/**
 * Docusaurus sets `data-has-hydrated` on <html> once the client app has taken over. The
 * error lists what went wrong on the page so far (a chunk that failed to load, ...).
 */
export async function waitForHydration(page: Page, timeout = 30_000): Promise<void> {
  await page.waitForSelector('html[data-has-hydrated="true"]', { state: 'attached', timeout }).catch(() => {
    throw new Error(`${page.url()} did not hydrate within ${timeout / 1000} s (html[data-has-hydrated="true"] never appeared)${problemsSoFar(page)}`);
  });
}

/** What went wrong on a watched page so far, as the tail of an error message ('' when nothing did). */
export function problemsSoFar(page: Page): string {
  const problems = monitors.get(page);
  return problems && problemCount(problems) > 0 ? `; on the page:\n${describeProblems(problems)}` : '';
}

/**
 * Waits until a watched page has had no request in flight for `quietMs`. Unlike the
 * `networkidle` load state, this also covers what a client-side navigation started, so
 * leaving the page afterwards does not abort its requests.
 */
export async function waitForQuiet(page: Page, quietMs = 300, timeout = 10_000): Promise<void> {
  const pending = inFlight.get(page);
  if (!pending) throw new Error('waitForQuiet needs a page from watchPage()');
  const deadline = Date.now() + timeout;
  let quietSince = Date.now();
  while (Date.now() < deadline) {
    if (pending.size > 0) quietSince = Date.now();
    else if (Date.now() - quietSince >= quietMs) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${page.url()} still had requests in flight after ${timeout / 1000} s: ${[...pending].map((r) => r.url()).join(', ')}`);
}
