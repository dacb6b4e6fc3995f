/**
 * IPv4 prefixes on the reader's machine (host-net.ts), and free blocks in ranges the harness
 * takes its addresses from: the LAN neighbour's link (lan.ts) and the stand-in internet
 * (internet.ts) must overlap no address or route the machine already has, or a probe
 * could reach something the tests did not create.
 */
import { randomInt } from 'node:crypto';
import { runProcess } from './docker';
import { inHostNet } from './host-net';

export interface Prefix {
  readonly network: number;
  readonly length: number;
}

/** Every IPv4 prefix the reader's machine has an address or route for, in any routing table. */
export async function usedPrefixes(): Promise<Prefix[]> {
  const [addresses, routes] = await Promise.all([
    runProcess(...inHostNet('ip', ['-4', '-o', 'address', 'show'])),
    runProcess(...inHostNet('ip', ['-4', 'route', 'show', 'table', 'all'])),
  ]);
  const prefixes: Prefix[] = [];
  for (const match of addresses.stdout.matchAll(/\binet (\d+\.\d+\.\d+\.\d+)\/(\d+)/g)) {
    prefixes.push(toPrefix(match[1] ?? '', Number(match[2])));
  }
  for (const line of routes.stdout.split('\n')) {
    const match = /^(?:(?:local|broadcast|unicast|unreachable|blackhole|prohibit|throw|nat|anycast|multicast)\s+)?(\d+\.\d+\.\d+\.\d+)(?:\/(\d+))?/.exec(line);
    if (match) prefixes.push(toPrefix(match[1] ?? '', match[2] === undefined ? 32 : Number(match[2])));
  }
  return prefixes;
}

/**
 * A random block of `2^(32-length)` addresses inside `range` that overlaps none of `used`;
 * returns its first address as a number. `what` names the block in the error.
 */
export function freeBlock(range: string, length: number, used: readonly Prefix[], what: string): number {
  const [base, rangeLength] = parseCidr(range);
  const blocks = 2 ** (length - rangeLength);
  const size = 2 ** (32 - length);
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const candidate = { network: base + randomInt(blocks) * size, length };
    if (!used.some((prefix) => overlaps(prefix, candidate))) return candidate.network;
  }
  throw new Error(`No free /${length} in ${range} for ${what}: the machine routes most of that range (ip -4 route show table all)`);
}

function parseCidr(cidr: string): [number, number] {
  const [address, length] = cidr.split('/');
  return [ipToNumber(address ?? ''), Number(length)];
}

export function toPrefix(address: string, length: number): Prefix {
  return { network: (ipToNumber(address) & mask(length)) >>> 0, length };
}

function mask(length: number): number {
  return length === 0 ? 0 : (~0 << (32 - length)) >>> 0;
}

export function overlaps(a: Prefix, b: Prefix): boolean {
  const shorter = Math.min(a.length, b.length);
  return ((a.network & mask(shorter)) >>> 0) === ((b.network & mask(shorter)) >>> 0);
}

export function ipToNumber(address: string): number {
  return address.split('.').reduce((acc, octet) => acc * 256 + Number(octet), 0);
}

export function numberToIp(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}
