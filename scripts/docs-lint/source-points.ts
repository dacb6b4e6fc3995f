import type { Point } from 'unist';

/** The 1-based line and column of a character offset in `text`. */
export function pointAt(text: string, offset: number): Point {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - (before.lastIndexOf('\n') + 1) + 1;
  return { line, column, offset };
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Where an object key is defined in TypeScript or JSON source (`'id':`, `"id":`, `id:`). */
export function keyPoint(text: string, key: string): Point | undefined {
  const pattern = new RegExp(`(['"]?)${escapeRegExp(key)}\\1\\s*:`);
  const match = pattern.exec(text);
  return match ? pointAt(text, match.index) : undefined;
}

/** Where a quoted string literal (`'text'` or `"text"`) first occurs in source. */
export function stringLiteralPoint(text: string, value: string): Point | undefined {
  const pattern = new RegExp(`(['"])${escapeRegExp(value)}\\1`);
  const match = pattern.exec(text);
  return match ? pointAt(text, match.index) : undefined;
}

/** The point of the first non-blank character of a 1-based line. */
export function lineStart(text: string, line: number): Point {
  const lines = text.split('\n');
  const content = lines[line - 1] ?? '';
  const column = content.length - content.trimStart().length + 1;
  return { line, column };
}
