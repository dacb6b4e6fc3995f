/**
 * The loopback guard rule the guide recommends for engines before 28.0.0, and the
 * bookkeeping that keeps the harness from leaving host firewall rules behind.
 *
 * The page's rule is `iptables -t raw -I PREROUTING ! -i lo -d 127.0.0.0/8 -j DROP`; the
 * harness runs it with `-m comment --comment openhands-guide-<session id>` added, so each
 * rule it adds can be found and removed by that comment, and rules of crashed sessions
 * can be told from everything else on the host.
 */
import { LOOPBACK_GUARD_ARGS } from '../../src/snippets/render';
import { runProcess, runProcessSync } from './docker';
import { inHostNet } from './host-net';
import { FIREWALL_COMMENT_PREFIX } from './session';

const TABLES = ['raw', 'filter', 'nat', 'mangle'] as const;
export type Table = (typeof TABLES)[number];

/** The page's rule (as the renderer prints it) as iptables arguments, with the session comment before the target. */
export function loopbackGuardArgs(comment: string): string[] {
  const args: string[] = [...LOOPBACK_GUARD_ARGS];
  const target = args.indexOf('-j');
  if (target < 0) throw new Error(`Unexpected loopback guard rule without -j: iptables ${args.join(' ')}`);
  args.splice(target, 0, '-m', 'comment', '--comment', comment);
  return args;
}

export async function addLoopbackGuard(session: { readonly firewallComment: string }): Promise<void> {
  await iptables(loopbackGuardArgs(session.firewallComment));
}

export async function removeLoopbackGuard(session: { readonly firewallComment: string }): Promise<number> {
  return removeRulesByCommentSync(session.firewallComment);
}

export interface CommentedRule {
  readonly table: Table;
  readonly chain: string;
  /** The rule as `iptables -S` prints it after `-A CHAIN`, unquoted. */
  readonly spec: readonly string[];
  readonly comment: string;
}

/** Every rule in every table whose comment starts with `openhands-guide-`. */
export function listGuideRulesSync(): CommentedRule[] {
  const rules: CommentedRule[] = [];
  for (const table of TABLES) {
    const result = runProcessSync(...inHostNet('iptables', ['-w', '-t', table, '-S']));
    if (result.exitCode !== 0) continue;
    for (const line of result.stdout.split('\n')) {
      const rule = parseRule(table, line);
      if (rule && rule.comment.startsWith(FIREWALL_COMMENT_PREFIX)) rules.push(rule);
    }
  }
  return rules;
}

export async function hasRulesWithComment(comment: string): Promise<boolean> {
  return listGuideRulesSync().some((rule) => rule.comment === comment);
}

/** Deletes every rule carrying exactly this comment; returns how many it deleted. */
export function removeRulesByCommentSync(comment: string): number {
  return removeRules(listGuideRulesSync().filter((rule) => rule.comment === comment));
}

/** Deletes rules of sessions for which isLive says false; returns how many it deleted. */
export function removeStaleRulesSync(isLive: (sessionId: string) => boolean): number {
  return removeRules(listGuideRulesSync().filter((rule) => !isLive(rule.comment.slice(FIREWALL_COMMENT_PREFIX.length))));
}

function removeRules(rules: readonly CommentedRule[]): number {
  let removed = 0;
  for (const rule of rules) {
    const result = runProcessSync(...inHostNet('iptables', ['-w', '-t', rule.table, '-D', rule.chain, ...rule.spec]));
    if (result.exitCode === 0) removed += 1;
  }
  return removed;
}

/** Parses one `iptables -S` line; null for policies, chain declarations and rules without a comment. */
export function parseRule(table: Table, line: string): CommentedRule | null {
  const tokens = tokenize(line);
  if (tokens[0] !== '-A' || tokens[1] === undefined) return null;
  const spec = tokens.slice(2);
  const at = spec.indexOf('--comment');
  const comment = at >= 0 ? spec[at + 1] : undefined;
  if (comment === undefined) return null;
  return { table, chain: tokens[1], spec, comment };
}

/** Splits on spaces, honouring the double quotes iptables puts around comments with spaces. */
function tokenize(line: string): string[] {
  const tokens: string[] = [];
  const pattern = /"((?:[^"\\]|\\.)*)"|(\S+)/g;
  for (const match of line.matchAll(pattern)) {
    tokens.push(match[1] !== undefined ? match[1].replace(/\\(.)/g, '$1') : (match[2] ?? ''));
  }
  return tokens;
}

async function iptables(args: readonly string[]): Promise<void> {
  const result = await runProcess(...inHostNet('iptables', ['-w', ...args]));
  if (result.exitCode !== 0) {
    throw new Error(`\`iptables ${args.join(' ')}\` failed (exit ${result.exitCode}): ${result.stderr.trim()}; the harness needs root and iptables`);
  }
}

// The lock that keeps runs sharing a namespace from adding the rule under each other's
// probes lives in loopback-guard-lock.ts (no daemon, no root: unit-tested); callers keep
// importing it from here, beside the rule it guards.
export { loopbackGuardLockDir, withLoopbackGuardLock } from './loopback-guard-lock';
