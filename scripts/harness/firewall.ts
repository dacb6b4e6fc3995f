/**
 * The loopback guard rule the guide recommends for engines before 28.0.0, and the
 * bookkeeping that keeps the harness from leaving host firewall rules behind.
 *
 * The page's rule is `iptables -t raw -I PREROUTING ! -i lo -d 127.0.0.0/8 -j DROP`; the
 * harness runs it with `-m comment --comment openhands-guide-<session id>` added, so each
 * rule it adds can be found and removed by that comment, and rules of crashed sessions
 * can be told from everything else on the host.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LOOPBACK_GUARD_ARGS } from '../../src/snippets/render';
import { runProcess, runProcessSync } from './docker';
import { hostNetNamespace, inHostNet } from './host-net';
import { FIREWALL_COMMENT_PREFIX, isPidAlive, processStartTime, runDir } from './session';

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

// ---------------------------------------------------------------------------------------
// One network namespace, one raw table: while any run has the guard rule in place, every
// routed 127.0.0.0/8 probe into that namespace fails, whichever run it belongs to. Code that
// adds the rule and checks with it, and code that probes routed loopback expecting no rule,
// hold this lock, one per namespace: the engines of the matrix each have their own (so a
// rootless engine's long firewall phase never holds up another engine's probes), and runs
// on the host share the host's. It is re-entrant within a process.

const LOCK_POLL_MS = 100;
const LOCK_TIMEOUT_MS = 180_000;
let heldDepth = 0;

/** The lock of the reader's machine's namespace (host-net.ts), named by its inode. */
export function loopbackGuardLockDir(): string {
  const link = hostNetNamespace();
  const inode = /^net:\[(\d+)\]$/.exec(link)?.[1];
  if (!inode) throw new Error(`Unexpected network namespace link ${link}, expected net:[<inode>]`);
  return join(runDir(), `loopback-guard-${inode}.lock`);
}


function tryTakeLock(): boolean {
  const dir = loopbackGuardLockDir();
  mkdirSync(runDir(), { recursive: true });
  try {
    mkdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    if (lockOwnerGone(dir)) rmSync(dir, { recursive: true, force: true });
    return false;
  }
  writeFileSync(join(dir, 'owner'), `${process.pid} ${processStartTime(process.pid) ?? ''}\n`);
  return true;
}

function lockOwnerGone(dir: string): boolean {
  let owner: string;
  try {
    owner = readFileSync(join(dir, 'owner'), 'utf8').trim();
  } catch {
    return false; // Being created right now.
  }
  const [pid, start] = owner.split(' ');
  if (!isPidAlive(Number(pid))) return true;
  return start !== undefined && start !== '' && processStartTime(Number(pid)) !== start;
}

/** Runs fn while no other process adds or relies on the loopback guard rule. */
export async function withLoopbackGuardLock<T>(fn: () => Promise<T>): Promise<T> {
  if (heldDepth === 0) {
    const deadline = Date.now() + LOCK_TIMEOUT_MS;
    while (!tryTakeLock()) {
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${loopbackGuardLockDir()}; if no harness run is active, remove that directory`);
      await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
    }
  }
  heldDepth += 1;
  try {
    return await fn();
  } finally {
    heldDepth -= 1;
    if (heldDepth === 0) rmSync(loopbackGuardLockDir(), { recursive: true, force: true });
  }
}
