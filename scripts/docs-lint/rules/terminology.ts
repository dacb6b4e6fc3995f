import type { Table } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { nodeText } from '../../../src/doc-pages/tree';
import { parsePage } from '../../../src/doc-pages/parse';
import { report } from '../report';
import { TERMINOLOGY_FILE, type Site } from '../site';
import { pointAt } from '../source-points';
import type { Rule } from './rule';

const ID = 'ja-terminology';
const COLUMNS = ['English', '使う', '使わない', '注記'] as const;

export interface Term {
  readonly english: string;
  readonly use: string;
  readonly avoid: readonly string[];
  /** Line of the row in the table file. */
  readonly line: number;
}

/** The rows of the table whose header is `| English | 使う | 使わない | 注記 |`. */
export function readTerminology(text: string): Term[] | undefined {
  let table: Table | undefined;
  visit(parsePage(text), 'table', (node) => {
    const header = node.children[0]?.children.map((cell) => nodeText(cell).trim());
    if (!table && JSON.stringify(header) === JSON.stringify(COLUMNS)) table = node;
  });
  if (!table) return undefined;
  return table.children.slice(1).map((row) => {
    const [english = '', use = '', avoid = ''] = row.children.map((cell) => nodeText(cell).trim());
    return {
      english,
      use,
      avoid: avoid
        .split(' / ')
        .map((variant) => variant.trim())
        .filter(Boolean),
      line: row.position?.start.line ?? 1,
    };
  });
}

/** The Japanese text readers see: the ja pages, the ja messages and the ja theme translations. */
function japaneseFiles(site: Site): VFile[] {
  return [...site.pages.filter((page) => page.locale === 'ja').map((page) => page.file), site.catalogs.ja.file, ...site.themeTranslations];
}

export const terminology: Rule = {
  id: ID,
  check(site) {
    const table = site.terminology;
    if (!table) return;
    const terms = readTerminology(String(table.value));
    if (!terms) {
      report(table, ID, `Unexpected ${TERMINOLOGY_FILE} without a table headed | ${COLUMNS.join(' | ')} |, expected one`, { line: 1, column: 1 });
      return;
    }
    // A rejected variant inside a preferred term would flag the preferred term itself.
    for (const term of terms) {
      for (const variant of term.avoid) {
        const clash = terms.find((other) => other.use.includes(variant));
        if (clash) {
          report(table, ID, `Unexpected rejected variant 「${variant}」 inside the preferred term 「${clash.use}」, expected variants that preferred terms do not contain`, { line: term.line, column: 1 });
        }
      }
    }
    for (const file of japaneseFiles(site)) {
      const text = String(file.value);
      for (const term of terms) {
        for (const variant of term.avoid) {
          for (let at = text.indexOf(variant); at >= 0; at = text.indexOf(variant, at + variant.length)) {
            report(file, ID, `Unexpected 「${variant}」, expected 「${term.use}」 for “${term.english}” (${TERMINOLOGY_FILE}:${term.line})`, pointAt(text, at));
          }
        }
      }
    }
  },
};
