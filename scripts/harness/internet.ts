/**
 * A stand-in for the internet, in a network namespace routed from the reader's machine
 * (host-net.ts): what the egress claims send their attempts to, so that no test packet
 * needs to leave this machine (egress-guard.ts makes sure none does).
 *
 * It holds, on documentation addresses that no real host has (RFC 5737 TEST-NET-3,
 * 203.0.113.0/24: one free /28 per session):
 * - the LLM endpoint's stand-in (`llm.<suffix>.test`), answering HTTP on 80, 443 and 8443;
 * - a host the allow-list does not name (`unlisted.<suffix>.test`), on 80 and 443;
 * - a DNS server, Debian's dnsmasq, answering those two names and refusing every other
 *   (it forwards nothing: it has no upstream server);
 * - the cloud metadata address 169.254.169.254, reachable only from the interfaces a test
 *   names (routeMetadataFrom): on a cloud machine that address is the machine's own
 *   metadata service, which the harness must not take away from it.
 *
 * The servers are busybox httpd, each serving a page that names the host, so an answer
 * proves which host was reached. Every request and query is recorded (httpd -vv,
 * dnsmasq --log-queries), for the evidence of what got through.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pWaitFor from 'p-wait-for';
import { runProcess, runProcessSync } from './docker';
import { inHostNet } from './host-net';
import { freeBlock, numberToIp, usedPrefixes } from './ipv4';

const BUSYBOX = process.env.OPENHANDS_GUIDE_BUSYBOX ?? '/bin/busybox';
const DNSMASQ = process.env.OPENHANDS_GUIDE_DNSMASQ ?? '/usr/sbin/dnsmasq';
export const METADATA_ADDRESS = '169.254.169.254';
const SERVER_START_TIMEOUT_MS = 5_000;

/**
 * The zone of a session's names, `<suffix>.test`: `.test` is reserved (RFC 6761) and never
 * resolves on the internet, and the suffix keeps concurrent runs apart (each run's guard
 * counts only queries for its own zone, egress-guard.ts).
 */
export const internetZone = (suffix: string): string => `${suffix}.test`;

/** The names the stand-in resolver answers. */
export function internetNames(suffix: string): Readonly<Record<InternetHostName, string>> {
  return { llm: `llm.${internetZone(suffix)}`, unlisted: `unlisted.${internetZone(suffix)}` };
}
export type InternetHostName = 'llm' | 'unlisted';

/** The ports each host answers on. 8443 is "another port on the allowed host". */
export const INTERNET_PORTS: Readonly<Record<InternetHostName | 'metadata', readonly number[]>> = {
  llm: [80, 443, 8443],
  unlisted: [80, 443],
  metadata: [80],
};

export interface InternetRequest {
  readonly host: InternetHostName | 'metadata';
  readonly port: number;
  /** The line httpd logged, e.g. `203.0.113.1:40214: url:/`. */
  readonly line: string;
}

export interface StandInInternet {
  readonly namespace: string;
  readonly hostInterface: string;
  /** The namespace's end of the link, which the routes on the reader's machine point at. */
  readonly gateway: string;
  /** The session's /28 of 203.0.113.0/24. */
  readonly block: string;
  readonly addresses: Readonly<Record<InternetHostName | 'resolver', string>>;
  /** The hosts' names, in the session's zone. */
  readonly names: Readonly<Record<InternetHostName, string>>;
  /** Every address test traffic may be sent to: the /28's hosts and the metadata address. */
  isInternetAddress(address: string): boolean;
  /** What each server's page says: `<host> stand-in`, so an answer names the host it came from. */
  pageOf(host: InternetHostName | 'metadata'): string;
  /** Requests the servers answered so far. */
  requests(): readonly InternetRequest[];
  /** Names the resolver was asked so far (dnsmasq's query log). */
  queries(): readonly string[];
  /** Routes 169.254.169.254 to the stand-in for packets that arrive on this interface (a bridge of the test's). */
  routeMetadataFrom(inputInterface: string): Promise<void>;
  remove(): Promise<void>;
}

export function internetNamespaceName(suffix: string): string {
  return `ohg-${suffix}-inet`;
}

/** Interface names must fit IFNAMSIZ (15 characters). */
export function internetInterfaceNames(suffix: string): { readonly host: string; readonly namespace: string } {
  return { host: `ohg${suffix}i`, namespace: `ohg${suffix}w` };
}

/** The routing table that carries the metadata route, one per session (numbers below 2^31, clear of 253..255). */
export function metadataTable(suffix: string): number {
  return 0x4f480000 + Number.parseInt(suffix, 16);
}

const NAMESPACE_PATTERN = /^ohg-([0-9a-f]{6})-inet$/;

