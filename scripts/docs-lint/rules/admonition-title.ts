import { report } from '../report';
import type { Rule } from './rule';

const ID = 'admonition-title';
/** `:::danger Some title`: a title after a space, outside brackets. */
const LEGACY_TITLE = /^(\s*):::(\w+)[ \t]+(\S.*?)\s*$/;

/**
 * With Docusaurus' v4 future flags the MDX 1 admonition syntax is off (mdx1Compat.admonitions),
 * so `:::danger Title` is no admonition at all: the page shows the colons and the title as a
 * paragraph, and a warning looks like any other text. The title goes in brackets.
 */
export const admonitionTitle: Rule = {
  id: ID,
  check(site) {
    for (const page of site.pages) {
      const lines = String(page.file.value).split('\n');
      let fenced = false;
      for (const [index, line] of lines.entries()) {
        if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
        const match = fenced ? null : LEGACY_TITLE.exec(line);
        if (!match) continue;
        const [, indent, type, title] = match;
        report(
          page.file,
          ID,
          `Unexpected admonition title after a space, which renders as a paragraph with the colons, expected \`:::${type}[${title}]\``,
          { line: index + 1, column: indent!.length + 1 },
        );
      }
    }
  },
};
