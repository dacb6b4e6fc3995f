import type { Locator, Page } from 'playwright-core';
import { mutex } from './pool';

/**
 * The code block's copy button. Docusaurus 3.10 gives it no `copyButton` class of its own
 * (only `copyButtonCopied` while it shows the tick), so it is found by its icons, which
 * carry `copyButtonIcons`/`copyButtonIcon` classes in every 3.x release.
 */
export const COPY_BUTTON = 'button:has([class*="copyButtonIcon"])';

/**
 * A figure inside Docusaurus `<Tabs>` is hidden until its tab is chosen: click the tabs
 * that show it, outermost first, as a reader would.
 */
export async function revealTabs(block: Locator): Promise<void> {
  const tabs = await block.evaluateHandle((element) => {
    const chosen: Element[] = [];
    for (let panel = element.closest('[role="tabpanel"]'); panel; panel = panel.parentElement?.closest('[role="tabpanel"]') ?? null) {
      const panels = Array.from(panel.parentElement?.children ?? []).filter((child) => child.getAttribute('role') === 'tabpanel');
      const tab = panel.closest('.tabs-container')?.querySelectorAll('[role="tablist"] [role="tab"]')[panels.indexOf(panel)];
      if (!tab) throw new Error(`no tab for the tab panel around ${element.id || element.tagName}`);
      if (tab.getAttribute('aria-selected') !== 'true') chosen.unshift(tab);
    }
    return chosen;
  });
  for (const property of (await tabs.getProperties()).values()) {
    const tab = property.asElement();
    if (tab) await tab.click();
  }
  await tabs.dispose();
  await block.waitFor({ state: 'visible', timeout: 5_000 });
}

/**
 * How long one action may wait for the page to be ready for it. Several pages are visited at
 * once while other tests run, so on 2 busy cores a click can wait for seconds; the bound
 * only keeps a page that never becomes ready from hanging the run.
 */
const ACTION_TIMEOUT = 30_000;

/** A browser has one clipboard for all its pages: one copy-and-read at a time. */
const clipboard = mutex();

/**
 * Clicks the copy button of `block` (a `figure[data-snippet-id]` or a code block) the way
 * a reader does, hovering the code first (the buttons appear on hover), and returns what
 * the clipboard then holds. The clipboard is emptied first, so an old copy cannot pass.
 */
export async function copyFrom(page: Page, block: Locator): Promise<string> {
  return clipboard(async () => {
    await page.bringToFront();
    await page.evaluate(() => navigator.clipboard.writeText(''));
    // Docusaurus keeps a `groupId` tab choice in localStorage and applies it to every open
    // page of the browser through storage events, so another page of this context choosing
    // "Windows (WSL)" can hide this figure again between our click and the copy, later on a
    // loaded machine. A reader with two tabs open meets the same: choose the tab again.
    for (let attempt = 1; ; attempt++) {
      try {
        await revealTabs(block);
        await block.scrollIntoViewIfNeeded({ timeout: ACTION_TIMEOUT });
        await block.locator('pre').first().hover({ timeout: ACTION_TIMEOUT });
        const button = block.locator(COPY_BUTTON);
        const count = await button.count();
        if (count !== 1) throw new Error(`expected one copy button in the code block, found ${count}`);
        await button.click({ timeout: ACTION_TIMEOUT });
        // What the reader gets is what the clipboard holds (emptied above): wait for it, not for the button's tick,
        // which Docusaurus shows for one second only and a busy page may render late or never.
        const copied = await page
          .waitForFunction(
            async () => {
              try {
                return (await navigator.clipboard.readText()) || undefined;
              } catch {
                return undefined; // "Document is not focused": asked again at the next poll
              }
            },
            null, { timeout: ACTION_TIMEOUT, polling: 100 })
          .then((handle) => handle.jsonValue() as Promise<string>)
          .catch(() => undefined);
        if (copied === undefined) throw new Error(`the clipboard was still empty ${ACTION_TIMEOUT / 1000} s after the copy button was clicked`);
        return copied;
      } catch (error) {
        if (attempt >= 3 || (await block.isVisible())) throw error;
        console.warn(`copy from ${await block.getAttribute('data-snippet-id')}: its tab was switched away (attempt ${attempt}), choosing it again`);
        await page.evaluate(() => navigator.clipboard.writeText(''));
      }
    }
  });
}
