/**
 * The guard that keeps the egress tests on this machine: while they run, every packet from
 * an address the tests made, and every DNS query for a name of the run's `.test` zone, headed for the
 * interface of a default route (the machine's real uplink) is dropped and counted. A run
 * whose counter is not zero has tried to send something out, and fails; the packet itself
 * was dropped, so nothing left.
 *
 * Rules live in one chain per session, `OHG-<suffix>-EGRESS` in the mangle table, jumped to
 * first from POSTROUTING (containers' traffic and the machine's own, such as the daemon
 * forwarding a container's query from its own namespace), for IPv4 and IPv6. The jumps carry the session's firewall comment, so the cleanup that
 * removes a crashed session's rules removes them too (firewall.ts).
 */
import { runProcess, runProcessSync } from './docker';
import { inHostNet } from './host-net';

type Family = 'iptables' | 'ip6tables';
const FAMILIES: readonly Family[] = ['iptables', 'ip6tables'];
/**
 * mangle POSTROUTING sees every packet about to leave by an interface, forwarded or the
 * machine's own, before NAT rewrites its source; and Docker never reorders that table (it
 * moves its DOCKER-USER jump back to the top of filter FORWARD whenever a network is made).
 */
const TABLE = 'mangle';
const HOOKS = ['POSTROUTING'] as const;
/**
 * The session's zone `<suffix>.test` (internet.ts) as DNS labels on the wire (length byte,
 * label, ..., the root's empty label): a query for any name in it. Only the session's own
 * zone, so that a concurrent run's queries count against that run, not this one.
 */
export const zoneLabels = (suffix: string): string => `|06|${suffix}|04|test|00|`;

export interface EgressGuard {
  readonly chain: string;
  /** The default-route interfaces the guard closes, per family. */
  readonly uplinks: Readonly<Record<Family, readonly string[]>>;
  /** Adds DROP rules for packets from these addresses (containers the tests made) towards the uplinks. */
  cover(addresses: readonly string[]): Promise<void>;
  /**
   * Takes the rules of these addresses away, keeping what they counted: call it before their
   * containers go. An engine gives a freed address to its next container, which may be another
   * test's, or the reader's own, and must not be counted (nor dropped) as this run's.
   */
  uncover(addresses: readonly string[]): Promise<void>;
  /** Packets the guard dropped so far: zero, or the run sent (tried to send) something out. */
  dropped(): Promise<number>;
  /** Of those, the queries for the run's zone (the string rules, which come first in the chain). */
  droppedQueries(): Promise<number>;
  /** The guard's rules with their counters, as `iptables -L -v` shows them: the evidence of a non-zero count. */
  listing(): Promise<string>;
  remove(): Promise<void>;
}

export function egressChainName(suffix: string): string {
  return `OHG-${suffix}-EGRESS`;
}

/** The interfaces of the machine's default routes, per family. */
export async function defaultRouteInterfaces(): Promise<Record<Family, string[]>> {
  const read = async (flag: '-4' | '-6'): Promise<string[]> => {
    const out = (await runProcess(...inHostNet('ip', [flag, 'route', 'show', 'default']))).stdout;
    return [...new Set([...out.matchAll(/\bdev (\S+)/g)].map((m) => m[1] ?? '').filter((name) => name !== ''))];
  };
  const [v4, v6] = await Promise.all([read('-4'), read('-6')]);
  return { iptables: v4, ip6tables: v6 };
}

export async function createEgressGuard(session: { readonly suffix: string; readonly firewallComment: string }): Promise<EgressGuard> {
  if (process.getuid?.() !== 0) throw new Error('createEgressGuard needs root (iptables); run the harness as root or without egress claims');
  const chain = egressChainName(session.suffix);
  const uplinks = await defaultRouteInterfaces();
  if (uplinks.iptables.length === 0 && uplinks.ip6tables.length === 0) {
    throw new Error('The egress guard found no default route (`ip route show default`): it cannot tell which interface leaves this machine; refusing to run egress tests unguarded');
  }
  const covered = new Set<string>();
  /** Packets counted by rules that uncover() has since removed. */
  let retired = 0;
  try {
    for (const family of FAMILIES) {
      await run(family, ['-N', chain]);
      for (const uplink of uplinks[family]) {
        for (const protocol of ['udp', 'tcp']) {
          await run(family, ['-A', chain, '-o', uplink, '-p', protocol, '--dport', '53', '-m', 'string', '--algo', 'bm', '--hex-string', zoneLabels(session.suffix), '-j', 'DROP']);
        }
      }
      for (const hook of HOOKS) await run(family, ['-I', hook, '1', '-m', 'comment', '--comment', session.firewallComment, '-j', chain]);
    }
  } catch (error) {
    removeEgressGuardSync(session);
    throw error;
  }

  return {
    chain,
    uplinks,
    async cover(addresses) {
      for (const address of addresses) {
        if (covered.has(address)) continue;
        const family: Family = address.includes(':') ? 'ip6tables' : 'iptables';
        for (const uplink of uplinks[family]) await run(family, ['-A', chain, '-s', address, '-o', uplink, '-j', 'DROP']);
        covered.add(address);
      }
    },
    async uncover(addresses) {
      for (const address of addresses) {
        if (!covered.has(address)) continue;
        const family: Family = address.includes(':') ? 'ip6tables' : 'iptables';
        const listing = (await runOrThrow(family, ['-L', chain, '-v', '-x', '-n'])).stdout;
        retired += countPackets(listing.split('\n').filter((line, index) => index < 2 || line.trim().split(/\s+/).includes(address)).join('\n'));
        for (const uplink of uplinks[family]) await run(family, ['-D', chain, '-s', address, '-o', uplink, '-j', 'DROP']);
        covered.delete(address);
      }
    },
    async dropped() {
      let total = retired;
      for (const family of FAMILIES) total += countPackets((await runOrThrow(family, ['-L', chain, '-v', '-x', '-n'])).stdout);
      return total;
    },
    async droppedQueries() {
      let total = 0;
      for (const family of FAMILIES) {
        const listing = (await runOrThrow(family, ['-L', chain, '-v', '-x', '-n'])).stdout;
        total += countPackets(listing.split('\n').filter((line, index) => index < 2 || line.includes('STRING match')).join('\n'));
      }
      return total;
    },
    async listing() {
      const parts: string[] = [];
      for (const family of FAMILIES) parts.push(`${family}:\n${(await runOrThrow(family, ['-L', chain, '-v', '-x', '-n'])).stdout}`);
      return parts.join('\n');
    },
    async remove() {
      removeEgressGuardSync(session);
    },
  };
}

