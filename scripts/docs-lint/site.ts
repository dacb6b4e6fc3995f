import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Root } from 'mdast';
import { VFile } from 'vfile';
import type { Point } from 'unist';
import { LOCALES, type Locale } from '../../src/i18n/messages';
import { pageDir, readPageSources } from '../../src/doc-pages/files';
import { parsePage } from '../../src/doc-pages/parse';
import type { SnippetSpec } from '../../src/snippets/snippet';
import { VERSIONS, VERSION_IDS, type VersionId } from '../../src/snippets/versions';
import type { StatedFact } from '../../src/snippets/versions/facts';
import type { ReleaseLine } from '../../src/snippets/versions/release-facts';
import { report } from './report';
import { pointAt } from './source-points';

export type Registry = Readonly<Record<string, SnippetSpec>>;
export type Facts = Readonly<Record<string, StatedFact>>;
export const MESSAGE_FILES: Readonly<Record<Locale, string>> = { en: 'src/i18n/en.json', ja: 'src/i18n/ja.json' };
export const registryFile = (version: VersionId) => `src/snippets/versions/${version}/registry.ts`;
/** The Japanese terminology table contributors follow (README, "Translate"). */
export const TERMINOLOGY_FILE = 'i18n/ja/terminology.md';
/** Docusaurus' theme and sidebar translations of the ja locale: text readers see too. */
const THEME_TRANSLATIONS_DIR = 'i18n/ja';

export interface Page {
  readonly version: VersionId;
  readonly locale: Locale;
  /** Path inside the locale's folder without extension: the same page in both locales. */
  readonly slug: string;
  readonly file: VFile;
  /** Undefined when the page is not valid MDX (reported as `parse`). */
  readonly tree: Root | undefined;
}

export interface MessageCatalog {
  readonly locale: Locale;
  readonly file: VFile;
  /** Undefined when the file is missing or not a flat JSON object of strings. */
  readonly entries: Readonly<Record<string, string>> | undefined;
}

/** One OpenHands version of the site: its commands and the facts its pages may state. */
export interface SiteVersion {
  readonly version: VersionId;
  readonly registry: Registry;
  readonly facts: Facts;
  /** The registry's source; messages about snippets point into it. Empty if it does not exist. */
  readonly registryFile: VFile;
  /** The release the version's pages document, and its release line when it has one (release-range). */
  readonly release: string | undefined;
  readonly releaseLine: ReleaseLine | undefined;
}

export interface Site {
  readonly root: string;
  readonly pages: readonly Page[];
  readonly catalogs: Readonly<Record<Locale, MessageCatalog>>;
  /** The versions that have commands or pages. */
  readonly versions: readonly SiteVersion[];
  /** Files that are not pages, catalogs or the registry but carry messages (e.g. a missing folder). */
  readonly otherFiles: readonly VFile[];
  /** The ja theme and sidebar translation files: every JSON file under i18n/ja. */
  readonly themeTranslations: readonly VFile[];
  /** The terminology table; undefined when the site has none. */
  readonly terminology: VFile | undefined;
}

async function readIfExists(file: string): Promise<string | undefined> {
  return existsSync(file) ? readFile(file, 'utf8') : undefined;
}

function errorPoint(error: unknown): Point | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { place, line, column } = error as { place?: unknown; line?: unknown; column?: unknown };
  if (place && typeof place === 'object' && 'line' in place) {
    return 'start' in place ? (place.start as Point) : (place as Point);
  }
  return typeof line === 'number' && typeof column === 'number' ? { line, column } : undefined;
}

async function loadPages(root: string, version: VersionId, locale: Locale, otherFiles: VFile[]): Promise<Page[]> {
  const sources = await readPageSources(root, version, locale);
  if (!sources) {
    const dir = pageDir(version, locale);
    const missing = new VFile({ cwd: root, path: dir });
    report(missing, 'missing-file', `Unexpected missing folder \`${dir}/\`, expected the ${locale} pages in it`);
    otherFiles.push(missing);
    return [];
  }
  return sources.map(({ slug, path: relative, text }) => {
    const file = new VFile({ cwd: root, path: relative, value: text });
    let tree: Root | undefined;
    try {
      tree = parsePage(text);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      report(file, 'parse', `Unexpected MDX syntax, expected a page Docusaurus can compile: ${reason}`, errorPoint(error));
    }
    return { version, locale, slug, file, tree };
  });
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((entry) => typeof entry === 'string')
  );
}

