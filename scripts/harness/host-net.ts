/**
 * The reader's machine, as far as the network is concerned. By default the host. When the
 * harness runs against an engine of the matrix (scripts/engines), that engine's container
 * stands for the reader's machine: its network namespace holds the engine's bridges,
 * published ports and firewall, so the reader's shell, the LAN neighbour's link, local
 * probes and firewall rules all act there, never on the host's own network.
 */
import { readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { HOST_ENGINE_ID } from '../../contracts/verification-report';

/** What scripts/engines tells a harness run about the engine it runs against. */
export const ENGINE_ENV = {
  /** The engine's id in the report (src/engines); unset: `host`. */
  id: 'OPENHANDS_GUIDE_ENGINE',
  /** Host pid of a process that stays in the engine's network namespace (the anchor scripts/engines/start.sh starts). */
  pid: 'OPENHANDS_GUIDE_ENGINE_PID',
  /** A folder the engine sees at the same path: the readers' folders live in it. */
  shared: 'OPENHANDS_GUIDE_SHARED_DIR',
  /**
   * Host pid of a process in the network namespace the daemon itself pulls and pushes from,
   * when it is not the reader's machine's (rootless Docker: RootlessKit's own namespace).
   */
  daemonPid: 'OPENHANDS_GUIDE_DAEMON_PID',
  /** Rootless Docker: the runtime folder its socket is in, for the reader's $XDG_RUNTIME_DIR. */
  xdgRuntimeDir: 'OPENHANDS_GUIDE_XDG_RUNTIME_DIR',
} as const;

export const engineId = (): string => process.env[ENGINE_ENV.id] || HOST_ENGINE_ID;

/** The pid whose network namespace is the reader's machine's, or undefined for the host. */
export function hostNetPid(): string | undefined {
  const pid = process.env[ENGINE_ENV.pid];
  if (pid === undefined || pid === '') return undefined;
  if (!/^\d+$/.test(pid)) throw new Error(`Unexpected ${ENGINE_ENV.pid}=${pid}, expected a process id`);
  return pid;
}

/** The reader's machine's network namespace, as the kernel names it (`net:[<inode>]`). */
export function hostNetNamespace(): string {
  return readlinkSync(`/proc/${hostNetPid() ?? 'self'}/ns/net`);
}

/** A command as it runs on the reader's machine: unchanged on the host, through nsenter for an engine. */
export function inHostNet(file: string, args: readonly string[]): [string, string[]] {
  const pid = hostNetPid();
  return pid ? ['nsenter', ['-t', pid, '-n', '--', file, ...args]] : [file, [...args]];
}

/** A command in the daemon's own network namespace (its loopback is where it pushes to 127.0.0.1). */
export function inDaemonNet(file: string, args: readonly string[]): [string, string[]] {
  const pid = process.env[ENGINE_ENV.daemonPid] || hostNetPid();
  return pid ? ['nsenter', ['-t', pid, '-n', '--', file, ...args]] : [file, [...args]];
}

/** Whether the harness runs against an engine of the matrix rather than the host's daemon. */
export const againstEngine = (): boolean => hostNetPid() !== undefined;

/** Where readers' folders are made: a folder the engine shares, or the system temp folder. */
export const readerBase = (): string => process.env[ENGINE_ENV.shared] || tmpdir();

/** The reader's extra environment on this machine (rootless Docker's runtime folder). */
export function readerEnvironment(): Record<string, string> {
  const xdg = process.env[ENGINE_ENV.xdgRuntimeDir];
  return xdg ? { XDG_RUNTIME_DIR: xdg } : {};
}

export const sharedPath = (...parts: string[]): string => join(readerBase(), ...parts);
