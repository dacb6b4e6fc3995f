import type { Snippet } from './snippet';

/**
 * A short, stable fingerprint of a registry entry and the entries it requires. The
 * report records it, so the site can tell a report that predates a change to the
 * snippet from one that verified it. FNV-1a: no Node crypto in the browser bundle.
 */
export function snippetHash(snippet: Snippet, required: readonly Snippet[] = []): string {
  const text = JSON.stringify([snippet, ...required]);
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}
