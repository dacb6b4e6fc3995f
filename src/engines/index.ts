import type { EngineKind } from '../../contracts/verification-report';

/** The engines the matrix verifies on, besides the host daemon `npm test` uses. */
export const ENGINE_IDS = ['docker20', 'docker26', 'docker28', 'rootless', 'podman'] as const;
export type EngineId = (typeof ENGINE_IDS)[number];

export interface EngineSpec {
  readonly id: EngineId;
  readonly kind: EngineKind;
  /** The Debian suite whose packages make the engine (built here with debootstrap). */
  readonly suite: 'bookworm' | 'trixie' | 'sid';
  /** What debootstrap installs (it installs Depends only, so the recommends are named). */
  readonly packages: readonly string[];
  /** Where a reader's commands find the engine's socket on such a machine. */
  readonly readerSocket: string;
}

const BASE = ['iptables', 'iproute2', 'procps'] as const;

/**
 * One row per engine: Debian's own packages of each suite (when this was written, docker.io
 * 20.10.24 in bookworm, 26.1.5 in trixie and 28.5.2 in sid, podman 5.4.2 in trixie; each run
 * reports the version it got), installed with debootstrap, so no registry is needed. The
 * recipe was worked out by trial on these machines (no upstream source describes it);
 * start.sh holds the flags an inner daemon needs, each with why.
 */
export const ENGINES: Readonly<Record<EngineId, EngineSpec>> = {
  docker20: { id: 'docker20', kind: 'docker', suite: 'bookworm', packages: ['docker.io', ...BASE], readerSocket: '/var/run/docker.sock' },
  docker26: { id: 'docker26', kind: 'docker', suite: 'trixie', packages: ['docker.io', ...BASE], readerSocket: '/var/run/docker.sock' },
  docker28: { id: 'docker28', kind: 'docker', suite: 'sid', packages: ['docker.io', 'docker-cli', ...BASE], readerSocket: '/var/run/docker.sock' },
  rootless: {
    id: 'rootless',
    kind: 'rootless-docker',
    suite: 'sid',
    packages: ['docker.io', 'docker-cli', 'rootlesskit', 'uidmap', 'slirp4netns', ...BASE],
    readerSocket: '$XDG_RUNTIME_DIR/docker.sock',
  },
  podman: {
    id: 'podman',
    kind: 'podman',
    suite: 'trixie',
    packages: ['podman', 'netavark', 'aardvark-dns', 'crun', 'conmon', 'catatonit', 'nftables', ...BASE],
    readerSocket: '/run/podman/podman.sock',
  },
};

export function isEngineId(value: string): value is EngineId {
  return (ENGINE_IDS as readonly string[]).includes(value);
}