/** Sums the packet column of `iptables -L CHAIN -v -x -n` (the first number of each rule line). */
export function countPackets(listing: string): number {
  return listing
    .split('\n')
    .slice(2)
    .map((line) => /^\s*(\d+)\s+\d+\s/.exec(line)?.[1])
    .filter((count): count is string => count !== undefined)
    .reduce((sum, count) => sum + Number(count), 0);
}

/** Removes the session's jumps and chain, in both families; true when something was removed. */
export function removeEgressGuardSync(session: { readonly suffix: string; readonly firewallComment: string }): boolean {
  const chain = egressChainName(session.suffix);
  let removed = false;
  for (const family of FAMILIES) {
    for (const hook of HOOKS) {
      while (runProcessSync(...inHostNet(family, ['-w', '-t', TABLE, '-D', hook, '-m', 'comment', '--comment', session.firewallComment, '-j', chain])).exitCode === 0) removed = true;
    }
    if (runProcessSync(...inHostNet(family, ['-w', '-t', TABLE, '-F', chain])).exitCode === 0) {
      runProcessSync(...inHostNet(family, ['-w', '-t', TABLE, '-X', chain]));
      removed = true;
    }
  }
  return removed;
}

/**
 * Suffixes of every egress chain on this machine (any session, either family). A crashed
 * session's jumps go with its other commented rules; its chain is removed by suffix.
 */
export function listEgressChainSuffixesSync(): string[] {
  const suffixes = new Set<string>();
  for (const family of FAMILIES) {
    const result = runProcessSync(...inHostNet(family, ['-w', '-t', TABLE, '-S']));
    if (result.exitCode !== 0) continue;
    for (const line of result.stdout.split('\n')) {
      const match = /^-N (OHG-([0-9a-f]{6})-EGRESS)$/.exec(line.trim());
      if (match?.[2]) suffixes.add(match[2]);
    }
  }
  return [...suffixes];
}

/** Removes a chain left by a session that is gone (its jumps are removed by comment first). */
export function removeEgressChainSync(suffix: string): boolean {
  const chain = egressChainName(suffix);
  let removed = false;
  for (const family of FAMILIES) {
    for (const hook of HOOKS) {
      // Jumps whose comment is lost still name the chain; -X refuses while any remains.
      const rules = runProcessSync(...inHostNet(family, ['-w', '-t', TABLE, '-S', hook])).stdout.split('\n').filter((line) => line.endsWith(`-j ${chain}`));
      for (const rule of rules) {
        const spec = rule.trim().split(/\s+/).slice(2).map((arg) => arg.replace(/^"|"$/g, ''));
        if (runProcessSync(...inHostNet(family, ['-w', '-t', TABLE, '-D', hook, ...spec])).exitCode === 0) removed = true;
      }
    }
    if (runProcessSync(...inHostNet(family, ['-w', '-t', TABLE, '-F', chain])).exitCode === 0 && runProcessSync(...inHostNet(family, ['-w', '-t', TABLE, '-X', chain])).exitCode === 0) removed = true;
  }
  return removed;
}

async function run(family: Family, args: readonly string[]): Promise<void> {
  await runOrThrow(family, args);
}

async function runOrThrow(family: Family, args: readonly string[]): Promise<{ stdout: string }> {
  const result = await runProcess(...inHostNet(family, ['-w', '-t', TABLE, ...args]));
  if (result.exitCode !== 0) throw new Error(`\`${family} ${args.join(' ')}\` failed (exit ${result.exitCode}): ${result.stderr.trim()}`);
  return result;
}
