import { describe, expect, it } from 'vitest';
import { assertCopyable } from '../../../src/components/Snippet/assertCopyable';
import { LOCALES, translator } from '../../../src/i18n';
import { allSnippets, renderSnippet } from '../../../src/snippets';

describe('assertCopyable', () => {
  it('rejects text the copy button would change', () => {
    expect(() => assertCopyable('docker ps\n', 'x')).toThrow(/"x".*newline/);
    expect(() => assertCopyable('# highlight-next-line\ndocker ps', 'x')).toThrow(/magic comment/);
  });

  it('accepts every snippet of the registry in every locale', () => {
    for (const locale of LOCALES) {
      const t = translator(locale);
      for (const snippet of allSnippets()) {
        expect(() => assertCopyable(renderSnippet(snippet, t), snippet.id)).not.toThrow();
      }
    }
  });
});
