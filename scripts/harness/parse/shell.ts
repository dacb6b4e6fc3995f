/**
 * Turns a snippet's rendered text into simple commands and structured words.
 *
 * sh-syntax (mvdan/sh, bash dialect) is the authority on the syntax. Its WASM build only
 * reports statements, redirects and word parts with positions, not command arguments, so:
 * 1. sh-syntax parses the text: syntax errors, statements, `;`, `&`, `!`, redirects;
 * 2. each statement's command span is split into words here, rejecting any operator;
 * 3. every word is fed back to sh-syntax as a redirect target (`: >WORD`), which reports
 *    the word's extent and its parts (literal, quotes, expansions); the content of double
 *    quotes is fed back as a here-document body, which reports its parts the same way.
 * A disagreement between 2 and 3 is reported, never silently resolved.
 *
 * Offsets are string indices of the snippet text (UTF-16 units, what `text.slice` takes),
 * not the UTF-8 byte offsets sh-syntax reports: Japanese comments make those differ.
 */
import { LangVariant, parse, type File, type Pos, type Stmt } from 'sh-syntax';
import { quote, SnippetParseError, type RuleId, type TextPosition } from './errors';
import { TextIndex } from './positions';

/** A stretch of the snippet text: `text.slice(offset, end)`. */
export interface Located extends TextPosition {
  readonly offset: number;
  readonly end: number;
}

/** Unquoted text, or text inside double quotes; `value` is after quote removal. */
export interface LiteralPart extends Located {
  readonly kind: 'literal';
  readonly raw: string;
  readonly value: string;
}

export interface SingleQuotedPart extends Located {
  readonly kind: 'single-quoted';
  readonly value: string;
}

/** `$NAME`, `${NAME}`, or `${NAME:?message}` (the shell stops the command when NAME is unset or empty). */
export interface ParameterPart extends Located {
  readonly kind: 'parameter';
  readonly name: string;
  readonly braced: boolean;
  /** The message of `${NAME:?message}`: plain text, no expansion or quote inside. */
  readonly unsetMessage?: string;
}

/** A parameter as the snippet renderer writes it inside double quotes: `"$NAME"` or `"${NAME:?message}"`. */
export const quotedParameter = (part: Pick<ParameterPart, 'name' | 'unsetMessage'>): string =>
  part.unsetMessage === undefined ? `"$${part.name}"` : `"\${${part.name}:?${part.unsetMessage}}"`;

/** The inverse of quotedParameter, for text known to be one word. */
export function parseQuotedParameter(raw: string): Pick<ParameterPart, 'name' | 'unsetMessage'> | undefined {
  const match = new RegExp(`^"\\$(?:(${NAME})|\\{(${NAME}):\\?(${UNSET_MESSAGE})\\})"$`).exec(raw);
  if (!match) return undefined;
  return match[1] !== undefined ? { name: match[1] } : { name: match[2]!, unsetMessage: match[3]! };
}

/** `$(...)`; `command` is the text between the parentheses. */
export interface CommandPart extends Located {
  readonly kind: 'command';
  readonly command: string;
}

/** A tilde prefix at the start of a word: `~` (user '') or `~name`. */
export interface TildePart extends Located {
  readonly kind: 'tilde';
  readonly user: string;
}

export type DoubleQuotedContent = LiteralPart | ParameterPart | CommandPart;

export interface DoubleQuotedPart extends Located {
  readonly kind: 'double-quoted';
  readonly parts: readonly DoubleQuotedContent[];
}

export type WordPart = LiteralPart | SingleQuotedPart | DoubleQuotedPart | ParameterPart | CommandPart | TildePart;

export interface ShellWord extends Located {
  /** The word as written, quotes included. */
  readonly raw: string;
  readonly parts: readonly WordPart[];
  /** The word after quote removal when nothing in it expands; otherwise undefined. */
  readonly literal: string | undefined;
}

export interface SimpleCommand extends Located {
  readonly words: readonly ShellWord[];
  /** `> FILE [2>&1]` after the words. */
  readonly redirect?: OutputRedirect;
}

