import { isValidElement, type ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { claimText } from '../../../src/components/Snippet/claimText';
import { LOCALES, translator, type Locale } from '../../../src/i18n';
import { allSnippets, type Claim } from '../../../src/snippets';

/** Markup of the few node kinds claimText produces: text, fragments and <code>. */
function markup(node: ReactNode): string {
  if (node === null || node === undefined || typeof node === 'boolean') return '';
  if (typeof node === 'string' || typeof node === 'number') return String(node);
  if (Array.isArray(node)) return node.map(markup).join('');
  if (isValidElement<{ children?: ReactNode }>(node)) {
    const inner = markup(node.props.children);
    return typeof node.type === 'string' ? `<${node.type}>${inner}</${node.type}>` : inner;
  }
  throw new Error(`Unexpected node ${String(node)}, expected text, fragment or element`);
}

const render = (claim: Claim, locale: Locale) => markup(claimText(claim, { t: translator(locale), locale }));

describe('claimText', () => {
  it('sets names as code and formats bytes in binary units', () => {
    const html = render({ kind: 'memory-limit', container: 'openhands-app', bytes: 4 * 1024 ** 3 }, 'en');
    expect(html).toBe('<code>openhands-app</code> may use at most 4 GiB of memory.');
  });

  it('translates the user and joins networks per locale', () => {
    expect(render({ kind: 'app-runs-as', container: 'openhands-app', user: 'reader' }, 'ja')).toContain('コマンドを実行したユーザー');
    expect(render({ kind: 'networks', container: 'openhands-app', networks: ['openhands-network'] }, 'en')).toContain(
      '<code>openhands-network</code>',
    );
  });

  it('leaves no placeholder or marker in any claim of the registry', () => {
    for (const locale of LOCALES) {
      for (const snippet of allSnippets()) {
        for (const claim of snippet.claims) {
          const html = render(claim, locale);
          expect(html, `${snippet.id} ${claim.kind} (${locale})`).not.toMatch(/\{\{|\u0000|claim\./);
        }
      }
    }
  });
});
