import { connect } from 'node:net';
import { dockerResult } from '../docker';

/** TCP connect from this machine; true when the port accepted within the timeout. */
export function probeLocal(address: string, port: number, timeoutMs = 2000): Promise<boolean> {
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
 * busybox nc has no -z: with stdin at end of file it connects, exits 0 and closes.
 * Probes run in a throwaway container that joins the target's network namespace, so
 * they see what the target sees without needing any tool inside the target image
 * (the real OpenHands image has no nc).
 */
export async function probeFrom(probeImage: string, labels: readonly string[], container: string, address: string, port: number): Promise<boolean> {
  const result = await dockerResult(
    ['run', '--rm', ...labels, '--network', `container:${container}`, probeImage, 'timeout', '5', 'nc', '-w', '2', address, String(port)],
    { reject: false, timeout: 30_000 },
  );
  return result.exitCode === 0;
}

export async function httpFrom(
  probeImage: string,
  labels: readonly string[],
  container: string,
  address: string,
  port: number,
  request: string,
): Promise<string | undefined> {
  const result = await dockerResult(
    ['run', '--rm', '-i', ...labels, '--network', `container:${container}`, probeImage, 'nc', '-w', '3', address, String(port)],
    { reject: false, timeout: 30_000, input: request },
  );
  return result.stdout === '' ? undefined : result.stdout;
}
