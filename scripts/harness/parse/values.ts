/**
 * The value grammars of the Docker flags the guide uses, as the Docker CLI checks them
 * (docker/cli opts and go-units), restricted to what the guide may write.
 */
import { isIPv4, isIPv6 } from 'node:net';
import { quote, type Fail } from './errors';
import { quotedParameter, type ShellWord } from './shell';

/** moby's restricted name pattern for containers, networks and named volumes. */
export const DOCKER_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;
export const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const HOST_NAME = /^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$/;

/** Docker refuses smaller memory limits ("Minimum memory limit allowed is 6MB"). */
export const MIN_MEMORY_BYTES = 6 * 1024 * 1024;
const MEMORY_UNITS: Record<string, number> = { b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

/** A word whose value must be known before the command runs. */
export function literalOf(word: ShellWord, what: string, fail: Fail): string {
  if (word.literal === undefined) {
    fail(word, 'invalid-value', `Unexpected expansion in ${quote(word.raw)}, expected ${what} written out literally`);
  }
  return word.literal;
}

export function checkDockerName(word: ShellWord, what: string, fail: Fail): string {
  const name = literalOf(word, what, fail);
  if (!DOCKER_NAME.test(name)) {
    fail(word, 'invalid-value', `Unexpected ${quote(name)}, expected ${what} matching [a-zA-Z0-9][a-zA-Z0-9_.-]+`);
  }
  return name;
}

/** `--cpus`: a positive decimal, stored by Docker as NanoCpus (9 decimal places). */
export function parseCpus(word: ShellWord, fail: Fail): number {
  const text = literalOf(word, 'a number of CPUs', fail);
  const cpus = /^\d+(\.\d{1,9})?$|^\.\d{1,9}$/.test(text) ? Number(text) : NaN;
  if (!(cpus > 0)) fail(word, 'invalid-value', `Unexpected ${quote(text)}, expected a positive decimal number of CPUs for --cpus, e.g. 2 or 1.5`);
  return cpus;
}

/** Bytes of a memory size as `--memory` takes it (b, k, m, g; 1024-based), or undefined. */
export function memoryBytes(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)([bkmg])?$/i.exec(text);
  return match ? Math.floor(Number(match[1]) * MEMORY_UNITS[(match[2] ?? 'b').toLowerCase()]!) : undefined;
}

/** `--memory`: a number with an optional unit b, k, m or g (case-insensitive), at least 6m. */
export function parseMemory(word: ShellWord, fail: Fail): number {
  const text = literalOf(word, 'a memory size', fail);
  const bytes = memoryBytes(text);
  if (bytes === undefined) fail(word, 'invalid-value', `Unexpected ${quote(text)}, expected a memory size for --memory: a number with unit b, k, m or g, e.g. 4g`);
  if (bytes < MIN_MEMORY_BYTES) fail(word, 'invalid-value', `Unexpected ${quote(text)}, expected at least 6m for --memory (Docker's minimum)`);
  return bytes;
}

/** `--pids-limit`: a positive count, or -1 for no limit. */
export function parsePidsLimit(word: ShellWord, fail: Fail): number {
  const text = literalOf(word, 'a process count', fail);
  if (!/^(-1|[1-9]\d*)$/.test(text)) fail(word, 'invalid-value', `Unexpected ${quote(text)}, expected a positive number or -1 for --pids-limit`);
  return Number(text);
}

export type Protocol = 'tcp' | 'udp';

export interface PortBinding {
  /** As written, without IPv6 brackets; absent means every interface. */
  readonly hostIp?: string;
  readonly hostPort: number;
  readonly containerPort: number;
  readonly protocol: Protocol;
}

const PUBLISH_FORMAT = '[IP:]HOSTPORT:CONTAINERPORT[/tcp|udp]';

function port(text: string): number | undefined {
  if (!/^\d{1,5}$/.test(text)) return undefined;
  const value = Number(text);
  return value >= 1 && value <= 65535 ? value : undefined;
}

/** `-p [IP:]HOSTPORT:CONTAINERPORT[/tcp|udp]`. IPv6 addresses are bracketed, as Docker wants. */
/**
 * `"$NAME":HOSTPORT:CONTAINERPORT` or `"${NAME:?message}":...`: a host address the reader's shell expands (the bridge
 * gateway read from the reader's engine). The rest must be literal.
 */
function variableHostIp(word: ShellWord): { readonly hostIp: string; readonly rest: string } | undefined {
  const [first, ...rest] = word.parts;
  const inner = first?.kind === 'double-quoted' && first.parts.length === 1 ? first.parts[0] : undefined;
  if (inner?.kind !== 'parameter' || !rest.every((part) => part.kind === 'literal')) return undefined;
  const text = rest.map((part) => (part.kind === 'literal' ? part.value : '')).join('');
  return text.startsWith(':') ? { hostIp: quotedParameter(inner), rest: text.slice(1) } : undefined;
}

