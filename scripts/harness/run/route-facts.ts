import { readFileSync } from 'node:fs';
import { runProcess } from '../docker';
import { listGuideRulesSync } from '../firewall';
import { hostNetNamespace, hostNetPid, inHostNet } from '../host-net';

/**
 * What the reader's machine (host-net.ts) does with packets for an address, for the evidence
 * of a probe that failed: which namespace it ran in, the route it takes, whether that interface
 * lets the machine's own 127.0.0.1 connections out once they are forwarded to a container
 * (route_localnet; netavark sets it on each bridge it creates, containers/netavark@9a10e462
 * src/network/bridge.rs), and which of this run's firewall rules are in place at that moment.
 * It explains a result; it never decides one.
 */
export async function routeFacts(address: string, firewallComment: string): Promise<string> {
  const route = await runProcess(...inHostNet('ip', ['-4', '-o', 'route', 'get', address]));
  const line = route.exitCode === 0 ? route.stdout.trim().split('\n')[0]!.replace(/\s*\\\s*/g, ' ').replace(/\s+/g, ' ').trim() : `no route (${route.stderr.trim()})`;
  const dev = /\bdev (\S+)/.exec(line)?.[1];
  const localnet = dev ? await sysctl(`net/ipv4/conf/${dev}/route_localnet`) : undefined;
  const rules = listGuideRulesSync()
    .filter((rule) => rule.comment === firewallComment)
    .map((rule) => `${rule.table} ${rule.chain} ${rule.spec.join(' ').replace(/ ?-m comment --comment \S+/, '')}`);
  return `${machine()}route to ${address}: ${line}${dev ? `; route_localnet on ${dev} = ${localnet ?? '?'}` : ''}; this run's rules: ${rules.length ? rules.join(' | ') : 'none'}`;
}

async function sysctl(path: string): Promise<string | undefined> {
  const result = await runProcess(...inHostNet('cat', [`/proc/sys/${path}`]));
  return result.exitCode === 0 ? result.stdout.trim() : undefined;
}

/** Which network namespace "this machine" was: the engine's process it was entered through. */
function machine(): string {
  const pid = hostNetPid();
  if (!pid) return '';
  try {
    return `machine: pid ${pid} (${readFileSync(`/proc/${pid}/comm`, 'utf8').trim()}, ${hostNetNamespace()}); `;
  } catch (error) {
    return `machine: pid ${pid} (${(error as Error).message}); `;
  }
}
