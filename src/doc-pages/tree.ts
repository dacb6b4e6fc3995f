import type { Heading, Nodes, Root, RootContent } from 'mdast';
import type { Position } from 'unist';
import { visit } from 'unist-util-visit';

type JsxElement = Extract<RootContent, { type: 'mdxJsxFlowElement' | 'mdxJsxTextElement' }>;

/** The elements that name a snippet, and the attribute that names it. */
const SNIPPET_ATTRIBUTE = { Snippet: 'id', AuditTable: 'snippet' } as const;
export type SnippetElement = keyof typeof SNIPPET_ATTRIBUTE;

/** A `<Snippet id/>` or `<AuditTable snippet/>` element: its literal snippet id, or why it has none. */
export type SnippetUse = { readonly element: SnippetElement; readonly position: Position | undefined } & (
  | { readonly id: string }
  | { readonly id: undefined; readonly problem: string }
);

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

function snippetUse(element: JsxElement, name: SnippetElement): SnippetUse {
  const attribute = SNIPPET_ATTRIBUTE[name];
  const idAttribute = element.attributes.find(
    (candidate) => candidate.type === 'mdxJsxAttribute' && candidate.name === attribute,
  );
  const position = idAttribute?.position ?? element.position;
  if (!idAttribute || idAttribute.type !== 'mdxJsxAttribute') {
    return { element: name, id: undefined, problem: `\`<${name}>\` without an \`${attribute}\``, position };
  }
  if (typeof idAttribute.value !== 'string') {
    const shown = idAttribute.value ? `${attribute}={${idAttribute.value.value}}` : attribute;
    return { element: name, id: undefined, problem: `\`<${name} ${shown}>\` without a literal id`, position };
  }
  return { element: name, id: idAttribute.value, position };
}

const isSnippetElement = (name: string | null | undefined): name is SnippetElement => !!name && Object.hasOwn(SNIPPET_ATTRIBUTE, name);

/** Every `<Snippet>` and `<AuditTable>` of a page, in document order. */
export function snippetUses(tree: Root): SnippetUse[] {
  const uses: SnippetUse[] = [];
  visit(tree, (node) => {
    if (isJsxElement(node) && isSnippetElement(node.name)) uses.push(snippetUse(node, node.name));
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
