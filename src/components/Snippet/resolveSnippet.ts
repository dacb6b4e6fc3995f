import { SNIPPETS, getSnippet, isSnippetId, type Snippet } from '../../snippets';

/**
 * The snippet a page names. An unknown id throws during the static build, so a typo in
 * `<Snippet id="..."/>` fails `docusaurus build` instead of publishing an empty block.
 */
export function resolveSnippet(id: string): Snippet {
  if (!isSnippetId(id)) {
    const known = Object.keys(SNIPPETS).join(', ');
    throw new Error(
      `Unknown snippet id "${id}" in <Snippet id="${id}"/>, expected one of: ${known} (src/snippets/registry.ts)`,
    );
  }
  return getSnippet(id);
}
