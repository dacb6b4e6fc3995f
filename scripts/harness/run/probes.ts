import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { dockerResult, runProcess, type ProcessResult } from '../docker';
import { hostNetPid, inHostNet } from '../host-net';

/** TCP connect from this machine (the reader's machine of host-net.ts); true when the port accepted within the timeout. */
export async function probeLocal(address: string, port: number, timeoutMs = 2000): Promise<boolean> {
  if (hostNetPid() !== undefined) {
    // In the engine's network namespace, with the host's busybox (ensure-daemon installs it).
    const seconds = String(Math.max(1, Math.ceil(timeoutMs / 1000)));
    const result = await runProcess(...inHostNet(BUSYBOX, ['timeout', String(Number(seconds) + 3), BUSYBOX, 'nc', '-w', seconds, address, String(port)]), { input: '' });
    return result.exitCode === 0;
  }
  return new Promise((resolve) => {
    const socket = connect({ host: address, port, timeout: timeoutMs });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('timeout', () => done(false));
    socket.once('error', () => done(false));
  });
}

/**
 * Runs busybox nc inside a container's network namespace, so a probe sees what the
 * container sees without any tool in its image (the real OpenHands image has no nc). Two
 * ways to get there, the same namespace either way:
 * - `nsenter` into the container's process, as root with a host busybox (ensure-daemon
 *   installs busybox-static): a few milliseconds per probe;
 * - a throwaway probe container started with `--network container:<name>`: about half a
 *   second per probe, but it needs neither root nor anything on the host.
 * `OPENHANDS_GUIDE_PROBES=container` forces the second.
 */
export type NetcatResult = Pick<ProcessResult, 'stdout' | 'stderr' | 'exitCode'>;
export type NetcatIn = (container: string, ncArgs: readonly string[], limitSeconds: number, input?: string) => Promise<NetcatResult>;

const NSENTER = '/usr/bin/nsenter';
const BUSYBOX = process.env.OPENHANDS_GUIDE_BUSYBOX ?? '/bin/busybox';
const NOT_RUNNING: NetcatResult = { stdout: '', stderr: 'the container is not running', exitCode: 1 };

export type { ProbeWay } from '../../../contracts/verification-report';
import type { ProbeWay } from '../../../contracts/verification-report';

export function probeWay(): ProbeWay {
  if (process.env.OPENHANDS_GUIDE_PROBES === 'container') return 'container';
  return process.getuid?.() === 0 && existsSync(NSENTER) && existsSync(BUSYBOX) ? 'nsenter' : 'container';
}

export function netcatIn(probeImage: string, labels: readonly string[], way: ProbeWay = probeWay()): NetcatIn {
  const withInput = (input: string | undefined) => (input === undefined ? {} : { input });
  if (way === 'container') {
    return (container, ncArgs, limit, input) =>
      dockerResult(['run', '--rm', '-i', ...labels, '--network', `container:${container}`, probeImage, 'timeout', String(limit), 'nc', ...ncArgs], {
        reject: false,
        timeout: 30_000,
        ...withInput(input),
      });
  }
  return async (container, ncArgs, limit, input) => {
    const pid = await dockerResult(['container', 'inspect', '--format', '{{.State.Pid}}', container], { reject: false });
    if (pid.exitCode !== 0 || !/^[1-9]\d*$/.test(pid.stdout.trim())) return NOT_RUNNING;
    const args = [`--net=/proc/${pid.stdout.trim()}/ns/net`, '--', BUSYBOX, 'timeout', String(limit), BUSYBOX, 'nc', ...ncArgs];
    return runProcess(NSENTER, args, { timeout: 30_000, ...withInput(input) });
  };
}

/** busybox nc has no -z: with stdin at end of file it connects, exits 0 and closes. */
export async function probeFrom(nc: NetcatIn, container: string, address: string, port: number): Promise<boolean> {
  return (await nc(container, ['-w', '2', address, String(port)], 5)).exitCode === 0;
}

/** Sends a raw request and returns the whole reply, or undefined when nothing answered. */
export async function httpFrom(nc: NetcatIn, container: string, address: string, port: number, request: string): Promise<string | undefined> {
  const result = await nc(container, ['-w', '3', address, String(port)], 8, request);
  return result.stdout === '' ? undefined : result.stdout;
}
