import { getSnippet, isSnippetId, registryOf, type Snippet, type VersionId } from '../../snippets';

/**
 * The snippet a page of a version names. An unknown id throws during the static build, so
 * a typo in `<Snippet id="..."/>` fails `docusaurus build` instead of publishing an empty block.
 */
export function resolveSnippet(version: VersionId, id: string): Snippet {
  if (!isSnippetId(version, id)) {
    const known = Object.keys(registryOf(version)).join(', ');
    throw new Error(
      `Unknown snippet id "${id}" in <Snippet id="${id}"/> on a page of OpenHands version ${version}, expected one of: ${known} (src/snippets/versions/${version}/registry.ts)`,
    );
  }
  return getSnippet(version, id);
}
