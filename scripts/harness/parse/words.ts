/**
 * Sub-words: Docker and the shell give meaning to characters inside one shell word
 * (`NAME=VALUE`, `SRC:DST:ro`, `-eNAME=VALUE`). Splitting happens on characters the
 * reader typed literally (quoted or not), never inside an expansion, and every piece
 * keeps its place in the text so the harness can rewrite just that piece.
 */
import type { TextPosition } from './errors';
import type { DoubleQuotedContent, LiteralPart, Located, ShellWord, WordPart } from './shell';
import { literalValue } from './shell';

/** One character the reader typed literally, or an expansion whose value is unknown here. */
export type Piece =
  | { readonly kind: 'char'; readonly char: string; readonly offset: number; readonly end: number }
  | { readonly kind: 'expansion'; readonly offset: number; readonly end: number };

/** Which backslash escapes quote removal takes away in a literal. */
type Escapes = 'unquoted' | 'double-quoted';

function literalPieces(part: LiteralPart, escapes: Escapes): Piece[] {
  const pieces: Piece[] = [];
  const { raw, offset } = part;
  for (let i = 0; i < raw.length; ) {
    const next = raw[i + 1];
    const escaped = raw[i] === '\\' && next !== undefined && (escapes === 'unquoted' || '$`"\\\n'.includes(next));
    if (escaped && next === '\n') i += 2;
    else if (escaped) {
      pieces.push({ kind: 'char', char: next, offset: offset + i, end: offset + i + 2 });
      i += 2;
    } else {
      pieces.push({ kind: 'char', char: raw[i]!, offset: offset + i, end: offset + i + 1 });
      i++;
    }
  }
  return pieces;
}

function partPieces(part: WordPart | DoubleQuotedContent, escapes: Escapes): Piece[] {
  switch (part.kind) {
    case 'literal':
      return literalPieces(part, escapes);
    case 'single-quoted':
      return [...part.value].map((char, i) => ({ kind: 'char', char, offset: part.offset + 1 + i, end: part.offset + 2 + i }));
    case 'double-quoted':
      return part.parts.flatMap((inner) => partPieces(inner, 'double-quoted'));
    default:
      return [{ kind: 'expansion', offset: part.offset, end: part.end }];
  }
}

export const wordPieces = (word: ShellWord): Piece[] => word.parts.flatMap((part) => partPieces(part, 'unquoted'));

/** The literal characters a word starts with, up to its first expansion. */
export function literalPrefix(word: ShellWord): string {
  let prefix = '';
  for (const piece of wordPieces(word)) {
    if (piece.kind !== 'char') break;
    prefix += piece.char;
  }
  return prefix;
}

function positionWithin(word: ShellWord, offset: number): TextPosition {
  const before = word.raw.slice(0, offset - word.offset);
  const newline = before.lastIndexOf('\n');
  if (newline < 0) return { line: word.line, column: word.column + before.length };
  return { line: word.line + before.split('\n').length - 1, column: before.length - newline };
}

function clipLiteral(word: ShellWord, part: LiteralPart, from: number, to: number, escapes: Escapes): LiteralPart {
  const offset = Math.max(part.offset, from);
  const end = Math.min(part.end, to);
  const value = literalPieces(part, escapes)
    .filter((piece) => piece.offset >= from && piece.end <= to)
    .map((piece) => (piece.kind === 'char' ? piece.char : ''))
    .join('');
  return { ...part, offset, end, ...positionWithin(word, offset), raw: part.raw.slice(offset - part.offset, end - part.offset), value };
}

function clipPart<P extends WordPart | DoubleQuotedContent>(
  word: ShellWord,
  part: P,
  from: number,
  to: number,
  escapes: Escapes,
): P[] {
  const clipped = { offset: Math.max(part.offset, from), end: Math.min(part.end, to), ...positionWithin(word, Math.max(part.offset, from)) };
  const inside = part.offset >= from && part.end <= to;
  const outside = part.end <= from || part.offset >= to;
  if (inside) return [part];
  if (outside) return [];
  switch (part.kind) {
    case 'literal':
      return [clipLiteral(word, part, from, to, escapes) as P];
    case 'single-quoted': {
      const value = partPieces(part, escapes)
        .filter((piece) => piece.offset >= from && piece.end <= to)
        .map((piece) => (piece.kind === 'char' ? piece.char : ''))
        .join('');
      return [{ ...part, ...clipped, value }];
    }
    case 'double-quoted': {
      const parts = part.parts.flatMap((inner) => clipPart(word, inner, from, to, 'double-quoted'));
      return [{ ...part, ...clipped, parts }];
    }
    default:
      // A split never falls inside an expansion; keep it whole.
      return [part];
  }
}

/**
 * The part of a word between two offsets of the text. When the cut falls inside quotes,
 * `raw` holds half a quote pair: it is the reader's text, not a word to run on its own.
 */
export function clipWord(word: ShellWord, from: number, to: number): ShellWord {
  const parts = word.parts.flatMap((part) => clipPart(word, part, from, to, 'unquoted'));
  const located: Located = { offset: from, end: to, ...positionWithin(word, from) };
  return { ...located, raw: word.raw.slice(from - word.offset, to - word.offset), parts, literal: literalValue(parts) };
}

/** Splits a word at its first `limit` literal occurrences of `separator` (one character). */
export function splitWord(word: ShellWord, separator: string, limit = Infinity): ShellWord[] {
  const cuts = wordPieces(word)
    .filter((piece) => piece.kind === 'char' && piece.char === separator)
    .slice(0, limit);
  const out: ShellWord[] = [];
  let from = word.offset;
  for (const cut of cuts) {
    out.push(clipWord(word, from, cut.offset));
    from = cut.end;
  }
  out.push(clipWord(word, from, word.end));
  return out;
}

/** The word after its first `count` literal characters (e.g. the value of `-eA=b`). */
export function dropLiteralChars(word: ShellWord, count: number): ShellWord {
  const pieces = wordPieces(word);
  const start = pieces[count]?.offset ?? word.end;
  return clipWord(word, start, word.end);
}

/** Where a word's n-th literal character is, for errors about one flag in `-itx`. */
export function charPosition(word: ShellWord, n: number): TextPosition {
  const piece = wordPieces(word)[n];
  return piece ? positionWithin(word, piece.offset) : word;
}
