import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { siteBaseUrl } from '../../../src/site/address';
import { BUILD_DIR } from './env';
import { figureIds, langOf, parseHtml, sitemapLocs, textOf } from './html';

/** A page of the production build, as the reader requests it. */
export interface SitePage {
  /** `en`, `ja`: the locale the page is in (its `<html lang>`). */
  readonly locale: string;
  /**
   * The page's path within the site, e.g. `/ja/docker-runtime`, `/`: the sitemap's path
   * without the site's base URL (buildBaseUrl), which a Site adds when it requests it.
   */
  readonly path: string;
  /** The same page's path without its locale prefix: `/docker-runtime`, `/`. */
  readonly localPath: string;
  /** A file-name-safe name for the page within its locale: `index`, `docker-runtime`. */
  readonly name: string;
}

/**
 * The locales of the build: the default locale's sitemap is build/sitemap.xml, each other
 * locale is a folder of build/ with its own sitemap.xml (Docusaurus' i18n layout).
 */
export function buildLocales(buildDir = BUILD_DIR): { locale: string; prefix: string }[] {
  const root = path.join(buildDir, 'sitemap.xml');
  if (!existsSync(root)) throw new Error(`${root} is missing: run \`npm run build\` first`);
  const others = readdirSync(buildDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(buildDir, entry.name, 'sitemap.xml')))
    .map((entry) => ({ locale: entry.name, prefix: `/${entry.name}` }));
  return [{ locale: htmlLang(path.join(buildDir, 'index.html')), prefix: '' }, ...others];
}

/**
 * The `baseUrl` the build was made with (`/`, `/openhands-docker-guide/`): the path of the
 * home page's canonical link (Docusaurus writes `url` + `baseUrl` there). A build without
 * one (the fixtures) is served at `/`. For build/, `OPENHANDS_GUIDE_BASE_URL`, when set, must
 * agree: `npm run build` and `npm run test:site` under one environment test one address.
 */
export function buildBaseUrl(buildDir = BUILD_DIR, expected = buildDir === BUILD_DIR ? process.env.OPENHANDS_GUIDE_BASE_URL : undefined): string {
  const index = path.join(buildDir, 'index.html');
  if (!existsSync(index)) throw new Error(`${index} is missing: run \`npm run build\` first`);
  const href = parseHtml(readFileSync(index, 'utf8'))('link[rel~="canonical"]').first().attr('href');
  const base = href ? siteBaseUrl(new URL(href).pathname) : '/';
  if (expected !== undefined && siteBaseUrl(expected) !== base) {
    throw new Error(
      `${path.relative(process.cwd(), buildDir) || buildDir}/ was built for the base URL ${base}, but OPENHANDS_GUIDE_BASE_URL=${expected}: ` +
        'build again with the same OPENHANDS_GUIDE_BASE_URL (`npm run build`), or unset it',
    );
  }
  return base;
}

function htmlLang(file: string): string {
  const lang = langOf(readFileSync(file, 'utf8'));
  if (!lang) throw new Error(`${file} has no <html lang>`);
  return lang;
}

/** The sitemap's pages, as paths within the site (the base URL taken off). */
function sitemapPaths(file: string, base: string): string[] {
  const xml = readFileSync(file, 'utf8');
  return sitemapLocs(xml).map((loc) => {
    const pathname = new URL(loc.trim()).pathname;
    if (!pathname.startsWith(base)) throw new Error(`${file} lists ${pathname}, outside the site's base URL ${base}`);
    return `/${pathname.slice(base.length)}`;
  });
}

/** The file `docusaurus serve` answers a path with (cleanUrls): x/index.html or x.html. */
export function htmlFileFor(urlPath: string, buildDir = BUILD_DIR): string | undefined {
  const relative = decodeURIComponent(urlPath).replace(/^\/+|\/+$/g, '');
  const candidates = relative === '' ? ['index.html'] : [path.join(relative, 'index.html'), `${relative}.html`];
  return candidates.map((candidate) => path.join(buildDir, candidate)).find((file) => existsSync(file));
}

