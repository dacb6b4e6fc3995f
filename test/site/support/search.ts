import type { Page } from 'playwright-core';
import { goTo, problemsSoFar, waitForHydration, waitForQuiet } from './browser';

/**
 * The navbar search of @easyops-cn/docusaurus-search-local: an autocomplete listbox of
 * `[role=option]` suggestions (no links: choosing one navigates), or a "no results" entry.
 */
const INPUT = 'input.navbar__search-input';
const LISTBOX = '.navbar [role="listbox"]';
const NO_RESULTS = `${LISTBOX} [class*="noResults"]`;
const OPTION = `${LISTBOX} [role="option"]`;

export interface NavbarResults {
  readonly term: string;
  /** The suggestions' titles, in order; empty when the search found nothing. */
  readonly titles: readonly string[];
}

/** Types `term` into the navbar search of the open page and reads the suggestions. */
export async function navbarSearch(page: Page, term: string): Promise<NavbarResults> {
  const input = page.locator(INPUT);
  await input.click();
  await input.fill(term);
  // The index loads on first focus; the listbox opens once the search has an answer.
  const answered = await page
    .waitForFunction(
      ({ listbox, option, noResults }) => {
        const box = document.querySelector<HTMLElement>(listbox);
        if (!box || box.style.display === 'none') return false;
        return document.querySelector(option) !== null || document.querySelector(noResults) !== null;
      },
      { listbox: LISTBOX, option: OPTION, noResults: NO_RESULTS },
      { timeout: 10_000 },
    )
    .then(() => true)
    .catch(() => false);
  if (!answered) {
    throw new Error(`the navbar search for "${term}" on ${page.url()} showed neither results nor "no results" within 10 s${problemsSoFar(page)}`);
  }
  const titles = await page.locator(`${OPTION} [class*="hitTitle"]`).allInnerTexts();
  return { term, titles };
}

/**
 * Opens `start`, searches `term` in the navbar, chooses suggestion `index`, returns the
 * path it lands on (the URL's path, base URL included). The start URL gets a marker query, so landing on the start page
 * itself still counts as a navigation.
 */
export async function followNavbarResult(page: Page, start: string, term: string, index: number): Promise<string> {
  const from = new URL(start);
  from.searchParams.set('search-test', String(index));
  await goTo(page, from.href);
  await waitForHydration(page);
  const before = page.url();
  const { titles } = await navbarSearch(page, term);
  if (index >= titles.length) throw new Error(`no suggestion ${index} for "${term}" (${titles.length} shown)`);
  await page.locator(OPTION).nth(index).click();
  await page.waitForURL((url) => url.href !== before, { timeout: 10_000 });
  await waitForHydration(page);
  // Let the landing page finish loading: leaving earlier would abort its requests.
  await waitForQuiet(page);
  return new URL(page.url()).pathname;
}

export interface SearchPageResults {
  readonly term: string;
  /** The result links' hrefs as the page has them (path, query, hash). */
  readonly hrefs: readonly string[];
}

/** Opens a locale's search page (`searchUrl`, e.g. `http://127.0.0.1:1234/ja/search`) for `term` and lists the result links. */
export async function searchPage(page: Page, searchUrl: string, term: string): Promise<SearchPageResults> {
  await goTo(page, `${searchUrl}?q=${encodeURIComponent(term)}`);
  await waitForHydration(page);
  await page
    .waitForFunction(() => document.querySelector('[class*="searchResultItem"] a') !== null || document.querySelector('.main-wrapper .container > p') !== null, null, {
      timeout: 10_000,
    })
    .catch(() => {
      throw new Error(`the search page for "${term}" (${page.url()}) showed neither results nor a count within 10 s${problemsSoFar(page)}`);
    });
  const hrefs = await page.locator('article[class*="searchResultItem"] a').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
  return { term, hrefs };
}