async function loadCatalog(root: string, locale: Locale): Promise<MessageCatalog> {
  const relative = MESSAGE_FILES[locale];
  const value = await readIfExists(path.join(root, relative));
  const file = new VFile({ cwd: root, path: relative, value: value ?? '' });
  if (value === undefined) {
    report(file, 'missing-file', `Unexpected missing file \`${relative}\`, expected the ${locale} messages`);
    return { locale, file, entries: undefined };
  }
  try {
    const parsed: unknown = JSON.parse(value);
    if (isStringRecord(parsed)) return { locale, file, entries: parsed };
    report(file, 'i18n-keys', 'Unexpected JSON value, expected a flat object of string messages', { line: 1, column: 1 });
  } catch (error) {
    const offset = Number(/position (\d+)/.exec(String(error))?.[1] ?? 0);
    report(file, 'i18n-keys', `Unexpected invalid JSON (${String(error)}), expected a flat object of string messages`, pointAt(value, offset));
  }
  return { locale, file, entries: undefined };
}

async function loadThemeTranslations(root: string): Promise<VFile[]> {
  const dir = path.join(root, THEME_TRANSLATIONS_DIR);
  if (!existsSync(dir)) return [];
  const entries = (await readdir(dir, { recursive: true })).filter((entry) => entry.endsWith('.json')).sort();
  return Promise.all(
    entries.map(async (entry) => {
      const relative = `${THEME_TRANSLATIONS_DIR}/${entry.split(path.sep).join('/')}`;
      return new VFile({ cwd: root, path: relative, value: await readFile(path.join(root, relative), 'utf8') });
    }),
  );
}

/** Each version's registry and facts; tests pass a fixture's instead of the real ones. */
export type SiteRegistries = Readonly<
  Partial<Record<VersionId, { readonly registry: Registry; readonly facts?: Facts; readonly release?: string; readonly releaseLine?: ReleaseLine }>>
>;

export const REAL_REGISTRIES: SiteRegistries = Object.fromEntries(
  VERSION_IDS.map((version) => {
    const { snippets, facts, profile, releases } = VERSIONS[version];
    return [version, { registry: snippets, facts, release: profile.release, releaseLine: releases }];
  }),
);

export async function loadSite(root: string, registries: SiteRegistries = REAL_REGISTRIES): Promise<Site> {
  const otherFiles: VFile[] = [];
  const versions: SiteVersion[] = [];
  for (const version of VERSION_IDS) {
    const entry = registries[version] ?? { registry: {} };
    // A version with commands needs pages; a version with pages is checked even without commands.
    if (Object.keys(entry.registry).length === 0 && !existsSync(path.join(root, pageDir(version, 'en')))) continue;
    const file = registryFile(version);
    const registryVFile = new VFile({ cwd: root, path: file, value: (await readIfExists(path.join(root, file))) ?? '' });
    versions.push({
      version,
      registry: entry.registry,
      facts: entry.facts ?? {},
      registryFile: registryVFile,
      release: entry.release,
      releaseLine: entry.releaseLine,
    });
  }
  const pages = (
    await Promise.all(versions.flatMap(({ version }) => LOCALES.map((locale) => loadPages(root, version, locale, otherFiles))))
  ).flat();
  const [en, ja] = await Promise.all([loadCatalog(root, 'en'), loadCatalog(root, 'ja')]);
  const terminologyText = await readIfExists(path.join(root, TERMINOLOGY_FILE));
  const terminology = terminologyText === undefined ? undefined : new VFile({ cwd: root, path: TERMINOLOGY_FILE, value: terminologyText });
  const themeTranslations = await loadThemeTranslations(root);
  return { root, pages, catalogs: { en, ja }, versions, otherFiles, themeTranslations, terminology };
}

/** The version a page belongs to. */
export function versionOf(site: Site, page: Page): SiteVersion {
  const found = site.versions.find((v) => v.version === page.version);
  if (!found) throw new Error(`page ${page.file.path} of version ${page.version}, which has no registry`);
  return found;
}

/** Every file a check can report on, in a stable order. */
export function siteFiles(site: Site): VFile[] {
  const files = [
    ...site.pages.map((page) => page.file),
    site.catalogs.en.file,
    site.catalogs.ja.file,
    ...site.versions.map((v) => v.registryFile),
    ...site.otherFiles,
    ...site.themeTranslations.filter((file) => file.messages.length > 0),
    ...(site.terminology && site.terminology.messages.length > 0 ? [site.terminology] : []),
  ];
  return files.sort((a, b) => a.path.localeCompare(b.path));
}
