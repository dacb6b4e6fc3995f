import type { Root } from 'mdast';
import remarkDirective from 'remark-directive';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

/**
 * The syntax Docusaurus' MDX loader accepts (front matter, directives for admonitions,
 * GFM, MDX), so a page this parser rejects would also fail `docusaurus build`, and
 * every page parses the same way whether it ends in .md or .mdx (the site's default
 * `markdown.format` is 'mdx').
 */
const processor = unified().use(remarkParse).use(remarkMdx).use(remarkFrontmatter).use(remarkDirective).use(remarkGfm);

const HEADING_LINE = /^#{1,6}(?!#)/;

/**
 * Docusaurus' `mdx1Compat.headingIds` escapes `{#id}` on heading lines before MDX sees
 * it (a bare `{` starts a JavaScript expression). Doing the same keeps line numbers;
 * columns after the `{` on those lines shift by one, which no rule reports on.
 */
export function escapeHeadingIds(text: string): string {
  return text
    .split('\n')
    .map((line) => (HEADING_LINE.test(line) ? line.replace(/(?<!\\)\{#/, '\\{#') : line))
    .join('\n');
}

/** Throws a VFileMessage-like error (with `place`) when the page is not valid MDX. */
export function parsePage(text: string): Root {
  return processor.parse(escapeHeadingIds(text));
}
