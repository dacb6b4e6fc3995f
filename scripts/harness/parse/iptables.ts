/**
 * The subset of iptables the guide's host rules use:
 * `iptables [-t TABLE] -I|-A CHAIN [! -i IFACE] [! -o IFACE] [! -d CIDR]
 *   [-m conntrack --ctstate STATES] [-m comment --comment TEXT] -j TARGET`.
 * `-m` may come twice, once per match module.
 */
import type { Located } from './docker-cli';
import { quote, type Fail } from './errors';
import { quotedParameter, type ShellWord, type SimpleCommand } from './shell';
import { literalOf, parseIPv4Cidr } from './values';

export interface NegatableMatch extends Located<string> {
  /** Written with `!` before the option. */
  readonly negated: boolean;
}

export interface ParsedIptables {
  readonly kind: 'iptables';
  readonly command: SimpleCommand;
  /** Absent means iptables' default, filter. */
  readonly table?: Located<string>;
  readonly action: Located<'insert' | 'append'>;
  readonly chain: Located<string>;
  readonly inInterface?: NegatableMatch;
  readonly outInterface?: NegatableMatch;
  readonly destination?: NegatableMatch;
  /** The match modules loaded with -m, in order. */
  readonly matches: readonly Located<string>[];
  /** The first -m (kept for the guide's single-match rules). */
  readonly match?: Located<string>;
  readonly ctstate?: Located<string>;
  readonly comment?: Located<string>;
  readonly jump?: Located<string>;
}

const TABLES = new Set(['filter', 'nat', 'mangle', 'raw', 'security']);
const IDENTIFIER = /^[A-Za-z0-9_-]+$/;
const INTERFACE = /^[A-Za-z0-9_.+-]{1,15}$/;

type Option = 'table' | 'insert' | 'append' | 'in-interface' | 'out-interface' | 'destination' | 'match' | 'ctstate' | 'comment' | 'jump';
const OPTIONS: Record<string, Option> = {
  '-t': 'table', '--table': 'table',
  '-I': 'insert', '--insert': 'insert',
  '-A': 'append', '--append': 'append',
  '-i': 'in-interface', '--in-interface': 'in-interface',
  '-o': 'out-interface', '--out-interface': 'out-interface',
  '-d': 'destination', '--destination': 'destination', '--dst': 'destination',
  '-m': 'match', '--match': 'match',
  '--ctstate': 'ctstate',
  '--comment': 'comment',
  '-j': 'jump', '--jump': 'jump',
};
const NEGATABLE = new Set<Option>(['in-interface', 'out-interface', 'destination']);
const MATCH_MODULES = new Set(['comment', 'conntrack']);
const CTSTATES = /^(NEW|ESTABLISHED|RELATED|INVALID|UNTRACKED)(,(NEW|ESTABLISHED|RELATED|INVALID|UNTRACKED))*$/;

