/**
 * Another host on the Docker host's LAN, played by a network namespace joined to the host
 * by a veth pair (the host being the reader's machine of host-net.ts: this host, or the
 * engine container that stands for it). It answers what the guide's port claims are about: what a neighbour can
 * reach on the host's address, and whether it can reach a port published on 127.0.0.1 by
 * routing 127.0.0.0/8 via the host (moby #45610: possible on engines before 28.0.0).
 *
 * Addresses come from 198.18.0.0/15 (RFC 2544 benchmarking), one random /30 per session that
 * overlaps no address or route on the host. Probes go only to the host's own addresses:
 * the namespace sends nothing anywhere else.
 */
import { runProcess, runProcessSync } from './docker';
import { withLoopbackGuardLock } from './firewall';
import { inHostNet } from './host-net';
import { freeBlock, numberToIp, usedPrefixes } from './ipv4';

const PROBE_TIMEOUT_SECONDS = 2;
const BUSYBOX = process.env.OPENHANDS_GUIDE_BUSYBOX ?? '/bin/busybox';

export interface LanNeighbour {
  /** The network namespace, `ohg-<suffix>-lan`. */
  readonly namespace: string;
  /** The host's end of the veth pair (in the host's namespace). */
  readonly hostInterface: string;
  readonly namespaceInterface: string;
  /** The host's address as the neighbour sees it. */
  readonly hostAddress: string;
  /** The neighbour's own address. */
  readonly address: string;
  /** The /30 both addresses are in. */
  readonly subnet: string;
  /** TCP connect from the neighbour to one of the host's own addresses; true when it connected within 2 s. */
  probe(address: string, port: number): Promise<boolean>;
  /**
   * TCP connect from the neighbour to 127.0.0.1:port, with 127.0.0.0/8 routed via the host.
   * Holds the loopback guard lock of this namespace (firewall.ts) while it probes.
   */
  probeRoutedLoopback(port: number): Promise<boolean>;
  /**
   * TCP connect from the neighbour to a container's address, routed through the host, as
   * a neighbour that routes the bridge subnet via the host would. `isOurs` must confirm
   * that the address belongs to a container this run created: nothing else is probed.
   */
  probeContainer(address: string, port: number, isOurs: (address: string) => Promise<boolean>): Promise<boolean>;
  remove(): Promise<void>;
}

export function lanNamespaceName(suffix: string): string {
  return `ohg-${suffix}-lan`;
}

/** Interface names must fit IFNAMSIZ (15 characters). */
export function lanInterfaceNames(suffix: string): { readonly host: string; readonly namespace: string } {
  return { host: `ohg${suffix}h`, namespace: `ohg${suffix}n` };
}

const NAMESPACE_PATTERN = /^ohg-([0-9a-f]{6})-lan$/;

/** Suffixes of every LAN namespace on this host made by the harness (any session). */
export function listLanNamespaceSuffixesSync(): string[] {
  const result = runProcessSync(...inHostNet('ip', ['netns', 'list']));
  if (result.exitCode !== 0) return [];
  return result.stdout
    .split('\n')
    .map((line) => NAMESPACE_PATTERN.exec(line.split(' ')[0] ?? '')?.[1])
    .filter((suffix): suffix is string => suffix !== undefined);
}

/** Removes a session's namespace (which takes the veth pair with it). True when something was removed. */
export function removeLanNeighbourSync(suffix: string): boolean {
  let removed = false;
  if (runProcessSync('ip', ['netns', 'delete', lanNamespaceName(suffix)]).exitCode === 0) removed = true;
  // Left behind only if setup failed between creating the pair and moving its end.
  if (runProcessSync(...inHostNet('ip', ['link', 'delete', lanInterfaceNames(suffix).host])).exitCode === 0) removed = true;
  return removed;
}

