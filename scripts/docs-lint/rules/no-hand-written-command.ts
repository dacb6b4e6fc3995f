import type { Code, Nodes } from 'mdast';
import type { Point } from 'unist';
import { SKIP, visit } from 'unist-util-visit';
import { firstCommandLine } from '../looks-like-command';
import { isJsxElement, nodeText } from '../../../src/doc-pages/tree';
import { report } from '../report';
import { lineStart } from '../source-points';
import type { Rule } from './rule';

const ID = 'no-hand-written-command';
/** JSX that renders its children as a code block. */
const CODE_ELEMENTS = new Set(['pre', 'code', 'CodeBlock']);
const STRING_LITERAL = /^\s*(['"`])([\s\S]*)\1\s*$/;
const MAX_SHOWN = 60;

const shown = (command: string) => (command.length > MAX_SHOWN ? `${command.slice(0, MAX_SHOWN)}…` : command);
const reason = (command: string, where: string) =>
  `Unexpected hand-written command \`${shown(command)}\` in ${where}, expected \`<Snippet id="..."/>\` with a command of its version's registry (src/snippets/versions/<version>/registry.ts)`;

/** A fence's content starts on the line after the opening fence; indented code on its own line. */
function contentStartLine(code: Code, source: string): number | undefined {
  const start = code.position?.start;
  if (!start) return undefined;
  const opening = source.slice(start.offset ?? 0).trimStart();
  return opening.startsWith('```') || opening.startsWith('~~~') ? start.line + 1 : start.line;
}

/**
 * Text a JSX code element shows, block by block (a paragraph as a whole, since GFM
 * splits its text at autolinks), each with where it starts.
 */
function shownText(node: Nodes): { text: string; start: Point | undefined }[] {
  const start = node.position?.start;
  switch (node.type) {
    case 'paragraph':
    case 'heading':
      return [{ text: nodeText(node), start }];
    case 'text':
    case 'inlineCode':
    case 'code':
      return [{ text: node.value, start }];
    case 'mdxFlowExpression':
    case 'mdxTextExpression': {
      const literal = STRING_LITERAL.exec(node.value)?.[2];
      return literal === undefined ? [] : [{ text: literal, start }];
    }
    default:
      return 'children' in node ? (node.children as Nodes[]).flatMap(shownText) : [];
  }
}

export const noHandWrittenCommand: Rule = {
  id: ID,
  check(site) {
    for (const page of site.pages) {
      if (!page.tree) continue;
      const source = String(page.file.value);
      visit(page.tree, (node) => {
        if (node.type === 'code') {
          const command = firstCommandLine(node.value);
          const first = contentStartLine(node, source);
          if (command && first !== undefined) {
            report(page.file, ID, reason(command.text, 'a code block'), lineStart(source, first + command.index));
          }
          return SKIP;
        }
        if (isJsxElement(node) && node.name && CODE_ELEMENTS.has(node.name) && (node.type === 'mdxJsxFlowElement' || node.name !== 'code')) {
          for (const part of node.children.flatMap((child) => shownText(child as Nodes))) {
            const command = firstCommandLine(part.text);
            if (!command) continue;
            const place = part.start && (command.index === 0 ? part.start : lineStart(source, part.start.line + command.index));
            report(page.file, ID, reason(command.text, `a \`<${node.name}>\` element`), place);
            break;
          }
          return SKIP;
        }
        return undefined;
      });
    }
  },
};
