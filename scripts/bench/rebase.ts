/**
 * The raw baseline runs the text the harness ran, but under a fresh session: the
 * harness's containers, networks, labels and firewall comment belong to a session that
 * is gone by then, and its names must never be reused. Every session-specific value in
 * that text came from one of the harness's rewrites (or a placeholder), and the report
 * lists each of them with what it became, so the baseline swaps exactly those values for
 * the fresh session's. Pure, so test/bench can check it.
 */

import { PLACEHOLDERS } from '../../src/snippets/words';

export interface HarnessRun {
  readonly id: string;
  readonly ran: string;
  readonly rewrites: readonly { readonly rule: string; readonly from: string; readonly to: string }[];
  readonly placeholders: readonly { readonly placeholder: string; readonly value: string }[];
}

/** The fresh session's values for whatever the harness's session put in the text. */
export interface FreshValues {
  /** `openhands-app` -> `openhands-app-<fresh suffix>`. */
  uniqueName(documented: string): string;
  /** The fresh session's `--label k=v` flags, as the harness renders them. */
  readonly labelFlags: readonly string[];
  readonly firewallComment: string;
  /** `label=KEY=VALUE` naming the fresh session, for substituted listings. */
  readonly sessionFilter: string;
  /** A free host port for a documented one, the same port for the same documented port. */
  hostPort(documented: number): number;
  /** Filled in where the harness filled the `/path/to/your/code` placeholders. */
  readonly workspace: string;
}

export interface Rebased {
  readonly text: string;
  /** Every swap made, old -> new. */
  readonly swaps: readonly { readonly from: string; readonly to: string }[];
}

/** Rules whose output is the same in every session: nothing to swap. */
const SESSION_FREE_RULES = new Set(['no-tty', 'no-pull']);

/** `-p [HOST:]PORT:CPORT`, the host part an address, "$NAME" or a guarded "${NAME:?message}". */
const PUBLISH = /^((?:[0-9.]+:|"\$\w+":|"\$\{\w+:\?[^}"]*\}":)?)(\d+)(:\d+(?:\/\w+)?)$/;
/** The documented app port whose moved value `app-host-port` passes on (1.x: 3000, profile.ts). */
const APP_PORT_OF_CALLBACK = 3000;

/** The new value for one rewrite's output, or undefined when it is the same in every session. */
function freshValue(rewrite: HarnessRun['rewrites'][number], fresh: FreshValues): string | undefined {
  switch (rewrite.rule) {
    case 'unique-name':
      return fresh.uniqueName(rewrite.from);
    case 'session-labels':
      return ` ${fresh.labelFlags.join(' ')}`;
    case 'firewall-comment':
      return ` -m comment --comment ${fresh.firewallComment}`;
    case 'session-filter':
      return ` --filter ${fresh.sessionFilter}`;
    case 'free-host-port': {
      const from = PUBLISH.exec(rewrite.from);
      const to = PUBLISH.exec(rewrite.to);
      if (!from || !to) throw new Error(`cannot read the published port in "${rewrite.from}" -> "${rewrite.to}"`);
      return `${to[1]}${fresh.hostPort(Number(from[2]))}${to[3]}`;
    }
    case 'app-host-port': {
      // ` -e SANDBOX_HOST_PORT=<moved>`: the same moved port as the app's publish, freshly picked.
      const match = /^(\s-e\s+\w+=)(\d+)$/.exec(rewrite.to);
      if (!match) throw new Error(`cannot read the app's port in "${rewrite.to}"`);
      return `${match[1]}${fresh.hostPort(APP_PORT_OF_CALLBACK)}`;
    }
    default:
      if (SESSION_FREE_RULES.has(rewrite.rule)) return undefined;
      // A rule this file does not know may carry session values: refuse rather than reuse them.
      throw new Error(`unknown rewrite rule "${rewrite.rule}": scripts/bench/rebase.ts must learn what it puts in the text`);
  }
}

/** Session ids that appear in the harness's labels and firewall comment. */
export function sessionIdsIn(run: HarnessRun): string[] {
  const ids = new Set<string>();
  for (const rewrite of run.rewrites) {
    for (const match of rewrite.to.matchAll(/org\.openhands-guide\.session=([0-9a-f]+)/g)) ids.add(match[1]!);
    for (const match of rewrite.to.matchAll(/--comment openhands-guide-([0-9a-f]+)/g)) ids.add(match[1]!);
  }
  return [...ids];
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Swaps every session-specific value in one pass (longest first, so a name never
 * clobbers a longer value that contains it), then checks that none of the old
 * session's values is left. Throws when the text cannot be rebased safely.
 */
export function rebaseRan(run: HarnessRun, fresh: FreshValues): Rebased {
  const map = new Map<string, string>();
  const put = (from: string, to: string): void => {
    if (from === '' || from === to) return;
    const known = map.get(from);
    if (known !== undefined && known !== to) throw new Error(`snippet ${run.id}: "${from}" would become both "${known}" and "${to}"`);
    map.set(from, to);
  };
  for (const rewrite of run.rewrites) {
    const value = freshValue(rewrite, fresh);
    if (value !== undefined) put(rewrite.to, value);
  }
  for (const { placeholder, value } of run.placeholders) {
    // The raw baseline has no LAN neighbour whose link a rule could name in its place.
    if (placeholder === PLACEHOLDERS.lanInterface) throw new Error(`snippet ${run.id}: names the harness's LAN neighbour link (${value}), which the raw baseline does not have`);
    put(value, fresh.workspace);
  }

  const keys = [...map.keys()].sort((a, b) => b.length - a.length);
  const text = keys.length === 0 ? run.ran : run.ran.replace(new RegExp(keys.map(escape).join('|'), 'g'), (found) => map.get(found)!);

  const leftovers = [...sessionIdsIn(run), ...keys].filter((old) => text.includes(old) && ![...map.values()].some((value) => value.includes(old)));
  if (leftovers.length > 0) throw new Error(`snippet ${run.id}: the harness's session values are still in the text after rebasing: ${leftovers.join(', ')}`);
  return { text, swaps: keys.map((from) => ({ from, to: map.get(from)! })) };
}

/** Whether the harness ran this snippet as root for a host firewall rule. */
export function addsFirewallRule(run: HarnessRun): boolean {
  return run.rewrites.some((rewrite) => rewrite.rule === 'firewall-comment');
}

/** The documented host ports the harness moved (each needs a fresh free port). */
export function movedHostPorts(run: HarnessRun): number[] {
  const ports = new Set<number>();
  for (const rewrite of run.rewrites) {
    if (rewrite.rule !== 'free-host-port') continue;
    const from = PUBLISH.exec(rewrite.from);
    if (from) ports.add(Number(from[2]));
  }
  return [...ports];
}