export function parseIptables(command: SimpleCommand, fail: Fail): ParsedIptables {
  const words = command.words;
  const found: Partial<Record<Option, { flag: ShellWord; value: ShellWord; negated: boolean }>> = {};
  const matches: { flag: ShellWord; value: ShellWord }[] = [];
  for (let i = 1; i < words.length; i++) {
    let flag = words[i]!;
    const negated = flag.literal === '!';
    if (negated) {
      const next = words[i + 1];
      if (!next) fail(flag, 'missing-value', 'Unexpected end of command, expected an option after `!`');
      flag = next;
      i++;
    }
    const option = flag.literal === undefined ? undefined : OPTIONS[flag.literal];
    if (option === undefined) {
      const reason = flag.literal?.startsWith('-')
        ? `Unexpected option ${quote(flag.raw)}, expected -t, -I, -A, -i, -o, -d, -m conntrack --ctstate, -m comment --comment or -j`
        : `Unexpected ${quote(flag.raw)}, expected an iptables option`;
      fail(flag, flag.literal?.startsWith('-') ? 'unknown-flag' : 'unexpected-argument', reason);
    }
    if (negated && !NEGATABLE.has(option)) fail(words[i - 1]!, 'invalid-value', `Unexpected \`!\` before ${quote(flag.raw)}, expected it before -i, -o or -d`);
    if (option === 'match') {
      const value = words[i + 1];
      if (!value) return fail(flag, 'missing-value', `Unexpected end of command, expected a match module after ${quote(flag.raw)}`);
      if (!MATCH_MODULES.has(value.literal ?? '')) fail(value, 'invalid-value', `Unexpected match ${quote(value.raw)}, expected conntrack or comment`);
      if (matches.some((m) => m.value.literal === value.literal)) fail(value, 'unexpected-argument', `Unexpected second -m ${value.raw}, expected each match module once`);
      matches.push({ flag, value });
      i++;
      continue;
    }
    if (found[option] || (option === 'insert' && found.append) || (option === 'append' && found.insert)) {
      fail(flag, 'unexpected-argument', `Unexpected second ${quote(flag.raw)}, expected each option once`);
    }
    const value = words[i + 1];
    if (!value) return fail(flag, 'missing-value', `Unexpected end of command, expected a value for ${quote(flag.raw)}`);
    if (option === 'comment' && !matches.some((m) => m.value.literal === 'comment')) {
      fail(flag, 'invalid-value', 'Unexpected `--comment`, expected `-m comment` before it');
    }
    if (option === 'ctstate' && !matches.some((m) => m.value.literal === 'conntrack')) {
      fail(flag, 'invalid-value', 'Unexpected `--ctstate`, expected `-m conntrack` before it');
    }
    found[option] = { flag, value, negated };
    i++;
  }

  const quotedVariable = (word: ShellWord): string | undefined => {
    const [only, ...rest] = word.parts;
    const inner = only?.kind === 'double-quoted' && only.parts.length === 1 ? only.parts[0] : undefined;
    return rest.length === 0 && inner?.kind === 'parameter' ? quotedParameter(inner) : undefined;
  };
  const identifier = (word: ShellWord, what: string, pattern: RegExp): Located<string> => {
    const text = literalOf(word, what, fail);
    if (!pattern.test(text)) fail(word, 'invalid-value', `Unexpected ${quote(text)}, expected ${what}`);
    return { value: text, word };
  };
  const actionUse = found.insert ?? found.append;
  if (!actionUse) return fail(words[0]!, 'missing-argument', 'Unexpected rule without a chain, expected -I CHAIN or -A CHAIN');
  const table = found.table && identifier(found.table.value, 'a table: filter, nat, mangle, raw or security', /^.*$/);
  if (table && !TABLES.has(table.value)) fail(table.word, 'invalid-value', `Unexpected ${quote(table.value)}, expected filter, nat, mangle, raw or security`);
  const located = matches.map((m) => ({ value: m.value.literal!, word: m.value }));
  const match = located[0];
  const ctstate = found.ctstate && identifier(found.ctstate.value, 'connection states such as NEW', CTSTATES);
  const negatable = (use: (typeof found)['in-interface'], read: (word: ShellWord) => string): NegatableMatch | undefined =>
    use && { value: read(use.value), word: use.value, negated: use.negated };
  const inInterface = negatable(found['in-interface'], (word) => identifier(word, 'an interface name', INTERFACE).value);
  const outInterface = negatable(found['out-interface'], (word) => identifier(word, 'an interface name', INTERFACE).value);
  // A subnet the reader read from their engine ("$BRIDGE_SUBNET") or one written out.
  const destination = negatable(found.destination, (word) => quotedVariable(word) ?? parseIPv4Cidr(word, fail));
  const comment = found.comment && { value: literalOf(found.comment.value, 'a comment', fail), word: found.comment.value };
  const jump = found.jump && identifier(found.jump.value, 'a target such as DROP', IDENTIFIER);
  return {
    kind: 'iptables',
    command,
    ...(table && { table }),
    action: { value: found.insert ? 'insert' : 'append', word: actionUse.flag },
    chain: identifier(actionUse.value, 'a chain name', IDENTIFIER),
    ...(inInterface && { inInterface }),
    ...(outInterface && { outInterface }),
    ...(destination && { destination }),
    matches: located,
    ...(match && { match }),
    ...(ctstate && { ctstate }),
    ...(comment && { comment }),
    ...(jump && { jump }),
  };
}
