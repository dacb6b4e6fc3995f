import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { LoadContext, Plugin } from '@docusaurus/types';

/**
 * robots.txt for the address the site is built for (docusaurus.config.ts `url` + `baseUrl`),
 * naming the sitemap of every locale. Written after the build of the default locale, at the
 * root of the output; a file in static/ could not know the address, and would be copied into
 * every locale's folder.
 *
 * Crawlers read robots.txt at the root of a host only: under a sub-path (a GitHub Pages
 * project site, `https://<owner>.github.io/<repo>/`) it is served but not consulted, and the
 * sitemaps are found through the pages' links instead. On a host of its own it is the real one.
 */
export function robotsTxt(url: string, baseUrl: string, locales: readonly string[], defaultLocale: string): string {
  const root = `${url.replace(/\/+$/, '')}${baseUrl}`;
  const sitemaps = locales.map((locale) => `Sitemap: ${root}${locale === defaultLocale ? '' : `${locale}/`}sitemap.xml`);
  return ['User-agent: *', 'Allow: /', '', ...sitemaps, ''].join('\n');
}

export default function robotsPlugin(context: LoadContext): Plugin {
  return {
    name: 'openhands-guide-robots',
    async postBuild({ outDir }) {
      const { siteConfig, i18n } = context;
      // Each locale is built on its own; the default locale's outDir is the site's root.
      if (i18n.currentLocale !== i18n.defaultLocale) return;
      await writeFile(path.join(outDir, 'robots.txt'), robotsTxt(siteConfig.url, siteConfig.baseUrl, i18n.locales, i18n.defaultLocale));
    },
  };
}
