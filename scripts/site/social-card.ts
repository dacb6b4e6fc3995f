/**
 * Draws static/img/social-card.png, the image link previews show (docusaurus.config.ts
 * `themeConfig.image`): 1200x630, the logo, the title in both languages, the promise.
 * Headless Chromium draws it from the logo's SVG and text, so the card stays in step with
 * the logo; run it after changing either, and commit the PNG:
 *
 *   npx vite-node scripts/site/social-card.ts
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { launchBrowser } from '../browser/chromium';

const ROOT = path.resolve(__dirname, '..', '..');
const OUT = path.join(ROOT, 'static', 'img', 'social-card.png');
export const CARD = { width: 1200, height: 630 } as const;

const logo = readFileSync(path.join(ROOT, 'static', 'img', 'logo.svg'), 'utf8');
const html = `<!doctype html><html><head><meta charset="utf-8"><style>
  html, body { margin: 0; width: ${CARD.width}px; height: ${CARD.height}px; }
  body { box-sizing: border-box; padding: 72px 80px; background: #1e4c7b; color: #fff;
         font-family: 'DejaVu Sans', 'IPAGothic', sans-serif; display: flex; flex-direction: column; justify-content: space-between; }
  .head { display: flex; align-items: center; gap: 36px; }
  .logo { width: 150px; height: 150px; background: #fff; border-radius: 28px; padding: 14px; box-sizing: border-box; }
  .logo svg { width: 100%; height: 100%; }
  h1 { font-size: 64px; white-space: nowrap; margin: 0; line-height: 1.05; }
  .ja { font-size: 42px; margin-top: 12px; opacity: .92; }
  p { font-size: 34px; line-height: 1.35; margin: 0; max-width: 1000px; }
  .foot { font-size: 28px; opacity: .85; }
</style></head><body>
  <div class="head"><div class="logo">${logo}</div><div><h1>OpenHands in Docker</h1><div class="ja">Docker で動かす OpenHands</div></div></div>
  <p>Docker runtime, workspace, hardened install: every command run against a real Docker daemon, every claim checked.</p>
  <div class="foot">English / 日本語 · Agent Canvas · OpenHands 1.x · 0.33</div>
</body></html>`;

async function main(): Promise<void> {
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: CARD, deviceScaleFactor: 1 });
    await page.setContent(html);
    await page.screenshot({ path: OUT, type: 'png' });
    console.log(`wrote ${path.relative(ROOT, OUT)} (${CARD.width}x${CARD.height})`);
  } finally {
    await browser.close();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
