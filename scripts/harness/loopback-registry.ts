/**
 * A digest for a stand-in image. An image gets a digest reference (`RepoDigests`) only
 * from a registry, and none can be reached here: so the harness runs Debian's
 * docker-registry (distribution 2.8, unpacked by scripts/docker/ensure-daemon.sh) on a free
 * 127.0.0.1 port for a moment, pushes the stand-in to it, and stops it again. The daemon
 * keeps the digest reference (`127.0.0.1:PORT/openhands-guide/stand-in-...@sha256:...`) on the
 * harness's own image, so `docker image inspect --format '{{index .RepoDigests 0}}'` on the
 * documented tag answers as it does for a pulled image, and `docker run` by that reference
 * runs the same image. The registry's storage is a temporary folder, removed at once.
 * Docker accepts plain HTTP to registries on 127.0.0.0/8 without configuration.
 */
import { spawn } from 'node:child_process';
import { hostNetPid, inDaemonNet } from './host-net';
import { runProcess } from './docker';

const BUSYBOX = process.env.OPENHANDS_GUIDE_BUSYBOX ?? '/bin/busybox';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dockerResult, type DockerOptions } from './docker';
import { UNPACKED_TOOLS } from './tool-paths';
import { freeLoopbackPort } from './run/free-port';

const START_TIMEOUT_MS = 15_000;

export function registryBinary(): string {
  const candidates = [process.env.OPENHANDS_GUIDE_REGISTRY, join(UNPACKED_TOOLS, 'docker-registry/usr/bin/docker-registry'), '/usr/bin/docker-registry'];
  const found = candidates.find((path): path is string => path !== undefined && existsSync(path));
  if (!found) {
    throw new Error(
      `No docker-registry at ${candidates.filter(Boolean).join(' or ')}: run \`bash scripts/docker/ensure-daemon.sh\` as root (it unpacks Debian's docker-registry), or set OPENHANDS_GUIDE_REGISTRY`,
    );
  }
  return found;
}

/** The image's first digest reference, if it has one. */
export async function firstRepoDigest(reference: string): Promise<string | undefined> {
  const result = await dockerResult(['image', 'inspect', '--format', '{{range .RepoDigests}}{{.}} {{end}}', reference]);
  return result.exitCode === 0 ? result.stdout.trim().split(' ').filter(Boolean)[0] : undefined;
}

/**
 * Gives `reference` (an image of the harness's own) a digest reference under `repository`
 * unless it has one, and leaves the pushed tag `127.0.0.1:PORT/<repository>:<tag>` on it.
 * Returns the digest reference and the registry address it came from.
 */
export async function giveDigest(reference: string, repository: string): Promise<{ digest: string; registry: string }> {
  const existing = await firstRepoDigest(reference);
  if (existing) return { digest: existing, registry: existing.split('/')[0]! };
  const port = await freeLoopbackPort();
  const address = `127.0.0.1:${port}`;
  // Named like a build context, so a sweep removes it if this process is killed.
  const storage = mkdtempSync(join(tmpdir(), `ohg-build-${process.pid}-registry-`));
  const config = join(storage, 'config.yml');
  writeFileSync(
    config,
    ['version: 0.1', 'log:', '  level: warn', 'storage:', '  filesystem:', `    rootdirectory: ${join(storage, 'data')}`, 'http:', `  addr: ${address}`, ''].join('\n'),
  );
  // On the loopback of the reader's machine (host-net.ts), where the daemon pushes from.
  const registry = spawn(...inDaemonNet(registryBinary(), ['serve', config]), { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  registry.stderr.setEncoding('utf8').on('data', (chunk: string) => (log += chunk));
  const tag = reference.split(':').at(-1) ?? 'latest';
  const pushed = `${address}/${repository}:${tag}`;
  try {
    await waitForRegistry(address, () => log);
    await mustSucceed(['image', 'tag', reference, pushed]);
    await mustSucceed(['push', pushed]);
    const digest = (await firstRepoDigest(reference)) ?? '';
    if (!digest.startsWith(`${address}/`)) throw new Error(`pushed ${pushed}, but the image has no digest reference from ${address}`);
    return { digest, registry: address };
  } catch (error) {
    await dockerResult(['image', 'rm', pushed]);
    throw error;
  } finally {
    // The pushed tag stays, on the harness's own image: removing the last tag of a
    // repository removes its digest reference with it. pruneOlderBuilds removes both.
    registry.kill('SIGTERM');
    rmSync(storage, { recursive: true, force: true });
  }
}

async function waitForRegistry(address: string, log: () => string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  const [host, port] = address.split(':') as [string, string];
  for (;;) {
    if (hostNetPid() !== undefined) {
      if ((await runProcess(...inDaemonNet(BUSYBOX, ['timeout', '2', BUSYBOX, 'nc', '-w', '1', host, port]))).exitCode === 0) return;
    } else {
      try {
        const response = await fetch(`http://${address}/v2/`);
        if (response.ok) return;
      } catch {
        // Not listening yet.
      }
    }
    if (Date.now() > deadline) throw new Error(`docker-registry did not answer at ${address} within ${START_TIMEOUT_MS / 1000}s: ${log().trim()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function mustSucceed(args: readonly string[]): Promise<void> {
  const result = await dockerResult(args, { timeout: 120_000 });
  if (result.exitCode !== 0) throw new Error(`\`docker ${args.join(' ')}\` failed: ${result.stderr.trim()}`);
}

/** Tags and digest references the loopback registry left on an image, for removal with it. */
export async function loopbackReferences(reference: string, opts: DockerOptions = {}): Promise<string[]> {
  const result = await dockerResult(['image', 'inspect', '--format', '{{range .RepoTags}}{{.}} {{end}}{{range .RepoDigests}}{{.}} {{end}}', reference], opts);
  return result.exitCode === 0 ? result.stdout.trim().split(' ').filter((d) => d.startsWith('127.0.0.1:')) : [];
}
