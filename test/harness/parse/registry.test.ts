import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../../src/i18n';
import { allSnippets, snippetKey } from '../../../src/snippets';
import { checkSnippetText, compareWithRegistry, parseSnippet } from '../../../scripts/harness/parse';
import { render, withoutPositions } from './helpers';

describe.each(allSnippets().map((snippet) => [snippetKey(snippet), snippet] as const))('registry snippet %s', (_, snippet) => {
  it.each(LOCALES)('parses in %s with one command per step, equal to the registry', async (locale) => {
    const text = render(snippet, locale);
    const parsed = await parseSnippet(snippet, text);
    expect(parsed.snippetId).toBe(snippet.id);
    expect(parsed.commands).toHaveLength(snippet.steps.length);
    expect(compareWithRegistry(snippet, parsed)).toEqual([]);
    expect(await checkSnippetText(snippet, text)).toEqual([]);
  });

  it.each(LOCALES)('keeps every word at its place in the %s text', async (locale) => {
    const text = render(snippet, locale);
    const parsed = await parseSnippet(snippet, text);
    for (const { command } of parsed.commands) {
      for (const word of command.words) {
        expect(text.slice(word.offset, word.end)).toBe(word.raw);
        const lines = text.split('\n');
        expect(lines[word.line - 1]!.slice(word.column - 1)).toMatch(new RegExp(`^${word.raw.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
        for (const part of word.parts) expect(part.offset).toBeGreaterThanOrEqual(word.offset);
      }
    }
  });

  it('parses to the same commands in ja and en', async () => {
    const [en, ja] = await Promise.all([parseSnippet(snippet, render(snippet, 'en')), parseSnippet(snippet, render(snippet, 'ja'))]);
    expect(withoutPositions(ja.commands)).toEqual(withoutPositions(en.commands));
  });
});

it('compares ja and en where their texts really differ (comments)', async () => {
  const commented = allSnippets().filter((snippet) => render(snippet, 'ja') !== render(snippet, 'en'));
  expect(commented.length).toBeGreaterThan(0);
  for (const snippet of commented) {
    const [en, ja] = await Promise.all([parseSnippet(snippet, render(snippet, 'en')), parseSnippet(snippet, render(snippet, 'ja'))]);
    expect(withoutPositions(ja.commands)).toEqual(withoutPositions(en.commands));
  }
});
