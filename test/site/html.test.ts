/**
 * The site tests' readers of static HTML (support/html.ts, and tagsIn of support/publishing.ts)
 * on markup as the minified build writes it: unquoted attribute values, end tags left out,
 * React's <!-- --> between text nodes. Each reader is shown telling a passing page from a
 * failing one, so the site tests built on them can fail.
 */
import { describe, expect, it } from 'vitest';
import { claimItems, directiveParagraphs, figureIds, firstParagraph, hasMarkdown, idsIn, langOf, listedRewriteRules, sitemapLocs, textOf } from './support/html';
import { tagsIn } from './support/publishing';

describe('reading the static HTML', () => {
  it('reads every element\'s attributes, quoted or not, entities decoded, and not markup inside a script', () => {
    const html = `<head><link rel=canonical href=https://x.example/a?b=1&amp;c=2><link rel="alternate" hreflang='ja' href=/ja/a>
      <script>document.write("<link rel=stylesheet href=/not-a-tag.css>")</script></head>`;
    expect(tagsIn(html, 'link')).toEqual([
      { rel: 'canonical', href: 'https://x.example/a?b=1&c=2' },
      { rel: 'alternate', hreflang: 'ja', href: '/ja/a' },
    ]);
  });

  it('reads <html lang>, and none from a page without one', () => {
    expect(langOf('<!doctype html><html lang=ja dir=ltr><body>')).toBe('ja');
    expect(langOf('<!doctype html><html><body>')).toBeUndefined();
    expect(langOf('<!doctype html><html lang=""><body>')).toBeUndefined();
  });

  it('reads the snippet figures in page order, and every id', () => {
    const html = '<figure data-snippet-id=canvas/one id=snippet-one><p>x</figure><figure data-snippet-id="1.x/two.b" id="snippet-two.b"></figure><div data-snippet-id=not-a-figure>';
    expect(figureIds(html)).toEqual(['canvas/one', '1.x/two.b']);
    expect(idsIn(html)).toEqual(new Set(['snippet-one', 'snippet-two.b']));
    expect(idsIn(html).has('snippet-twoxb'), 'a dot in an id is a dot').toBe(false);
  });

  it('reads the verification page\'s list of rewrite rules, not the rules a command\'s details repeat', () => {
    const html = '<ul data-rewrite-rules><li data-rewrite-rule=rename>Rename<li data-rewrite-rule="placeholders">Fill</ul><details><ul><li data-rewrite-rule=rename>Renamed</ul></details>';
    expect(listedRewriteRules(html)).toEqual(['rename', 'placeholders']);
    expect(listedRewriteRules('<ul><li data-rewrite-rule=rename></ul>'), 'no list').toEqual([]);
  });

  it('reads each claim\'s result, risk and badge (a snippet figure\'s and the verification table\'s)', () => {
    const figure =
      '<ul><li data-claim-kind=port data-claim-result=verified data-claim-risk><span class="badge" data-claim-badge=confirmed-risk><span aria-hidden=true>⚠</span> <!-- -->Confirmed risk</span> <!-- -->reachable' +
      '<li data-claim-kind=port data-claim-result=failed><span data-claim-badge=failed><span aria-hidden=true>✗</span> <!-- -->Failed</span> closed</ul>';
    const table = '<ul><li data-claim-result=verified data-claim-risk=""><strong data-claim-badge=verified> <!-- -->Verified</strong>: <!-- -->reachable</ul>';
    expect(claimItems(figure)).toEqual([
      { result: 'verified', risk: true, shown: 'confirmed-risk', mark: '⚠', words: 'Confirmed risk' },
      { result: 'failed', risk: false, shown: 'failed', mark: '✗', words: 'Failed' },
    ]);
    // The table shows no mark for a risk it calls verified: what the risk test must catch.
    expect(claimItems(table)).toEqual([{ result: 'verified', risk: true, shown: 'verified', mark: '', words: 'Verified' }]);
  });

  it('finds paragraphs that open with a directive Docusaurus left as text, and no others', () => {
    const html = '<div class=theme-doc-markdown><p>:::danger Take care<p> <!-- -->:::note<p>Ends with :::<p><code>:::</code> is the fence</div>';
    expect(directiveParagraphs(html)).toEqual([':::danger Take care', ':::note']);
    expect(hasMarkdown(html)).toBe(true);
    expect(hasMarkdown('<main><p>no markdown</main>')).toBe(false);
  });

  it('reads the first paragraph below the doc\'s header: its version notes and its links', () => {
    const html =
      '<div class="theme-doc-markdown markdown"><header><h1>Title</h1><p data-version-note=canvas>in the header</header>' +
      '<p class=note data-version-note=1.x>Also for <a href=/0.33/docker-runtime>0.33</a> and <a href="/docker-runtime">Canvas</a><p>Second <a href=/other>x</a></div>';
    expect(firstParagraph(html)).toEqual({ versionNotes: ['1.x'], hrefs: ['/0.33/docker-runtime', '/docker-runtime'] });
    expect(firstParagraph('<div class=theme-doc-markdown><header><h1>T</h1></header><p>No note</div>')).toEqual({ versionNotes: [], hrefs: [] });
    expect(firstParagraph('<main><p data-version-note=1.x>outside</main>'), 'no Markdown content').toBeUndefined();
  });

  it('gives the text without scripts, elements kept apart', () => {
    const text = textOf('<title>鰻</title><p>a</p><p>b</p><script>const term = "鰻丼"</script><p>&lt;tag&gt;');
    expect(text).toContain('鰻');
    expect(text).toContain('<tag>');
    expect(text).not.toContain('鰻丼');
    expect(text).not.toContain('ab');
  });

  it('reads a sitemap\'s addresses', () => {
    const xml = '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://x.example/a?b=1&amp;c=2</loc></url><url><loc>https://x.example/ja/</loc></url></urlset>';
    expect(sitemapLocs(xml)).toEqual(['https://x.example/a?b=1&c=2', 'https://x.example/ja/']);
  });
});
