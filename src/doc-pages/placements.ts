import { VERSION_IDS, type VersionId } from '../snippets/versions/ids';
import { readPageSources } from './files';
import { parsePage } from './parse';
import { snippetUses } from './tree';

/** A `<Snippet id>` on a page: which snippet, and the page that shows it. */
export interface PlacedSnippet {
  readonly version: VersionId;
  readonly snippetId: string;
  /** The page's slug, the same in every locale. */
  readonly slug: string;
  /** The English page's file, relative to the site root. */
  readonly file: string;
}

/**
 * Where each snippet is shown, read from the English pages (the docs rule locale-parity
 * keeps the other locales the same). A page that is not valid MDX places nothing: the
 * build and `npm run check:docs` report it.
 */
export async function snippetPlacements(root: string): Promise<PlacedSnippet[]> {
  const placements: PlacedSnippet[] = [];
  for (const version of VERSION_IDS) {
    for (const page of (await readPageSources(root, version, 'en')) ?? []) {
      let tree;
      try {
        tree = parsePage(page.text);
      } catch {
        continue;
      }
      for (const use of snippetUses(tree)) {
        if (use.id && use.element === 'Snippet') placements.push({ version, snippetId: use.id, slug: page.slug, file: page.path });
      }
    }
  }
  return placements;
}
