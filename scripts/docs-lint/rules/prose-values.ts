import type { Nodes, Root, RootContent } from 'mdast';
import { SKIP, visit } from 'unist-util-visit';
import type { SnippetSpec } from '../../../src/snippets/snippet';
import { isJsxElement, snippetUses } from '../../../src/doc-pages/tree';
import { codeValue, textValues, type ProseValue } from '../prose-values/extract';
import { isKnown, knownValues, type KnownValues } from '../prose-values/known';
import { nearest } from '../nearest';
import { report } from '../report';
import { versionOf, type Page, type Registry, type Site } from '../site';
import type { Point } from 'unist';
import { keyPoint } from '../source-points';
import type { Rule } from './rule';

const ID = 'prose-value';
const FACTS_FILE = 'src/snippets/versions/<version>/facts.ts';

/** Shown when the value is close to one the page does use, which is the usual case: a number that went stale. */
function hint(value: ProseValue, known: KnownValues): string {
  switch (value.kind) {
    case 'memory':
      return known.memory.size ? ` (the page's commands set ${[...known.memory].map((b) => `${Number(b) / 1024 ** 3} GiB`).join(', ')})` : '';
    case 'cpus':
      return known.cpus.size ? ` (the page's commands set --cpus=${[...known.cpus].join(', --cpus=')})` : '';
    case 'port':
      return '';
    case 'address':
    case 'literal': {
      const words = known.commands.flatMap((command) => command.split(/\s+/));
      const flag = /^-/.test(value.normal) ? value.normal.split(/[=\s]/)[0] : undefined;
      const sameFlag = flag ? known.commands.map((c) => new RegExp(`${flag}[=\\s]\\S+`).exec(c)?.[0]).find(Boolean) : undefined;
      const close = sameFlag ?? nearest(value.normal, words);
      return close ? ` (did the command change? the page's snippets say \`${close}\`)` : '';
    }
  }
}

const reason = (value: ProseValue, known: KnownValues, where: string) =>
  `Unexpected \`${value.text}\` in ${where}, expected a value that a snippet of this page uses${hint(value, known)} or a fact of ${FACTS_FILE} with its source`;

function specsOf(ids: readonly (string | undefined)[], registry: Registry): SnippetSpec[] {
  return ids.map((id) => (id !== undefined ? registry[id] : undefined)).filter((spec): spec is SnippetSpec => spec !== undefined);
}

/**
 * A page's top-level sections (split at `##` headings): a value in a section's prose must be
 * one of that section's snippets, or of the page's when the section shows none. So the
 * prose next to a command follows that command, not another one further down.
 */
function sections(tree: Root): RootContent[][] {
  const out: RootContent[][] = [[]];
  for (const node of tree.children) {
    if (node.type === 'heading' && node.depth <= 2) out.push([]);
    out[out.length - 1]!.push(node);
  }
  return out;
}

/**
 * The point `offset` characters into a node's text. From the node's line and column, not
 * its offset: the parser saw heading lines with an escaped `{#id}` (src/doc-pages/parse.ts).
 */
function advance(start: Point, offset: number, text: string): Point {
  const lines = text.slice(0, offset).split('\n');
  if (lines.length === 1) return { line: start.line, column: start.column + offset };
  return { line: start.line + lines.length - 1, column: lines[lines.length - 1]!.length + 1 };
}

function checkNode(root: Nodes, known: KnownValues, page: Page, source: string): void {
  visit(root, (node: Nodes) => {
    if (node.type === 'code' || node.type === 'yaml' || node.type === 'mdxjsEsm' || node.type === 'mdxFlowExpression') return SKIP;
    if (isJsxElement(node) && node.name === 'Snippet') return SKIP;
    const start = node.position?.start;
    if (!start) return undefined;
    if (node.type === 'inlineCode') {
      const value = codeValue(node.value);
      // The code span's text starts after its opening backticks.
      const lineText = source.split('\n')[start.line - 1] ?? '';
      const ticks = /^`+/.exec(lineText.slice(start.column - 1))?.[0].length ?? 1;
      if (value && !isKnown(value, known)) report(page.file, ID, reason(value, known, 'running text'), advance(start, ticks + value.offset, node.value));
      return SKIP;
    }
    if (node.type === 'text') {
      for (const value of textValues(node.value)) {
        if (!isKnown(value, known)) report(page.file, ID, reason(value, known, 'running text'), advance(start, value.offset, node.value));
      }
    }
    return undefined;
  });
}

/** Whether the page shows `<VersionComparison/>`: its prose then speaks of every version. */
function comparesVersions(tree: Root): boolean {
  let found = false;
  visit(tree, (node: Nodes) => {
    if (isJsxElement(node) && node.name === 'VersionComparison') found = true;
  });
  return found;
}

/** Running text of a page: everything but code blocks, JSX elements (snippets, tabs) and front matter. */
function checkPage(page: Page, site: Site): void {
  const tree = page.tree!;
  const source = String(page.file.value);
  const { registry, facts } = versionOf(site, page);
  const factValues = Object.values(facts).map((fact) => fact.value);
  if (comparesVersions(tree)) {
    // The comparison page states values of every version: any version's snippet or fact.
    const all = site.versions.flatMap((version) => Object.values(version.registry));
    const allFacts = site.versions.flatMap((version) => Object.values(version.facts).map((fact) => fact.value));
    checkNode(tree, knownValues(all, allFacts), page, source);
    return;
  }
  const pageSpecs = specsOf(snippetUses(tree).map((use) => use.id), registry);
  for (const section of sections(tree)) {
    const root: Root = { type: 'root', children: section };
    const own = specsOf(snippetUses(root).map((use) => use.id), registry);
    checkNode(root, knownValues(own.length > 0 ? own : pageSpecs, factValues), page, source);
  }
}

/** Captions and comment lines belong to one snippet: their values must be that snippet's. */
function checkMessages(site: Site): void {
  for (const catalog of Object.values(site.catalogs)) {
    if (!catalog.entries) continue;
    const text = String(catalog.file.value);
    for (const version of site.versions) for (const spec of Object.values(version.registry)) {
      const known = knownValues([spec], Object.values(version.facts).map((fact) => fact.value));
      const keys = [spec.caption, ...spec.steps.flatMap((step) => (step.comment ? [step.comment] : []))];
      for (const key of new Set(keys)) {
        const message = catalog.entries[key];
        if (message === undefined) continue;
        for (const value of textValues(message)) {
          if (!isKnown(value, known)) report(catalog.file, ID, reason(value, known, `message \`${key}\``), keyPoint(text, key));
        }
      }
    }
  }
}

export const proseValues: Rule = {
  id: ID,
  check(site) {
    for (const page of site.pages) if (page.tree) checkPage(page, site);
    checkMessages(site);
  },
};
