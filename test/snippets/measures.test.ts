/**
 * Each version's measures (src/snippets/versions/<version>/measures.ts) describe its hardened
 * page as the page is: every section a row links to is a heading of that page in every locale,
 * every snippet a row counts is on the page, and every command of the page is some row's, or
 * listed below with the reason it is none.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pageDir } from '../../src/doc-pages/files';
import { parsePage } from '../../src/doc-pages/parse';
import { pageHeadings, snippetUses } from '../../src/doc-pages/tree';
import { LOCALES } from '../../src/i18n/messages';
import { VERSIONS, VERSION_IDS } from '../../src/snippets/versions';
import { firstMeasures } from '../../src/snippets/versions/measures';

const ROOT = path.resolve(__dirname, '../..');

/** Commands of a hardened page that are no measure of their own. */
const NOT_MEASURES: Readonly<Record<string, string>> = {
  'hardened-cleanup': 'removes what the page started',
  'socket-proxy-cleanup': 'removes what the socket proxy section started',
  'events-log': 'keeps the agent\'s event log before the app is removed',
  'rootless-run': 'the rootless variant of a command, under its platform',
};

describe.each(VERSION_IDS)('the measures of %s', (version) => {
  const { measures, snippets } = VERSIONS[version];
  it.each(LOCALES)('match its hardened page in %s', (locale) => {
    const file = path.join(pageDir(version, locale), 'hardened-installation.mdx');
    const tree = parsePage(readFileSync(path.join(ROOT, file), 'utf8'));
    const headings = new Set(pageHeadings(tree).map((h) => h.id));
    const used = snippetUses(tree).flatMap((use) => (use.element === 'Snippet' && use.id ? [use.id] : []));
    const problems: string[] = [];
    for (const [id, measure] of Object.entries(measures)) {
      if (!headings.has(measure.section)) problems.push(`${id}: section #${measure.section} is no heading of ${file}`);
      for (const snippet of measure.snippets) {
        if (!Object.hasOwn(snippets, snippet)) problems.push(`${id}: snippet ${snippet} is not in the ${version} registry`);
        else if (!used.includes(snippet)) problems.push(`${id}: snippet ${snippet} is not on ${file}`);
      }
    }
    const counted = new Set(Object.values(measures).flatMap((m) => m.snippets));
    for (const snippet of used) if (!counted.has(snippet) && !Object.hasOwn(NOT_MEASURES, snippet)) problems.push(`snippet ${snippet} on ${file} is no measure's row`);
    const text = readFileSync(path.join(ROOT, file), 'utf8');
    for (const element of ['AtAGlance', 'PlatformMatrix']) if (!new RegExp(`<${element}\\s*/>`).test(text)) problems.push(`${file} has no <${element} />`);
    const { platforms } = VERSIONS[version];
    for (const section of [...Object.values(platforms.engines), ...platforms.cited.map((c) => c.section)]) {
      if (!headings.has(section)) problems.push(`platform section #${section} is no heading of ${file}`);
    }
    expect(problems).toEqual([]);
  });

  it('puts two or three measures first, each with a place of its own', () => {
    const ranks = firstMeasures(measures).map(([, m]) => m.first!.rank);
    expect(ranks.length).toBeGreaterThanOrEqual(2);
    expect(ranks.length).toBeLessThanOrEqual(3);
    expect(ranks).toEqual(ranks.map((_, index) => index + 1));
  });
});
