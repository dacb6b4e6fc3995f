/**
 * Where the pages of each version and locale are and what they hold, read the way
 * Docusaurus reads them. The site's build plugins (src/plugins) and the docs rules
 * (scripts/docs-lint) both read pages through this module, so they agree on which pages
 * there are; it imports nothing of either.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { DOCS_VERSION_OF as DOCS_VERSION } from '../evidence/docsVersion';
import type { Locale } from '../i18n/messages';
import type { VersionId } from '../snippets/versions/ids';

/** Where Docusaurus reads each version's pages in each locale, relative to the site root. */
export function pageDir(version: VersionId, locale: Locale): string {
  const docs = DOCS_VERSION[version];
  if (locale === 'en') return docs === 'current' ? 'docs' : `versioned_docs/version-${docs}`;
  return `i18n/${locale}/docusaurus-plugin-content-docs/${docs === 'current' ? 'current' : `version-${docs}`}`;
}

export const PAGE_EXTENSION = /\.mdx?$/;

/** One page's source, before it is parsed. */
export interface PageSource {
  readonly version: VersionId;
  readonly locale: Locale;
  /** Path inside the locale's folder without extension: the same page in both locales. */
  readonly slug: string;
  /** The file, relative to the site root, with `/` separators. */
  readonly path: string;
  readonly text: string;
}

/** The pages of one version and locale in path order; undefined when its folder does not exist. */
export async function readPageSources(root: string, version: VersionId, locale: Locale): Promise<PageSource[] | undefined> {
  const dir = pageDir(version, locale);
  if (!existsSync(path.join(root, dir))) return undefined;
  const entries = (await readdir(path.join(root, dir), { recursive: true }))
    .filter((entry) => PAGE_EXTENSION.test(entry))
    .map((entry) => entry.split(path.sep).join('/'))
    .sort();
  return Promise.all(
    entries.map(async (entry) => {
      const relative = `${dir}/${entry}`;
      const text = await readFile(path.join(root, relative), 'utf8');
      return { version, locale, slug: entry.replace(PAGE_EXTENSION, ''), path: relative, text };
    }),
  );
}
