import { describe, expect, it } from 'vitest';
import { resolveSnippet } from '../../../src/components/Snippet/resolveSnippet';
import { SNIPPETS } from '../../../src/snippets';

describe('resolveSnippet', () => {
  it('returns the registry entry with its id', () => {
    const snippet = resolveSnippet('network-binding');
    expect(snippet.id).toBe('network-binding');
    expect(snippet.caption).toBe(SNIPPETS['network-binding'].caption);
  });

  it('names the unknown id and lists every valid one', () => {
    let message = '';
    try {
      resolveSnippet('network-bindng');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('"network-bindng"');
    for (const id of Object.keys(SNIPPETS)) expect(message).toContain(id);
  });
});
