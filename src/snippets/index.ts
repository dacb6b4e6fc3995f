import type { Snippet } from './snippet';
import { SNIPPETS, type SnippetId } from './registry';

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
