import type { Page } from 'playwright-core';
import { waitForHydration, waitForQuiet } from './browser';

/** Switches the page's language with the navbar's locale dropdown, as a reader does, and waits for the new page. */
export async function switchLocale(page: Page, to: string): Promise<void> {
  const before = page.url();
  const dropdown = page.locator('.navbar .dropdown:has(a.dropdown__link[lang])');
  await dropdown.hover();
  await dropdown.locator(`a.dropdown__link[lang="${to}"]`).click();
  await page.waitForURL((url) => url.href !== before, { timeout: 10_000 });
  await waitForHydration(page);
  // Let the page finish loading: switching again earlier would abort its requests.
  await waitForQuiet(page);
}
