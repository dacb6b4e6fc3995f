/**
 * The browser-side checks catch what they claim to, on fixture pages that go wrong on
 * purpose (test/site/fixtures/pages): a page that throws, one that asks for external or
 * missing files, one with accessibility violations, a copy button that copies other text.
 */
import type { EventEmitter } from 'node:events';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { axeViolations, describeViolations, failingViolations } from './support/axe';
import { launchBrowser } from '../../scripts/browser/chromium';
import { goTo, guardedContext, openPage, problemCount, waitForQuiet, watchPage, type GuardedContext } from './support/browser';
import { copyFrom } from './support/copy';
import { FIXTURES_DIR } from './support/env';
import { browserDescribe } from './support/site';
import { startServer, type SiteServer } from './support/server';

browserDescribe('the browser checks, on fixture pages', () => {
  let server: SiteServer;
  let browser: Browser;
  let guarded: GuardedContext;
  beforeAll(async () => {
    server = await startServer({ root: path.join(FIXTURES_DIR, 'pages') });
    browser = await launchBrowser();
    guarded = await guardedContext(browser, server.origin);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function load(name: string) {
    const page = await guarded.context.newPage();
    const problems = watchPage(page);
    await page.goto(`${server.origin}/${name}`, { waitUntil: 'load' });
    await waitForQuiet(page);
    return { page, problems };
  }

  it('finds nothing wrong on a clean page', async () => {
    const { page, problems } = await load('clean');
    expect(problemCount(problems)).toBe(0);
    expect(failingViolations(await axeViolations(page))).toEqual([]);
    await page.close();
  });

  it('records console errors, uncaught exceptions and unhandled rejections', async () => {
    const { page, problems } = await load('throws');
    expect(problems.consoleErrors).toEqual([expect.stringContaining('fixture: console error')]);
    expect(problems.pageErrors).toEqual(
      expect.arrayContaining([expect.stringContaining('fixture: uncaught exception'), expect.stringContaining('fixture: unhandled rejection')]),
    );
    await page.close();
  });

  it('aborts and records every request that is not to the loopback server, and records HTTP errors', async () => {
    const before = guarded.blocked.length;
    const { page, problems } = await load('requests');
    expect(problems.blockedRequests).toEqual(
      expect.arrayContaining([expect.stringContaining('https://example.com/tracker.png'), expect.stringContaining('http://203.0.113.7/beacon')]),
    );
    expect(guarded.blocked.length - before).toBe(problems.blockedRequests.length);
    expect(problems.badResponses).toEqual([expect.stringMatching(/^404 GET http:\/\/127\.0\.0\.1:\d+\/missing-chunk\.js/)]);
    // Blocked requests are listed once, as blocked, not again as failed.
    expect(problems.failedRequests.filter((entry) => /example\.com|203\.0\.113/.test(entry))).toEqual([]);
    await page.close();
  });

  it('reports serious and critical axe-core violations with rule, impact, element and page', async () => {
    const { page } = await load('a11y');
    const failing = failingViolations(await axeViolations(page));
    expect(failing.map((v) => v.id)).toEqual(expect.arrayContaining(['color-contrast', 'image-alt', 'button-name']));
    const message = describeViolations('/a11y', failing);
    expect(message).toContain('image-alt (critical) on /a11y: #no-alt');
    expect(message).toContain('color-contrast (serious) on /a11y: #faint');
    await page.close();
  });

  it('reads what the copy button put on the clipboard, not what the code block shows', async () => {
    const { page } = await load('copy');
    const copied = await copyFrom(page, page.locator('figure[data-snippet-id="shown"]'));
    expect(copied).toBe('docker run --rm --privileged hello-world');
    expect(copied).not.toBe(await page.locator('figure[data-snippet-id="shown"] pre').innerText());
    await page.close();
  });

  it('opens the tab a figure is in before copying it', async () => {
    const { page } = await load('copy');
    expect(await page.locator('figure[data-snippet-id="tabbed"]').isVisible()).toBe(false);
    expect(await copyFrom(page, page.locator('figure[data-snippet-id="tabbed"]'))).toBe('echo tabbed');
    await page.close();
  });

  it('does not count a request the next navigation cancels (net::ERR_ABORTED), and counts one aborted without a navigation', async () => {
    const { page, problems } = await load('clean');
    // A chunk still loading when the reader goes to another page: the navigation cancels it.
    await page.route('**/slow-chunk.js', () => undefined);
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.src = '/slow-chunk.js';
      document.head.append(script);
    });
    await page.goto(`${server.origin}/clean`, { waitUntil: 'load' });
    await waitForQuiet(page);
    expect(problems.failedRequests).toEqual([]);
    // The same error without a navigation is a failure of the page's own.
    await page.evaluate(async () => {
      const controller = new AbortController();
      const request = fetch('/clean', { signal: controller.signal, cache: 'no-store' }).catch(() => undefined);
      controller.abort();
      await request;
    });
    await expect.poll(() => problems.failedRequests.length).toBe(1);
    expect(problems.failedRequests[0]).toContain('net::ERR_ABORTED');
    await page.close();
  });

  it('does not count what the old document aborts while goTo() is leaving it, whenever Chromium reports it', async () => {
    const { page, problems } = await load('clean');
    // Chromium's report of a chunk the navigation cancelled, arriving before anything tells that a
    // navigation started (CI of stop 22): the navigation is held while the report comes in.
    const events = page as unknown as EventEmitter; // Playwright's Page is one; its types leave emit() out
    const abortReport = (url: string) => ({ url: () => url, method: () => 'GET', isNavigationRequest: () => false, failure: () => ({ errorText: 'net::ERR_ABORTED' }) });
    await page.route(`${server.origin}/clean?held`, async (route) => {
      events.emit('requestfailed', abortReport(`${server.origin}/chunk-of-the-old-page.js`));
      await route.continue();
    });
    await goTo(page, `${server.origin}/clean?held`);
    await waitForQuiet(page);
    expect(problems.failedRequests).toEqual([]);
    // The same report once the new page has loaded is that page's own.
    events.emit('requestfailed', abortReport(`${server.origin}/chunk-of-the-new-page.js`));
    expect(problems.failedRequests).toEqual([expect.stringContaining('chunk-of-the-new-page.js: net::ERR_ABORTED')]);
    await page.close();
  });

  it('says when a page never hydrates', async () => {
    const page = await guarded.context.newPage();
    await expect(openPage(page, `${server.origin}/clean`, 500)).rejects.toThrow(/did not hydrate within 0\.5 s/);
    await page.close();
  });
});