/** Suffixes of every stand-in internet namespace on this machine (any session). */
export function listInternetSuffixesSync(): string[] {
  const result = runProcessSync('ip', ['netns', 'list']);
  if (result.exitCode !== 0) return [];
  return result.stdout
    .split('\n')
    .map((line) => NAMESPACE_PATTERN.exec(line.split(' ')[0] ?? '')?.[1])
    .filter((suffix): suffix is string => suffix !== undefined);
}

/**
 * Removes a session's stand-in internet: its servers (a namespace outlives its processes
 * otherwise), the metadata rules and table, the namespace (which takes the link and its
 * routes with it). True when something was removed.
 */
export function removeInternetSync(suffix: string): boolean {
  const namespace = internetNamespaceName(suffix);
  let removed = false;
  const pids = runProcessSync('ip', ['netns', 'pids', namespace]);
  for (const pid of pids.exitCode === 0 ? pids.stdout.split('\n').filter((p) => /^\d+$/.test(p)) : []) {
    try {
      process.kill(Number(pid), 'SIGKILL');
      removed = true;
    } catch {
      // Already gone.
    }
  }
  const table = String(metadataTable(suffix));
  while (runProcessSync(...inHostNet('ip', ['rule', 'delete', 'table', table])).exitCode === 0) removed = true;
  runProcessSync(...inHostNet('ip', ['route', 'flush', 'table', table]));
  if (runProcessSync('ip', ['netns', 'delete', namespace]).exitCode === 0) removed = true;
  // Left behind only if setup failed between creating the pair and moving its end.
  if (runProcessSync(...inHostNet('ip', ['link', 'delete', internetInterfaceNames(suffix).host])).exitCode === 0) removed = true;
  for (const entry of readdirSync(tmpdir())) {
    if (!entry.startsWith(homePrefix(suffix))) continue;
    rmSync(join(tmpdir(), entry), { recursive: true, force: true });
    removed = true;
  }
  return removed;
}

/** The servers' pages live in `<tmp>/ohg-<suffix>-inet-XXXXXX`. */
const homePrefix = (suffix: string): string => `ohg-${suffix}-inet-`;

export async function createStandInInternet(session: { readonly suffix: string }): Promise<StandInInternet> {
  if (process.getuid?.() !== 0) {
    throw new Error('createStandInInternet needs root (network namespaces, veth pairs, routes); run the harness as root or without egress claims');
  }
  const { suffix } = session;
  const namespace = internetNamespaceName(suffix);
  const names = internetInterfaceNames(suffix);
  const used = await usedPrefixes();
  const link = freeBlock('198.18.0.0/15', 30, used, 'the stand-in internet\'s link');
  const block = freeBlock('203.0.113.0/24', 28, used, 'the stand-in internet');
  const hostEnd = numberToIp(link + 1);
  const gateway = numberToIp(link + 2);
  const addresses = { llm: numberToIp(block + 1), unlisted: numberToIp(block + 2), resolver: numberToIp(block + 3) } as const;
  const hostNames = internetNames(suffix);
  const table = String(metadataTable(suffix));
  const home = mkdtempSync(join(tmpdir(), homePrefix(suffix)));
  const children: ChildProcess[] = [];
  const requests: InternetRequest[] = [];
  const queries: string[] = [];
  const inNamespace = (args: readonly string[]) => execOrThrow('ip', ['-n', namespace, ...args]);
  const onHost = (args: readonly string[]) => execOrThrow(...inHostNet('ip', args));

  const teardown = (): void => {
    for (const child of children) child.kill('SIGKILL');
    removeInternetSync(suffix);
  };

  try {
    if ((await runProcess(...inHostNet('ip', ['route', 'show', 'table', table]))).stdout.trim() !== '') {
      throw new Error(`Routing table ${table} of the stand-in internet already holds routes; another run with suffix ${suffix} may be live; if none is, the next run removes it, or delete the routes with "ip route flush table ${table}"`);
    }
    await execOrThrow('ip', ['netns', 'add', namespace]);
    await onHost(['link', 'add', names.host, 'type', 'veth', 'peer', 'name', names.namespace, 'netns', namespace]);
    await onHost(['address', 'add', `${hostEnd}/30`, 'dev', names.host]);
    await onHost(['link', 'set', names.host, 'up']);
    await inNamespace(['address', 'add', `${gateway}/30`, 'dev', names.namespace]);
    for (const address of [addresses.llm, addresses.unlisted, addresses.resolver, METADATA_ADDRESS]) {
      await inNamespace(['address', 'add', `${address}/32`, 'dev', names.namespace]);
    }
    await inNamespace(['link', 'set', 'lo', 'up']);
    await inNamespace(['link', 'set', names.namespace, 'up']);
    // Answers go back to the link: Docker masquerades containers' traffic to the machine's
    // address on the outgoing interface, which is the host end of this link.
    await inNamespace(['route', 'add', 'default', 'via', hostEnd]);
    await onHost(['route', 'add', numberToIp(block) + '/28', 'via', gateway, 'dev', names.host]);
    await onHost(['route', 'add', `${METADATA_ADDRESS}/32`, 'via', gateway, 'dev', names.host, 'table', table]);

    const hosts: Record<InternetHostName | 'metadata', string> = { llm: addresses.llm, unlisted: addresses.unlisted, metadata: METADATA_ADDRESS };
    for (const [host, address] of Object.entries(hosts) as [InternetHostName | 'metadata', string][]) {
      const dir = join(home, host);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'index.html'), `${pageOf(host)}\n`);
      for (const port of INTERNET_PORTS[host]) {
        const child = await startServer(namespace, [BUSYBOX, 'httpd', '-f', '-vv', '-p', `${address}:${port}`, '-h', dir], `${host}:${port}`);
        child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
          for (const line of chunk.split('\n').filter((l) => l.includes('url:'))) requests.push({ host, port, line: line.trim() });
        });
        children.push(child);
      }
    }
    const dnsmasq = await startServer(
      namespace,
      [
        DNSMASQ, '--keep-in-foreground', '--no-resolv', '--no-hosts', '--no-poll', '--bind-interfaces',
        `--listen-address=${addresses.resolver}`, '--except-interface=lo', '--pid-file=', '--user=root', '--group=root',
        `--address=/${hostNames.llm}/${addresses.llm}`, `--address=/${hostNames.unlisted}/${addresses.unlisted}`,
        '--log-queries', '--log-facility=-',
      ],
      'dnsmasq',
    );
    dnsmasq.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      for (const match of chunk.matchAll(/query\[\w+\] (\S+) from/g)) queries.push(match[1] ?? '');
    });
    children.push(dnsmasq);
  } catch (error) {
    teardown();
    throw error;
  }

  const inBlock = (address: string): boolean => {
    const parts = address.split('.').map(Number);
    if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return false;
    const value = parts.reduce((acc, octet) => acc * 256 + octet, 0);
    return value >= block && value < block + 16;
  };

  return {
    namespace,
    hostInterface: names.host,
    gateway,
    block: `${numberToIp(block)}/28`,
    addresses,
    names: hostNames,
    isInternetAddress: (address) => address === METADATA_ADDRESS || inBlock(address),
    pageOf,
    requests: () => [...requests],
    queries: () => [...queries],
    async routeMetadataFrom(inputInterface) {
      if (!/^[\w.-]{1,15}$/.test(inputInterface)) throw new Error(`Unexpected interface name ${inputInterface}`);
      await onHost(['rule', 'add', 'iif', inputInterface, 'to', `${METADATA_ADDRESS}/32`, 'lookup', table]);
    },
    async remove() {
      teardown();
    },
  };
}

