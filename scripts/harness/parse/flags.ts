/**
 * Command-line flags the way the Docker CLI (spf13/pflag) reads them: `--flag value`,
 * `--flag=value`, `-f value`, `-fvalue`, `-f=value`, boolean clusters such as `-it`,
 * `--bool=false`, and `--` to end the flags.
 */
import { quote, type Fail } from './errors';
import type { ShellWord } from './shell';
import { charPosition, dropLiteralChars, literalPrefix, splitWord } from './words';
import { distance } from 'fastest-levenshtein';

export interface FlagSpec {
  readonly long: string;
  readonly short?: string;
  readonly aliases?: readonly string[];
  /** True when the flag takes a value; otherwise it is a boolean. */
  readonly takesValue: boolean;
}

/** One flag as it occurs in the command. */
export interface FlagUse<K extends string> {
  readonly key: K;
  /** The flag as written: `--cpus`, `-e`, `-i` (also when written inside `-it`). */
  readonly written: string;
  /** The value's word (a sub-word for `--flag=value` and `-fvalue`); absent for booleans. */
  readonly value?: ShellWord;
  /** For booleans: `--rm` is true, `--rm=false` is false. */
  readonly enabled: boolean;
  /**
   * The words that carry this flag, value included. Flags of one cluster (`-it`) share
   * their word: removing it removes all of them.
   */
  readonly words: readonly ShellWord[];
}

export interface ParsedArguments<K extends string> {
  readonly flags: readonly FlagUse<K>[];
  readonly positionals: readonly ShellWord[];
}

export interface ArgumentGrammar<K extends string> {
  /** Named in messages, e.g. "docker run". */
  readonly command: string;
  readonly flags: Readonly<Record<K, FlagSpec>>;
  /** False stops reading flags at the first positional (`docker run IMAGE cmd --flag`). */
  readonly interspersed: boolean;
}

function lookup<K extends string>(grammar: ArgumentGrammar<K>, test: (spec: FlagSpec) => boolean): K | undefined {
  return (Object.keys(grammar.flags) as K[]).find((key) => test(grammar.flags[key]));
}

function unknownFlag<K extends string>(grammar: ArgumentGrammar<K>, written: string): string {
  const longs = (Object.values(grammar.flags) as FlagSpec[]).map((spec) => `--${spec.long}`);
  const nearest = longs
    .map((long) => ({ long, cost: distance(long, written) }))
    .sort((a, b) => a.cost - b.cost)[0];
  const hint = nearest && nearest.cost <= 2 ? ` (did you mean ${quote(nearest.long)}?)` : '';
  return `Unexpected flag ${quote(written)}, expected a ${grammar.command} flag${hint}`;
}

export function parseArguments<K extends string>(
  words: readonly ShellWord[],
  grammar: ArgumentGrammar<K>,
  fail: Fail,
): ParsedArguments<K> {
  const flags: FlagUse<K>[] = [];
  const positionals: ShellWord[] = [];
  const valueFor = (written: string, flagWord: ShellWord, i: number): ShellWord => {
    const next = words[i + 1];
    if (!next) fail(flagWord, 'missing-value', `Unexpected end of command, expected a value for ${quote(written)}`);
    return next;
  };

  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const prefix = literalPrefix(word);
    if (!prefix.startsWith('-') || word.literal === '-') {
      if (!grammar.interspersed) {
        positionals.push(...words.slice(i));
        break;
      }
      positionals.push(word);
      continue;
    }
    if (word.literal === '--') {
      positionals.push(...words.slice(i + 1));
      break;
    }

    if (prefix.startsWith('--')) {
      const equals = prefix.indexOf('=');
      if (equals < 0 && word.literal === undefined) {
        fail(word, 'invalid-value', `Unexpected expansion in flag ${quote(word.raw)}, expected the flag name written out`);
      }
      const written = equals < 0 ? prefix : prefix.slice(0, equals);
      const name = written.slice(2);
      const key = lookup(grammar, (spec) => spec.long === name || (spec.aliases ?? []).includes(name));
      if (key === undefined) fail(word, 'unknown-flag', unknownFlag(grammar, written));
      const inline = equals < 0 ? undefined : splitWord(word, '=', 1)[1]!;
      if (grammar.flags[key].takesValue) {
        const value = inline ?? valueFor(written, word, i);
        flags.push({ key, written, value, enabled: true, words: inline ? [word] : [word, value] });
        if (!inline) i++;
      } else {
        if (inline && inline.literal !== 'true' && inline.literal !== 'false') {
          fail(inline, 'invalid-value', `Unexpected ${quote(inline.raw)}, expected true or false for ${quote(written)}`);
        }
        flags.push({ key, written, enabled: inline?.literal !== 'false', words: [word] });
      }
      continue;
    }

    // A cluster of short flags: booleans until one that takes a value, which takes the rest.
    const cluster = prefix.slice(1);
    for (let k = 0; k < cluster.length; k++) {
      const written = `-${cluster[k]}`;
      const key = lookup(grammar, (spec) => spec.short === cluster[k]);
      if (key === undefined) fail(charPosition(word, k + 1), 'unknown-flag', unknownFlag(grammar, written));
      if (!grammar.flags[key].takesValue) {
        if (cluster[k + 1] !== '=') {
          flags.push({ key, written, enabled: true, words: [word] });
          continue;
        }
        const setting = dropLiteralChars(word, k + 3);
        if (setting.literal !== 'true' && setting.literal !== 'false') {
          fail(setting, 'invalid-value', `Unexpected ${quote(setting.raw)}, expected true or false for ${quote(written)}`);
        }
        flags.push({ key, written, enabled: setting.literal === 'true', words: [word] });
        break;
      }
      const restStart = k + 2 + (cluster[k + 1] === '=' ? 1 : 0);
      const rest = dropLiteralChars(word, restStart);
      const inline = rest.raw.length > 0;
      const value = inline ? rest : valueFor(written, word, i);
      flags.push({ key, written, value, enabled: true, words: inline ? [word] : [word, value] });
      if (!inline) i++;
      break;
    }
    if (word.literal === undefined && !flags.at(-1)?.value) {
      fail(word, 'invalid-value', `Unexpected expansion in flag ${quote(word.raw)}, expected the flags written out`);
    }
  }
  return { flags, positionals };
}