/**
 * Every page of every locale, from the build's sitemaps (never a hand-kept list): a page
 * added to the docs is tested as soon as it is built. Each path must resolve to an HTML
 * file of the build whose `<html lang>` is its locale's.
 */
export function sitePages(buildDir = BUILD_DIR): SitePage[] {
  const pages: SitePage[] = [];
  const base = buildBaseUrl(buildDir);
  for (const { locale, prefix } of buildLocales(buildDir)) {
    const sitemap = path.join(buildDir, prefix, 'sitemap.xml');
    for (const urlPath of sitemapPaths(sitemap, base)) {
      if (!urlPath.startsWith(`${prefix}/`)) {
        throw new Error(`${sitemap} lists ${urlPath}, outside its locale's ${prefix}/`);
      }
      const file = htmlFileFor(urlPath, buildDir);
      if (!file) throw new Error(`${sitemap} lists ${urlPath}, but the build has no HTML file for it`);
      const lang = htmlLang(file);
      if (lang !== locale) throw new Error(`${path.relative(buildDir, file)} has <html lang="${lang}">, expected "${locale}"`);
      const localPath = urlPath.slice(prefix.length) || '/';
      const name = localPath.replace(/^\/+|\/+$/g, '').replaceAll('/', '__') || 'index';
      pages.push({ locale, path: urlPath, localPath, name });
    }
  }
  return pages.sort((a, b) => a.locale.localeCompare(b.locale) || a.localPath.localeCompare(b.localPath));
}

/** The path of `page` in another locale. */
export function pathInLocale(localPath: string, locale: string, buildDir = BUILD_DIR): string {
  const { prefix } = buildLocales(buildDir).find((l) => l.locale === locale) ?? { prefix: `/${locale}` };
  return localPath === '/' && prefix ? `${prefix}/` : `${prefix}${localPath}`;
}

/** figureIdsIn's answers, by file and its mtime: the site tests ask for each page's several times while they collect, and parsing is the cost. */
const figureIdsRead = new Map<string, string[]>();

/** The snippet figures' ids in a page's static HTML, in page order. */
export function figureIdsIn(page: SitePage, buildDir = BUILD_DIR): string[] {
  const file = htmlFileFor(page.path, buildDir);
  if (!file) throw new Error(`no HTML file for ${page.path}`);
  const key = `${file}\u0000${statSync(file).mtimeMs}`;
  if (!figureIdsRead.has(key)) figureIdsRead.set(key, figureIds(readFileSync(file, 'utf8')));
  return [...figureIdsRead.get(key)!];
}

/** The text of a page's static HTML, scripts left out, to check a search term occurs. */
export function pageText(page: SitePage, buildDir = BUILD_DIR): string {
  const file = htmlFileFor(page.path, buildDir);
  if (!file) throw new Error(`no HTML file for ${page.path}`);
  return textOf(readFileSync(file, 'utf8'));
}

/** The docs versions of the build, by the path prefix Docusaurus gives them (versions.json; the current version has none). */
export const VERSION_PREFIXES = { '1.x': '/1.x', '0.33': '/0.33', canvas: '' } as const;
export type SiteVersion = keyof typeof VERSION_PREFIXES;

/** Which docs version a locale-less path is in, and the doc's path within that version. */
export function versionOfPath(localPath: string): { version: SiteVersion; docPath: string } {
  for (const [version, prefix] of Object.entries(VERSION_PREFIXES) as [SiteVersion, string][]) {
    if (prefix && (localPath === prefix || localPath.startsWith(`${prefix}/`))) return { version, docPath: localPath.slice(prefix.length) || '/' };
  }
  return { version: 'canvas', docPath: localPath };
}

/** A page's static HTML. */
export function pageHtml(page: SitePage, buildDir = BUILD_DIR): string {
  const file = htmlFileFor(page.path, buildDir);
  if (!file) throw new Error(`no HTML file for ${page.path}`);
  return readFileSync(file, 'utf8');
}