export async function createLanNeighbour(session: { readonly suffix: string }): Promise<LanNeighbour> {
  if (process.getuid?.() !== 0) {
    throw new Error('createLanNeighbour needs root (network namespaces, veth pairs); run the harness as root or without LAN claims');
  }
  const namespace = lanNamespaceName(session.suffix);
  const names = lanInterfaceNames(session.suffix);
  const block = await freeBenchmarkBlock();
  const hostAddress = numberToIp(block + 1);
  const address = numberToIp(block + 2);
  const inNamespace = (args: readonly string[]) => ip(['-n', namespace, ...args]);
  try {
    await ip(['netns', 'add', namespace]);
    await ip(['link', 'add', names.host, 'type', 'veth', 'peer', 'name', names.namespace, 'netns', namespace]);
    await ip(['address', 'add', `${hostAddress}/30`, 'dev', names.host]);
    await ip(['link', 'set', names.host, 'up']);
    await inNamespace(['address', 'add', `${address}/30`, 'dev', names.namespace]);
    await inNamespace(['link', 'set', names.namespace, 'up']);
    await inNamespace(['route', 'add', 'default', 'via', hostAddress]);
    // The namespace's lo stays down, so 127.0.0.0/8 is not local there and this route
    // sends it to the host, as a neighbour that routes 127.0.0.0/8 via the host would.
    await inNamespace(['route', 'add', '127.0.0.0/8', 'via', hostAddress, 'dev', names.namespace]);
    // Replies come back from 127.0.0.1 (un-DNATed); without route_localnet the namespace drops them as martians.
    await execOrThrow('ip', ['netns', 'exec', namespace, BUSYBOX, 'sysctl', '-w', 'net.ipv4.conf.all.route_localnet=1', `net.ipv4.conf.${names.namespace}.route_localnet=1`]);
  } catch (error) {
    removeLanNeighbourSync(session.suffix);
    throw error;
  }

  const connect = async (target: string, port: number): Promise<boolean> => {
    const result = await runProcess('ip', [
      'netns', 'exec', namespace,
      BUSYBOX, 'timeout', String(PROBE_TIMEOUT_SECONDS + 3),
      BUSYBOX, 'nc', '-w', String(PROBE_TIMEOUT_SECONDS), target, String(port),
    ]);
    return result.exitCode === 0;
  };

  return {
    namespace,
    hostInterface: names.host,
    namespaceInterface: names.namespace,
    hostAddress,
    address,
    subnet: `${numberToIp(block)}/30`,
    async probe(target, port) {
      assertPort(port);
      if (target !== hostAddress && !(await hostAddresses()).includes(target)) {
        throw new Error(`LAN probe to ${target} refused: only the host's own addresses (${hostAddress} or one of \`ip -4 addr\`) may be probed; use probeRoutedLoopback for 127.0.0.1`);
      }
      return connect(target, port);
    },
    async probeRoutedLoopback(port) {
      assertPort(port);
      // Another run's loopback guard rule would make this fail; see withLoopbackGuardLock.
      return withLoopbackGuardLock(() => connect('127.0.0.1', port));
    },
    async probeContainer(target, port, isOurs) {
      assertPort(port);
      if (!(await isOurs(target))) throw new Error(`LAN probe to ${target} refused: it is not the address of a container this run created`);
      return connect(target, port);
    },
    async remove() {
      removeLanNeighbourSync(session.suffix);
    },
  };
}

function assertPort(port: number): void {
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`Unexpected port ${port}, expected an integer in 1..65535`);
}

/** The host's own IPv4 addresses, outside 127.0.0.0/8. */
export async function hostAddresses(): Promise<string[]> {
  const out = (await runProcess(...inHostNet('ip', ['-4', '-o', 'address', 'show']))).stdout;
  return [...out.matchAll(/\binet (\d+\.\d+\.\d+\.\d+)\//g)].map((m) => m[1] ?? '').filter((a) => a !== '' && !a.startsWith('127.'));
}

async function freeBenchmarkBlock(): Promise<number> {
  return freeBlock('198.18.0.0/15', 30, await usedPrefixes(), 'the LAN neighbour');
}

/** `ip` on the reader's machine (host-net.ts): the host's end of the pair lives there. */
async function ip(args: readonly string[]): Promise<void> {
  await execOrThrow(...inHostNet('ip', args));
}

async function execOrThrow(file: string, args: readonly string[]): Promise<void> {
  const result = await runProcess(file, args);
  if (result.exitCode !== 0) {
    throw new Error(`\`${file} ${args.join(' ')}\` failed (exit ${result.exitCode}): ${result.stderr.trim()}`);
  }
}