export function parsePublish(word: ShellWord, fail: Fail): PortBinding {
  const variable = word.literal === undefined ? variableHostIp(word) : undefined;
  if (variable) {
    const parsed = parsePublishText(word, variable.rest, fail);
    return { ...parsed, hostIp: variable.hostIp };
  }
  return parsePublishText(word, literalOf(word, 'a port binding', fail), fail);
}

function parsePublishText(word: ShellWord, text: string, fail: Fail): PortBinding {
  const bad: (expected: string) => never = (expected) => fail(word, 'invalid-value', `Unexpected ${quote(text)}, expected ${expected}`);
  const [binding = '', protocolText, ...extra] = text.split('/');
  if (extra.length > 0 || (protocolText !== undefined && protocolText !== 'tcp' && protocolText !== 'udp')) {
    bad(`${PUBLISH_FORMAT} (protocol tcp or udp)`);
  }
  const match = /^(?:(\[[0-9A-Fa-f:.]+\]|[^:[\]]+):)?([^:]+):([^:]+)$/.exec(binding);
  if (!match) bad(`${PUBLISH_FORMAT}: both a host and a container port`);
  const [, ipText, hostText, containerText] = match;
  const hostIp = ipText?.replace(/^\[(.*)\]$/, '$1');
  if (hostIp !== undefined && !(ipText!.startsWith('[') ? isIPv6(hostIp) : isIPv4(hostIp))) {
    bad(`${PUBLISH_FORMAT} with an IPv4 address or a bracketed IPv6 address, not ${quote(ipText!)}`);
  }
  const hostPort = port(hostText!);
  const containerPort = port(containerText!);
  if (hostPort === undefined) bad(`${PUBLISH_FORMAT} with a host port 1-65535, not ${quote(hostText!)}`);
  if (containerPort === undefined) bad(`${PUBLISH_FORMAT} with a container port 1-65535, not ${quote(containerText!)}`);
  return { ...(hostIp !== undefined && { hostIp }), hostPort, containerPort, protocol: (protocolText ?? 'tcp') as Protocol };
}

export interface HostEntry {
  readonly name: string;
  readonly address: string;
}

/** `--add-host NAME:ADDR`; ADDR is an IP address or `host-gateway`. */
export function parseAddHost(word: ShellWord, fail: Fail): HostEntry {
  const text = literalOf(word, 'a host entry', fail);
  const colon = text.indexOf(':');
  const name = colon < 0 ? text : text.slice(0, colon);
  const address = colon < 0 ? '' : text.slice(colon + 1).replace(/^\[(.*)\]$/, '$1');
  if (colon < 0 || !HOST_NAME.test(name)) fail(word, 'invalid-value', `Unexpected ${quote(text)}, expected NAME:ADDRESS for --add-host`);
  if (address !== 'host-gateway' && !isIPv4(address) && !isIPv6(address)) {
    fail(word, 'invalid-value', `Unexpected ${quote(address)}, expected an IP address or host-gateway for --add-host`);
  }
  return { name, address };
}

const SECURITY_OPT = /^(no-new-privileges(:(true|false))?|(seccomp|apparmor|label)[=:].+|systempaths=unconfined)$/;

export function parseSecurityOpt(word: ShellWord, fail: Fail): string {
  const text = literalOf(word, 'a security option', fail);
  if (!SECURITY_OPT.test(text)) {
    fail(word, 'invalid-value', `Unexpected ${quote(text)}, expected no-new-privileges, seccomp=..., apparmor=... or label=... for --security-opt`);
  }
  return text;
}

export function parseLabel(word: ShellWord, fail: Fail): string {
  const text = literalOf(word, 'a label', fail);
  if (!/^[^=\s]+(=.*)?$/s.test(text)) fail(word, 'invalid-value', `Unexpected ${quote(text)}, expected KEY=VALUE for --label`);
  return text;
}

/** IPv4 CIDR or address, as iptables `-d` takes it. */
export function parseIPv4Cidr(word: ShellWord, fail: Fail): string {
  const text = literalOf(word, 'an address', fail);
  const [address = '', prefix, ...extra] = text.split('/');
  const prefixOk = prefix === undefined || (/^\d{1,2}$/.test(prefix) && Number(prefix) <= 32);
  if (extra.length > 0 || !isIPv4(address) || !prefixOk) {
    fail(word, 'invalid-value', `Unexpected ${quote(text)}, expected an IPv4 address or CIDR such as 127.0.0.0/8`);
  }
  return text;
}
