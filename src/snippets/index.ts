import type { Snippet, SnippetSpec } from './snippet';
import { requiresChain } from './requires';
import { VERSIONS, VERSION_IDS, type VersionId } from './versions';

export type { Snippet, SnippetSpec, Step } from './snippet';
export type { Claim, ClaimKind, EgressWay, PagePolicy } from './claims';
export { EGRESS_WAYS } from './claims';
export { renderSnippet, renderCommand, renderWord, type Translate } from './render';
export { VERSIONS, VERSION_IDS, isVersionId, type VersionId } from './versions';
export { snippetHash } from './hash';

/** The key of a snippet across versions, `<version>/<id>`: ids repeat from version to version. */
export const snippetKey = (snippet: Pick<Snippet, 'version' | 'id'>): string => `${snippet.version}/${snippet.id}`;

export function registryOf(version: VersionId): Readonly<Record<string, SnippetSpec>> {
  return VERSIONS[version].snippets;
}

export function isSnippetId(version: VersionId, id: string): boolean {
  return Object.hasOwn(registryOf(version), id);
}

/** The snippets of one version, or of every version (newest first), in registry order. */
export function allSnippets(version?: VersionId): Snippet[] {
  const versions = version ? [version] : VERSION_IDS;
  return versions.flatMap((v) => Object.entries(registryOf(v)).map(([id, spec]) => ({ version: v, id, ...spec })));
}

export function getSnippet(version: VersionId, id: string): Snippet {
  const spec = registryOf(version)[id];
  if (!spec) throw new Error(`Unknown snippet "${id}" of OpenHands version ${version}, expected one of: ${Object.keys(registryOf(version)).join(', ')}`);
  return { version, id, ...spec };
}

/** The snippets a snippet requires (of its own version), transitively, in the order a reader runs them. */
export function requiredSnippets(snippet: Snippet): Snippet[] {
  const unknown = (snippet.requires ?? []).find((id) => !isSnippetId(snippet.version, id));
  if (unknown) throw new Error(`snippet ${snippetKey(snippet)}: requires unknown snippet "${unknown}"`);
  const requiresOf = (id: string) => (isSnippetId(snippet.version, id) ? (registryOf(snippet.version)[id]!.requires ?? []) : undefined);
  return requiresChain(snippet.id, requiresOf).map((id) => getSnippet(snippet.version, id));
}