/** The one redirect the guide uses: stdout to a file, optionally with stderr. */
export interface OutputRedirect {
  /** Where `>` is. */
  readonly operator: Located;
  readonly target: ShellWord;
  /** `2>&1` follows: stderr goes where stdout goes. */
  readonly stderrToStdout: boolean;
}

const NAME = '[A-Za-z_][A-Za-z0-9_]*';
/** What `${NAME:?...}` may say here: no expansion, quote, backslash or closing brace to parse inside it. */
const UNSET_MESSAGE = '[^$`"\'\\\\}]+';
const RESERVED_WORDS = new Set([
  '!', '{', '}', '[[', ']]', 'if', 'then', 'else', 'elif', 'fi', 'case', 'esac', 'for', 'select', 'while',
  'until', 'do', 'done', 'in', 'function', 'time', 'coproc',
]);
const SIMPLE_ONLY = 'expected simple commands, one per line';
const REDIRECTS_ONLY = 'expected at most `> FILE 2>&1` after the command';

interface RawWord {
  readonly offset: number;
  readonly end: number;
}

/** A statement's command words and the one output redirect the guide uses. */
interface CommandShape extends RawWord {
  readonly stdoutTo?: RawWord;
  readonly operator?: number;
  readonly stderrToStdout: boolean;
}

/** Scans one snippet; every error it raises names the snippet. */
class ShellScanner {
  readonly index: TextIndex;

  constructor(
    readonly snippetId: string,
    readonly text: string,
  ) {
    this.index = new TextIndex(text);
  }

  fail(offset: number, ruleId: RuleId, reason: string): never {
    throw new SnippetParseError(this.snippetId, this.index.position(offset), ruleId, reason);
  }

  located(offset: number, end: number): Located {
    return { offset, end, ...this.index.position(offset) };
  }

  /**
   * Parses the snippet text, or a probe built from it; `origin` maps a probe's byte offset
   * to the offset in the snippet text it was copied from.
   */
  async parseText(source: string, origin?: (probeByte: number) => number): Promise<File> {
    try {
      return await parse(source, { variant: LangVariant.LangBash, keepComments: false });
    } catch (error) {
      const pos = (error as { Pos?: Pos }).Pos;
      const reason = (error as { Text?: string }).Text ?? String(error);
      if (!pos) throw error;
      if (!origin) this.fail(this.index.indexOfByte(pos.Offset), 'shell-syntax', `Unexpected shell syntax: ${reason}`);
      this.fail(origin(pos.Offset), 'shell-word-mismatch', `Unexpected word that sh-syntax reads differently on its own: ${reason}`);
    }
  }

