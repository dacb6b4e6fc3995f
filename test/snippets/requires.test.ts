import { describe, expect, it } from 'vitest';
import { requiresChain } from '../../src/snippets/requires';

const graph = (edges: Record<string, string[]>) => (id: string) => edges[id];

describe('requiresChain', () => {
  it('lists requirements transitively, deepest first, each once', () => {
    const requires = graph({ app: ['net', 'proxy'], proxy: ['net'], net: [] });
    expect(requiresChain('app', requires)).toEqual(['net', 'proxy']);
  });

  it('skips unknown ids and cycles, which the validator reports', () => {
    expect(requiresChain('a', graph({ a: ['b', 'ghost'], b: ['a'] }))).toEqual(['b']);
    expect(requiresChain('a', graph({ a: ['a'] }))).toEqual([]);
  });
});
