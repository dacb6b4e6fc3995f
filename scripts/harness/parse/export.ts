/** `export NAME=VALUE`, the only shell builtin the guide uses. */
import { quote, type Fail } from './errors';
import type { Located } from './docker-cli';
import type { ShellWord, WordPart } from './shell';
import { ENV_NAME } from './values';
import { splitWord } from './words';

export interface ParsedExport {
  readonly kind: 'export';
  readonly command: import('./shell').SimpleCommand;
  readonly name: Located<string>;
  /** The sub-word after `=`. */
  readonly value: ShellWord;
  readonly word: ShellWord;
}

/**
 * In an assignment bash expands a tilde right after `=` too (`export A=~/x`), which
 * the shell layer only marks at the start of a word.
 */
function withAssignmentTilde(value: ShellWord): ShellWord {
  const [first, ...rest] = value.parts;
  const tilde = first?.kind === 'literal' ? /^~([A-Za-z0-9._-]*)(?=\/|$)/.exec(first.raw) : null;
  if (!first || first.kind !== 'literal' || !tilde) return value;
  const length = tilde[0].length;
  const parts: WordPart[] = [{ kind: 'tilde', user: tilde[1]!, offset: first.offset, end: first.offset + length, line: first.line, column: first.column }];
  if (first.raw.length > length) {
    const raw = first.raw.slice(length);
    parts.push({ ...first, raw, value: first.value.slice(length), offset: first.offset + length, column: first.column + length });
  }
  return { ...value, parts: [...parts, ...rest], literal: undefined };
}

export function parseExport(command: import('./shell').SimpleCommand, fail: Fail): ParsedExport {
  const [head, word, extra] = command.words;
  if (!word) return fail(head!, 'missing-argument', 'Unexpected end of command, expected NAME=VALUE after export');
  if (extra) fail(extra, 'unexpected-argument', `Unexpected ${quote(extra.raw)}, expected one NAME=VALUE per export`);
  const [nameWord, value] = splitWord(word, '=', 1);
  const name = nameWord!.literal;
  if (value === undefined || name === undefined || !ENV_NAME.test(name)) {
    return fail(word, 'invalid-value', `Unexpected ${quote(word.raw)}, expected NAME=VALUE after export`);
  }
  return { kind: 'export', command, name: { value: name, word: nameWord! }, value: withAssignmentTilde(value), word };
}