  /** Only statements that are one simple command, with at most `> FILE 2>&1` after it. */
  commandSpan(stmt: Stmt): CommandShape {
    const at = (pos: Pos) => this.index.indexOfByte(pos.Offset);
    if (stmt.Negated) this.fail(at(stmt.Pos), 'shell-unsupported', `Unexpected \`!\`, ${SIMPLE_ONLY}`);
    if (stmt.Background) this.fail(at(stmt.Semicolon), 'shell-unsupported', `Unexpected \`&\`, ${SIMPLE_ONLY}`);
    if (stmt.Coprocess) this.fail(at(stmt.Pos), 'shell-unsupported', `Unexpected \`coproc\`, ${SIMPLE_ONLY}`);
    if (stmt.Semicolon.Line !== 0) this.fail(at(stmt.Semicolon), 'shell-unsupported', `Unexpected \`;\`, ${SIMPLE_ONLY}`);
    if (!stmt.Cmd) this.fail(at(stmt.Pos), 'shell-unsupported', `Unexpected empty statement, ${SIMPLE_ONLY}`);
    const span = { offset: at(stmt.Cmd.Pos), end: at(stmt.Cmd.End) };
    const [toFile, stderr, extra] = stmt.Redirs;
    if (!toFile) return { ...span, stderrToStdout: false };
    const before = [toFile, stderr, extra].find((r) => r && at(r.OpPos) < span.end);
    if (before) this.fail(at(before.OpPos), 'shell-unsupported', `Unexpected redirect ${quote(before.Op)} before the end of the command, ${REDIRECTS_ONLY}`);
    if (toFile.Op !== '>' || toFile.N) this.fail(toFile.N ? at(toFile.N.ValuePos) : at(toFile.OpPos), 'shell-unsupported', `Unexpected redirect ${quote(`${toFile.N?.Value ?? ''}${toFile.Op}`)}, ${REDIRECTS_ONLY}`);
    const stdoutTo = { offset: at(toFile.Word.Pos), end: at(toFile.Word.End) };
    if (stderr) {
      const target = this.text.slice(at(stderr.Word.Pos), at(stderr.Word.End));
      if (stderr.Op !== '>&' || stderr.N?.Value !== '2' || target !== '1') {
        // Where the redirect starts: its file descriptor number, if it has one.
        const start = stderr.N ? at(stderr.N.ValuePos) : at(stderr.OpPos);
        this.fail(start, 'shell-unsupported', `Unexpected redirect ${quote(`${stderr.N?.Value ?? ''}${stderr.Op}${target}`)}, ${REDIRECTS_ONLY}`);
      }
    }
    if (extra) this.fail(at(extra.OpPos), 'shell-unsupported', `Unexpected third redirect ${quote(extra.Op)}, ${REDIRECTS_ONLY}`);
    return { ...span, stdoutTo, operator: at(toFile.OpPos), stderrToStdout: stderr !== undefined };
  }

  /** Splits a command span on unquoted blanks; any shell operator is an error. */
  splitWords(span: RawWord): RawWord[] {
    const words: RawWord[] = [];
    let i = span.offset;
    while (i < span.end) {
      const c = this.text[i]!;
      if (c === ' ' || c === '\t' || c === '\n') i++;
      else if (c === '\\' && this.text[i + 1] === '\n') i += 2;
      else {
        const end = this.scanWord(i, span.end);
        words.push({ offset: i, end });
        i = end;
      }
    }
    return words;
  }

  private scanWord(start: number, limit: number): number {
    const text = this.text;
    let i = start;
    while (i < limit) {
      const c = text[i]!;
      if (c === ' ' || c === '\t' || c === '\n') break;
      if (c === '\\') {
        // A line continuation followed by a blank ends the word; the continuation is not part of it.
        if (text[i + 1] === '\n' && /^[ \t\n]?$/.test(text[i + 2] ?? '')) break;
        i += 2;
      } else if (c === "'") i = text.indexOf("'", i + 1) + 1;
      else if (c === '"') i = this.scanDoubleQuoted(i + 1);
      else if (c === '$' && text[i + 1] === '(') i = this.scanParenthesised(i + 2);
      else if (c === '$' && text[i + 1] === '{') i = text.indexOf('}', i) + 1;
      else if (c === '`') this.fail(i, 'shell-unsupported', 'Unexpected backquote, expected `$(...)`');
      else if ('|&;<>()'.includes(c)) this.fail(i, 'shell-unsupported', `Unexpected ${quote(c)}, ${SIMPLE_ONLY}`);
      else i++;
    }
    return i;
  }

  private scanDoubleQuoted(from: number): number {
    const text = this.text;
    for (let i = from; i < text.length; ) {
      const c = text[i]!;
      if (c === '\\') i += 2;
      else if (c === '"') return i + 1;
      else if (c === '$' && text[i + 1] === '(') i = this.scanParenthesised(i + 2);
      else if (c === '`') this.fail(i, 'shell-unsupported', 'Unexpected backquote, expected `$(...)`');
      else i++;
    }
    return this.fail(from - 1, 'shell-word-mismatch', 'Unexpected end of text in double quotes');
  }

