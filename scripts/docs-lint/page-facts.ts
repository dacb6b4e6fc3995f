import type { Heading, Nodes, Root, RootContent } from 'mdast';
import type { Position } from 'unist';
import { visit } from 'unist-util-visit';

type JsxElement = Extract<RootContent, { type: 'mdxJsxFlowElement' | 'mdxJsxTextElement' }>;

/** A `<Snippet .../>` element: its literal id, or why it has none. */
export type SnippetUse =
  | { readonly id: string; readonly position: Position | undefined }
  | { readonly id: undefined; readonly problem: string; readonly position: Position | undefined };

export interface PageHeading {
  readonly depth: Heading['depth'];
  readonly text: string;
  /** The explicit `{#id}`, if the heading has one. */
  readonly id: string | undefined;
  readonly position: Position | undefined;
}

/** The text a node shows, without markup. */
export function nodeText(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string' && node.type !== 'mdxjsEsm') return node.value;
  if ('children' in node) return (node.children as Nodes[]).map(nodeText).join('');
  return '';
}

export function isJsxElement(node: Nodes): node is JsxElement {
  return node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement';
}

function snippetUse(element: JsxElement): SnippetUse {
  const idAttribute = element.attributes.find(
    (attribute) => attribute.type === 'mdxJsxAttribute' && attribute.name === 'id',
  );
  const position = idAttribute?.position ?? element.position;
  if (!idAttribute || idAttribute.type !== 'mdxJsxAttribute') {
    return { id: undefined, problem: '`<Snippet>` without an `id`', position };
  }
  if (typeof idAttribute.value !== 'string') {
    const shown = idAttribute.value ? `id={${idAttribute.value.value}}` : 'id';
    return { id: undefined, problem: `\`<Snippet ${shown}>\` without a literal id`, position };
  }
  return { id: idAttribute.value, position };
}

/** Every `<Snippet>` of a page, in document order. */
export function snippetUses(tree: Root): SnippetUse[] {
  const uses: SnippetUse[] = [];
  visit(tree, (node) => {
    if (isJsxElement(node) && node.name === 'Snippet') uses.push(snippetUse(node));
  });
  return uses;
}

/** Docusaurus' classic heading id syntax, `## Title {#some-id}`, at the end of the heading. */
const HEADING_ID = /\s*\{#([^{}]+)\}$/;

export function pageHeadings(tree: Root): PageHeading[] {
  const headings: PageHeading[] = [];
  visit(tree, 'heading', (heading) => {
    const full = nodeText(heading);
    const match = HEADING_ID.exec(full);
    headings.push({
      depth: heading.depth,
      text: match ? full.slice(0, match.index) : full,
      id: match?.[1]?.trim(),
      position: heading.position,
    });
  });
  return headings;
}
