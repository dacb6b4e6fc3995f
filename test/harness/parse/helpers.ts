import { translator, type Locale } from '../../../src/i18n';
import { getSnippet, renderSnippet, type Snippet } from '../../../src/snippets';
import { SnippetParseError } from '../../../scripts/harness/parse';

export const render = (snippet: Snippet, locale: Locale): string => {
  const t = translator(locale);
  return renderSnippet(snippet, (key) => t(key));
};

/** A 0.33 snippet's text, by id (the parse tests use that version's commands). */
export const renderId = (id: string, locale: Locale = 'en'): string => render(getSnippet('0.33', id), locale);

const POSITION_KEYS = new Set(['offset', 'end', 'line', 'column']);

/** The same value without positions, so texts whose comments differ in length compare equal. */
export function withoutPositions(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutPositions);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).filter(([key]) => !POSITION_KEYS.has(key)).map(([key, inner]) => [key, withoutPositions(inner)]),
    );
  }
  return value;
}

/** 1-based line and column of the first occurrence of `needle` in `text`. */
export function positionOf(text: string, needle: string, from = 0): { line: number; column: number } {
  const index = text.indexOf(needle, from);
  if (index < 0) throw new Error(`${JSON.stringify(needle)} not in text`);
  const before = text.slice(0, index);
  return { line: before.split('\n').length, column: index - before.lastIndexOf('\n') };
}

/** Runs `action` and returns the SnippetParseError it must throw. */
export async function parseError(action: () => Promise<unknown>): Promise<SnippetParseError> {
  try {
    await action();
  } catch (error) {
    if (error instanceof SnippetParseError) return error;
    throw error;
  }
  throw new Error('expected a SnippetParseError, but parsing succeeded');
}