  private scanParenthesised(from: number): number {
    const text = this.text;
    let depth = 1;
    for (let i = from; i < text.length; ) {
      const c = text[i]!;
      if (c === '\\') i += 2;
      else if (c === "'") i = text.indexOf("'", i + 1) + 1;
      else if (c === '"') i = this.scanDoubleQuoted(i + 1);
      else {
        if (c === '(') depth++;
        else if (c === ')' && --depth === 0) return i + 1;
        i++;
      }
    }
    return this.fail(from - 2, 'shell-word-mismatch', 'Unexpected end of text in `$(`');
  }

  /** The snippet offset a probe offset was copied from. */
  private origin(probeOffset: number, starts: readonly number[], copied: readonly RawWord[]): number {
    let n = starts.length - 1;
    while (n > 0 && starts[n]! > probeOffset) n--;
    const source = copied[n]!;
    return Math.min(Math.max(source.offset + probeOffset - starts[n]!, source.offset), source.end);
  }

  /** Part boundaries (relative to each word) as sh-syntax sees them. */
  async partBoundaries(words: readonly RawWord[]): Promise<number[][]> {
    if (words.length === 0) return [];
    const raws = words.map((word) => this.text.slice(word.offset, word.end));
    const starts: number[] = [];
    let probe = '';
    for (const raw of raws) {
      probe += ': >';
      starts.push(probe.length);
      probe += `${raw}\n`;
    }
    const probeIndex = new TextIndex(probe);
    const file = await this.parseText(probe, (byte) => this.origin(probeIndex.indexOfByte(byte), starts, words));
    return raws.map((raw, n) => {
      const redirect = file.Stmts[n]?.Redirs[0];
      const relative = (pos: Pos) => probeIndex.indexOfByte(pos.Offset) - starts[n]!;
      if (!redirect || relative(redirect.Word.Pos) !== 0 || relative(redirect.Word.End) !== raw.length) return [];
      return [...redirect.Word.Parts.map((part) => relative(part.Pos)), raw.length];
    });
  }

  /** Part boundaries inside double quotes, from a here-document with the same content. */
  async contentBoundaries(quoted: readonly RawWord[]): Promise<number[][]> {
    if (quoted.length === 0) return [];
    const contents = quoted.map((part) => this.text.slice(part.offset + 1, part.end - 1));
    let delimiter = 'SH_PROBE_END';
    while (contents.some((content) => content.includes(delimiter))) delimiter += '_';
    const starts: number[] = [];
    let probe = '';
    for (const content of contents) {
      probe += `: <<${delimiter}\n`;
      starts.push(probe.length);
      probe += `${content}\n${delimiter}\n`;
    }
    const probeIndex = new TextIndex(probe);
    const inner = quoted.map((part) => ({ offset: part.offset + 1, end: part.end - 1 }));
    const file = await this.parseText(probe, (byte) => this.origin(probeIndex.indexOfByte(byte), starts, inner));
    return contents.map((content, n) => {
      const body = file.Stmts[n]?.Redirs[0]?.Hdoc;
      if (!body) return [0, content.length];
      // The body ends with the newline before the delimiter: clip to the content.
      const inside = body.Parts.map((part) => probeIndex.indexOfByte(part.Pos.Offset) - starts[n]!).filter(
        (offset) => offset > 0 && offset < content.length,
      );
      return [0, ...inside, content.length];
    });
  }
}

