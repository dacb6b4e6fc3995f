/**
 * `docker build` of a stand-in under its private name (openhands-guide/stand-in-<image>:<content
 * hash>), which stays as a build cache, and `docker load` into an engine of the matrix.
 */
import { rmSync } from 'node:fs';
import { runProcess } from '../docker';
import { againstEngine } from '../host-net';
import { LABEL, labelArgs } from '../labels';
import { assembleContext, type BuildContext } from './context';
import { inspectImage, type ImageInfo } from './inspect';
import { pruneOlderBuilds } from './prune';
import { privateRepository, STAND_IN_SPECS, type StandInName } from './specs';

export interface BuiltStandIn {
  readonly standIn: StandInName;
  /** Private reference, e.g. openhands-guide/stand-in-openhands:0123456789abcdef. */
  readonly reference: string;
  readonly id: string;
  readonly hash: string;
  /** False when an image with this content hash already existed. */
  readonly built: boolean;
}

/** Builds a stand-in image unless one with the same content hash exists. */
export async function buildStandInImage(standIn: StandInName): Promise<BuiltStandIn> {
  const context = assembleContext(standIn);
  try {
    const reference = `${privateRepository(standIn)}:${context.hash}`;
    const existing = await inspectImage(reference);
    if (existing && existing.labels[LABEL.standInHash] === context.hash) {
      return { standIn, reference, id: existing.id, hash: context.hash, built: false };
    }
    const built = await dockerBuild(standIn, context, reference, { [LABEL.standIn]: standIn, [LABEL.standInHash]: context.hash });
    await pruneOlderBuilds(standIn, reference);
    return { standIn, reference, id: built.id, hash: context.hash, built: true };
  } finally {
    rmSync(context.dir, { recursive: true, force: true });
  }
}

/** Builds `context` as `reference` with `labels`, on the daemon the harness runs against. */
export async function dockerBuild(standIn: StandInName, context: BuildContext, reference: string, labels: Record<string, string>): Promise<ImageInfo> {
  // The legacy builder: no buildx here, and FROM scratch needs nothing it lacks. Against an
  // engine of the matrix, the host's daemon builds (an engine container may lack what a
  // build step needs, e.g. Podman's setrlimit without CAP_SYS_RESOURCE) and the engine loads it.
  const build = await runProcess('docker', ['build', '--quiet', '--tag', reference, ...labelArgs(labels), context.dir], {
    env: { DOCKER_BUILDKIT: '0', ...(againstEngine() ? { DOCKER_HOST: '' } : {}) },
  });
  if (build.exitCode !== 0) {
    throw new Error(`Building the ${standIn} stand-in image from ${STAND_IN_SPECS[standIn].dir} failed: ${build.stderr.trim()}`);
  }
  if (againstEngine()) {
    const load = await runProcess('bash', ['-c', 'DOCKER_HOST= docker save "$1" | docker load --quiet', 'load', reference]);
    if (load.exitCode !== 0) throw new Error(`Loading the ${standIn} stand-in image into the engine failed: ${load.stderr.trim()}`);
  }
  const built = await inspectImage(reference);
  if (!built) throw new Error(`Built ${reference}, but the daemon does not know it`);
  return built;
}

/** The harness's own busybox image, for probes and markers. */
export async function ensureProbeImage(): Promise<string> {
  return (await buildStandInImage('probe')).reference;
}