function pageOf(host: InternetHostName | 'metadata'): string {
  return `${host} stand-in`;
}

/**
 * Starts a server in the namespace and waits until its process is up; a server that exits
 * at once (address in use, binary missing) fails the setup with its own message.
 */
async function startServer(namespace: string, command: readonly string[], what: string): Promise<ChildProcess> {
  const child = spawn('ip', ['netns', 'exec', namespace, ...command], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const spawnError = new Promise<Error>((resolve) => child.once('error', resolve));
  const outcome = await Promise.race([
    exited.then((code) => `exited with ${code}`),
    spawnError.then((error) => error.message),
    listening(namespace, command, SERVER_START_TIMEOUT_MS).then((up) => (up ? 'up' : 'not listening')),
  ]);
  if (outcome !== 'up') {
    child.kill('SIGKILL');
    throw new Error(`The stand-in internet's ${what} did not start (${outcome}): ${stderr.trim() || command.join(' ')}`);
  }
  // The process must not keep the harness alive once the tests are done.
  child.unref();
  return child;
}

/** Whether the server's address:port listens in the namespace, polled until the timeout (p-wait-for). */
async function listening(namespace: string, command: readonly string[], timeoutMs: number): Promise<boolean> {
  const bind = command.find((arg) => /^\d+\.\d+\.\d+\.\d+:\d+$/.test(arg)) ?? `${command.find((arg) => arg.startsWith('--listen-address='))?.slice('--listen-address='.length)}:53`;
  const up = async (): Promise<boolean> => {
    const sockets = await runProcess('ip', ['netns', 'exec', namespace, 'ss', '-Hltun']);
    return sockets.stdout.split('\n').some((line) => line.includes(` ${bind} `));
  };
  return pWaitFor(up, { interval: 50, timeout: timeoutMs }).then(() => true, () => false);
}

async function execOrThrow(file: string, args: readonly string[]): Promise<void> {
  const result = await runProcess(file, args);
  if (result.exitCode !== 0) {
    throw new Error(`\`${file} ${args.join(' ')}\` failed (exit ${result.exitCode}): ${result.stderr.trim()}`);
  }
}
