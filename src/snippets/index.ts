import type { Snippet } from './snippet';
import { SNIPPETS, type SnippetId } from './registry';
import { requiresChain } from './requires';

export { SNIPPETS, type SnippetId } from './registry';
export type { Snippet, SnippetSpec, Step } from './snippet';
export type { Claim, ClaimKind } from './claims';
export { renderSnippet, renderCommand, renderWord, type Translate } from './render';

export function isSnippetId(id: string): id is SnippetId {
  return Object.hasOwn(SNIPPETS, id);
}

/** All snippets in registry order, with their ids. */
export function allSnippets(): Snippet[] {
  return Object.entries(SNIPPETS).map(([id, spec]) => ({ id, ...spec }));
}

export function getSnippet(id: SnippetId): Snippet {
  return { id, ...SNIPPETS[id] };
}

export { snippetHash } from './hash';

/** The snippets a snippet requires, transitively, in the order a reader runs them. */
export function requiredSnippets(snippet: Snippet): Snippet[] {
  const unknown = (snippet.requires ?? []).find((id) => !isSnippetId(id));
  if (unknown) throw new Error(`snippet ${snippet.id}: requires unknown snippet "${unknown}"`);
  const requiresOf = (id: string) => (isSnippetId(id) ? (getSnippet(id).requires ?? []) : undefined);
  return requiresChain(snippet.id, requiresOf).map((id) => getSnippet(id as SnippetId));
}
