/**
 * The engines of the matrix, started and stopped for one session (scripts/harness/session.ts):
 * each in a container of the host daemon labelled with that session, so a killed run's
 * engines are found and removed by the next run's sweep, and nothing else is touched.
 * Build, start and stop are the shell scripts beside this file.
 */
import { readFile, readlink } from 'node:fs/promises';
import { join } from 'node:path';
import { ENGINES, type EngineId } from '../../src/engines';
import { ENGINE_ENV } from '../harness/host-net';
import { runProcess } from '../harness/docker';
import type { Session } from '../harness/session';
import { engineFolder } from '../harness/run/engine-folders';

const HERE = __dirname;

export interface RunningEngine {
  readonly id: EngineId;
  readonly name: string;
  /** `<tmp>/ohg-<suffix>-engine-<id>`: api/ (the socket) and shared/ (mounted at the same path). */
  readonly dir: string;
  readonly dockerHost: string;
  /** Host pid of the engine container's init: its network namespace is the reader's machine. */
  readonly pid: string;
  /** Host pid of the daemon when it lives in a network namespace of its own (rootless Docker). */
  readonly daemonPid?: string;
}

export class EngineCannotRun extends Error {
  constructor(
    readonly engine: EngineId,
    readonly reason: string,
    readonly log: string,
  ) {
    super(`${engine}: ${reason}`);
  }
}

const engineDir = (session: Pick<Session, 'suffix'>, id: EngineId) => engineFolder(session.suffix, id);

/** The engine's image, built from Debian's packages unless an image of the same inputs exists. */
export async function buildEngine(id: EngineId): Promise<string> {
  const spec = ENGINES[id];
  const result = await runProcess('bash', [join(HERE, 'build.sh'), id, spec.suite, spec.packages.join(' ')], { timeout: 900_000 });
  if (result.exitCode !== 0) throw new EngineCannotRun(id, `building the ${spec.suite} image failed (exit ${result.exitCode})`, result.stderr.trim());
  return result.stdout.trim().split('\n').at(-1)!;
}

export async function startEngine(id: EngineId, session: Session): Promise<RunningEngine> {
  const image = await buildEngine(id);
  const name = session.name(`ohg-engine-${id}`);
  const dir = engineDir(session, id);
  const started = await runProcess('bash', [join(HERE, 'start.sh'), ENGINES[id].kind === 'rootless-docker' ? 'rootless' : ENGINES[id].kind === 'podman' ? 'podman' : 'docker', image, name, dir, ...session.labelArgs('engine')], {
    timeout: 180_000,
  });
  if (started.exitCode !== 0) {
    await stopEngine({ id, name, dir });
    throw new EngineCannotRun(id, `the engine did not start or answer (exit ${started.exitCode})`, started.stderr.trim());
  }
  const pid = await netnsAnchor(id, name, dir);
  // Rootless Docker pulls and pushes from RootlessKit's namespace, not the engine container's.
  const daemonPid = ENGINES[id].kind === 'rootless-docker' ? await processPid(name, 'dockerd') : undefined;
  return { id, name, dir, dockerHost: `unix://${join(dir, 'api', 'docker.sock')}`, pid, ...(daemonPid ? { daemonPid } : {}) };
}

/**
 * The host pid of the engine container's anchor (start.sh), whose network namespace is the
 * engine's for as long as it runs. Not the engine's main process: Podman's can end up in one
 * of its containers' namespaces (seen here: probes and the page's firewall rule went to a
 * namespace with no route at all, while the LAN neighbour still reached the engine's).
 */
async function netnsAnchor(id: EngineId, name: string, dir: string): Promise<string> {
  const main = (await runProcess('docker', ['inspect', '--format', '{{.State.Pid}}', name])).stdout.trim();
  const anchor = (await readFile(join(dir, 'api', 'netns-anchor.pid'), 'utf8').catch(() => '')).trim();
  const netns = (pid: string) => readlink(`/proc/${pid}/ns/net`).catch(() => undefined);
  const [own, anchored] = await Promise.all([netns(main), /^\d+$/.test(anchor) ? netns(anchor) : undefined]);
  if (!anchored || anchored !== own) {
    await stopEngine({ id, name, dir });
    throw new EngineCannotRun(id, `the engine's network namespace anchor (pid ${anchor || 'none'}) is not in the engine's namespace (${anchored ?? 'gone'} vs ${own ?? 'gone'})`, '');
  }
  return anchor;
}

/** The host pid of the engine's process named `command` (the engine shares the host's pid namespace). */
async function processPid(container: string, command: string): Promise<string | undefined> {
  const top = await runProcess('docker', ['top', container, '-eo', 'pid,comm']);
  return top.stdout.split('\n').map((line) => line.trim().split(/\s+/)).find((cols) => cols[1] === command)?.[0];
}

export async function stopEngine(engine: Pick<RunningEngine, 'id' | 'name' | 'dir'>): Promise<void> {
  await runProcess('bash', [join(HERE, 'stop.sh'), engine.name, engine.dir], { timeout: 120_000 });
}

/** What a harness run against the engine needs (scripts/harness/host-net.ts). */
export function engineEnvironment(engine: RunningEngine): Record<string, string> {
  const shared = join(engine.dir, 'shared');
  return {
    DOCKER_HOST: engine.dockerHost,
    [ENGINE_ENV.id]: engine.id,
    [ENGINE_ENV.pid]: engine.pid,
    ...(engine.daemonPid ? { [ENGINE_ENV.daemonPid]: engine.daemonPid } : {}),
    [ENGINE_ENV.shared]: shared,
    ...(ENGINES[engine.id].kind === 'rootless-docker' ? { [ENGINE_ENV.xdgRuntimeDir]: join(shared, 'xdg') } : {}),
  };
}

