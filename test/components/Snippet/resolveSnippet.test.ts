import { describe, expect, it } from 'vitest';
import { resolveSnippet } from '../../../src/components/Snippet/resolveSnippet';
import { registryOf } from '../../../src/snippets';

describe('resolveSnippet', () => {
  it('returns the registry entry of the page\'s version with its id', () => {
    const snippet = resolveSnippet('0.33', 'network-binding');
    expect(snippet).toMatchObject({ version: '0.33', id: 'network-binding', caption: registryOf('0.33')['network-binding']!.caption });
  });

  it('names the unknown id, the version and every valid id of that version', () => {
    let message = '';
    try {
      resolveSnippet('0.33', 'network-bindng');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('"network-bindng"');
    expect(message).toContain('OpenHands version 0.33');
    for (const id of Object.keys(registryOf('0.33'))) expect(message).toContain(id);
  });
});