const unquote = (raw: string) => raw.replace(/\\(\n|[\s\S])/g, (_, c: string) => (c === '\n' ? '' : c));
const unquoteInDoubleQuotes = (raw: string) =>
  raw.replace(/\\(\n|[$`"\\])/g, (_, c: string) => (c === '\n' ? '' : c));

/** Builds typed parts from the segments sh-syntax delimited. */
class PartBuilder {
  constructor(private readonly scanner: ShellScanner) {}

  private at(offset: number, end: number): Located {
    return this.scanner.located(offset, end);
  }

  expansion(segment: string, offset: number): ParameterPart | CommandPart | undefined {
    const end = offset + segment.length;
    if (segment.startsWith('$((')) {
      return this.scanner.fail(offset, 'shell-unsupported', `Unexpected arithmetic ${quote(segment)}, expected $NAME or $(command)`);
    }
    if (segment.startsWith('$(')) return { kind: 'command', command: segment.slice(2, -1), ...this.at(offset, end) };
    const parameter = new RegExp(`^\\$(?:(${NAME})|\\{(${NAME})(?::\\?(${UNSET_MESSAGE}))?\\})$`).exec(segment);
    if (parameter) {
      const unsetMessage = parameter[3] === undefined ? {} : { unsetMessage: parameter[3] };
      return { kind: 'parameter', name: (parameter[1] ?? parameter[2])!, braced: parameter[2] !== undefined, ...unsetMessage, ...this.at(offset, end) };
    }
    if (segment.startsWith('$') && segment !== '$') {
      return this.scanner.fail(offset, 'shell-unsupported', `Unexpected ${quote(segment)}, expected $NAME, \${NAME} or \${NAME:?message}`);
    }
    return undefined;
  }

  topLevel(segment: string, offset: number, first: boolean, content: () => DoubleQuotedContent[]): WordPart[] {
    const end = offset + segment.length;
    if (segment.startsWith("$'") || segment.startsWith('$"')) {
      return this.scanner.fail(offset, 'shell-unsupported', `Unexpected ${quote(segment.slice(0, 2))} quoting, expected '...' or "..."`);
    }
    if (segment.startsWith("'")) return [{ kind: 'single-quoted', value: segment.slice(1, -1), ...this.at(offset, end) }];
    if (segment.startsWith('"')) return [{ kind: 'double-quoted', parts: content(), ...this.at(offset, end) }];
    const expansion = this.expansion(segment, offset);
    if (expansion) return [expansion];
    const glob = /[*?[{}]/.exec(segment.replace(/\\[\s\S]/g, '  '));
    if (glob) {
      this.scanner.fail(
        offset + glob.index,
        'shell-unsupported',
        `Unexpected unquoted ${quote(glob[0])}, expected a quoted or plain word (the shell would expand it)`,
      );
    }
    const tilde = first ? /^~([A-Za-z0-9._-]*)(?=\/|$)/.exec(segment) : null;
    if (!tilde) return [this.literal(segment, offset, unquote)];
    const parts: WordPart[] = [{ kind: 'tilde', user: tilde[1]!, ...this.at(offset, offset + tilde[0].length) }];
    if (tilde[0].length < segment.length) parts.push(this.literal(segment.slice(tilde[0].length), offset + tilde[0].length, unquote));
    return parts;
  }

  inDoubleQuotes(segment: string, offset: number): DoubleQuotedContent {
    return this.expansion(segment, offset) ?? this.literal(segment, offset, unquoteInDoubleQuotes);
  }

  literal(raw: string, offset: number, removeQuotes: (raw: string) => string): LiteralPart {
    return { kind: 'literal', raw, value: removeQuotes(raw), ...this.at(offset, offset + raw.length) };
  }
}

/** sh-syntax splits `a$` into two literals; one literal per run reads better downstream. */
function mergeLiterals<P extends WordPart>(parts: P[], removeQuotes: (raw: string) => string): P[] {
  const merged: P[] = [];
  for (const part of parts) {
    const previous = merged[merged.length - 1];
    if (previous?.kind === 'literal' && part.kind === 'literal' && previous.end === part.offset) {
      const raw = previous.raw + part.raw;
      merged[merged.length - 1] = { ...previous, raw, value: removeQuotes(raw), end: part.end };
    } else merged.push(part);
  }
  return merged;
}

export function literalValue(parts: readonly WordPart[]): string | undefined {
  let value = '';
  for (const part of parts) {
    if (part.kind === 'literal' || part.kind === 'single-quoted') value += part.value;
    else if (part.kind === 'double-quoted') {
      const inner = literalValue(part.parts);
      if (inner === undefined) return undefined;
      value += inner;
    } else return undefined;
  }
  return value;
}

function segments(raw: string, boundaries: readonly number[]): { text: string; offset: number }[] {
  const out: { text: string; offset: number }[] = [];
  for (let i = 0; i + 1 < boundaries.length; i++) {
    out.push({ text: raw.slice(boundaries[i], boundaries[i + 1]), offset: boundaries[i]! });
  }
  return out;
}

/**
 * Parses rendered snippet text into its simple commands. Comments are dropped.
 * Throws SnippetParseError naming the snippet, the line and the column.
 */
export async function parseShell(snippetId: string, text: string): Promise<SimpleCommand[]> {
  const scanner: ShellScanner = new ShellScanner(snippetId, text);
  const file = await scanner.parseText(text);
  const commands = file.Stmts.map((stmt) => {
    const span = scanner.commandSpan(stmt);
    const words = scanner.splitWords(span);
    const first = words[0];
    const last = words[words.length - 1];
    if (!first || !last || first.offset !== span.offset || last.end !== span.end) {
      scanner.fail(span.offset, 'shell-word-mismatch', `Unexpected command shape, ${SIMPLE_ONLY}`);
    }
    const head = text.slice(first.offset, first.end);
    if (RESERVED_WORDS.has(head)) scanner.fail(first.offset, 'shell-unsupported', `Unexpected ${quote(head)}, ${SIMPLE_ONLY}`);
    if (new RegExp(`^${NAME}(\\[[^\\]]*\\])?\\+?=`).test(head)) {
      scanner.fail(first.offset, 'shell-unsupported', `Unexpected assignment ${quote(head)}, expected a command (use \`export\`)`);
    }
    return { span, words: span.stdoutTo ? [...words, span.stdoutTo] : words };
  });

  const allWords = commands.flatMap((command) => command.words);
  const raws = allWords.map((word) => text.slice(word.offset, word.end));
  const boundaries = await scanner.partBoundaries(allWords);
  const wordSegments = allWords.map((word, n) => {
    const raw = raws[n]!;
    const bounds = boundaries[n]!;
    if (bounds.length < 2) {
      scanner.fail(word.offset, 'shell-word-mismatch', `Unexpected word boundary at ${quote(raw)}, expected sh-syntax to read the same word`);
    }
    return segments(raw, bounds).map((segment) => ({ text: segment.text, offset: word.offset + segment.offset }));
  });

  const quoted = wordSegments.flat().filter((segment) => segment.text.startsWith('"'));
  const contentBounds = await scanner.contentBoundaries(
    quoted.map((segment) => ({ offset: segment.offset, end: segment.offset + segment.text.length })),
  );
  const contents = new Map<number, DoubleQuotedContent[]>();
  const builder = new PartBuilder(scanner);
  quoted.forEach((segment, n) => {
    const inner = segment.text.slice(1, -1);
    const parts = segments(inner, contentBounds[n]!).map((piece) =>
      builder.inDoubleQuotes(piece.text, segment.offset + 1 + piece.offset),
    );
    contents.set(segment.offset, mergeLiterals(parts, unquoteInDoubleQuotes));
  });

  let next = 0;
  return commands.map(({ span, words }) => {
    const shellWords = words.map((word): ShellWord => {
      const parts = mergeLiterals(
        wordSegments[next++]!.flatMap((segment, i) =>
          builder.topLevel(segment.text, segment.offset, i === 0, () => contents.get(segment.offset) ?? []),
        ),
        unquote,
      );
      return { ...scanner.located(word.offset, word.end), raw: text.slice(word.offset, word.end), parts, literal: literalValue(parts) };
    });
    const target = span.stdoutTo ? shellWords.pop() : undefined;
    const redirect: OutputRedirect | undefined = target && {
      operator: scanner.located(span.operator!, span.operator! + 1),
      target,
      stderrToStdout: span.stderrToStdout,
    };
    return { ...scanner.located(span.offset, span.end), words: shellWords, ...(redirect && { redirect }) };
  });
}
