import type { Claim, ClaimKind, EgressWay } from '../snippets/claims';
import type { EngineInfo } from '../../contracts/verification-report';
import type { MessageKey } from '../i18n/messages';

/**
 * What a command or claim is known to do on some engines, as data with its source: the
 * harness judges results by it (a failure it predicts is a result, "does not work on this
 * engine", with the error that was observed), and a prediction that does not come true fails
 * the run, so the table cannot go stale silently. The site shows the note and the source.
 */
export interface EngineExpectation {
  readonly id: string;
  /** The engines it is about: kinds, and the cgroup version where that matters (the loopback gap, which depends on the engine's version, is loopbackGap below). */
  readonly engines: { readonly kinds: readonly EngineInfo['kind'][]; readonly cgroupVersion?: string };
  /** Snippets as `version/id`, or `*\/id` for that id in every version. */
  readonly snippets: readonly string[];
  /**
   * `command-fails`: the snippet's commands exit non-zero with `error` in their output; `claim-fails`:
   * these claims do not hold; `not-run`: what the commands do on this engine depends on its state
   * (seen both ways here), so they are not run there, and the page says so.
   */
  readonly outcome:
    | { readonly kind: 'command-fails'; readonly error: string }
    | { readonly kind: 'claim-fails'; readonly claims: readonly ClaimMatch[] }
    | { readonly kind: 'not-run' };
  /** Why, in the reader's language. */
  readonly note: MessageKey;
  /** Upstream code, documentation or an observation on this machine, with where. */
  readonly source: string;
}

/** A claim kind, or one way out of the egress bypass suite (its claims share a kind). */
export type ClaimMatch = ClaimKind | { readonly kind: 'egress-refused'; readonly way: EgressWay };

export const matchesClaim = (match: ClaimMatch, claim: Claim): boolean =>
  typeof match === 'string' ? claim.kind === match : claim.kind === match.kind && claim.way === match.way;

/** 0.33 snippets whose app publishes sandbox ports on the bridge gateway (SANDBOX_RUNTIME_BINDING_ADDRESS). */
const GATEWAY_PUBLISHERS_0_33 = [
  'network-binding', 'events-log', 'loopback-guard', 'bridge-guard', 'socket-non-root', 'socket-proxy', 'socket-proxy-cleanup',
  'resource-limits', 'network-isolation', 'subnet-guard', 'hardened-complete', 'digest-pinning', 'hardened-cleanup',
].map((id) => `0.33/${id}`);

const GATEWAY_PUBLISHERS_1X = [
  'network-binding', 'loopback-guard', 'docker-user-guard', 'socket-non-root', 'socket-proxy', 'socket-proxy-cleanup',
  'resource-limits', 'network-isolation', 'bridge-guard', 'hardened-complete', 'digest-pinning', 'hardened-cleanup',
].map((id) => `1.x/${id}`);

/** Snippets whose app reaches the Docker API through a socket mounted from /var/run/docker.sock (or a proxy that does). */
const SOCKET_USERS = [
  ...['workspace-run', 'workspace-run-as-root', 'network-binding', 'events-log', 'loopback-guard', 'bridge-guard', 'socket-non-root', 'socket-proxy', 'socket-proxy-cleanup', 'resource-limits', 'network-isolation', 'hardened-complete', 'digest-pinning', 'hardened-cleanup'].map((id) => `0.33/${id}`),
  '1.x/workspace-run',
  '1.x/workspace-grant',
];

/** Claims that need the app to start its sandboxes, or the proxy to reach the daemon. */
const NEEDS_DOCKER_API: readonly ClaimKind[] = [
  'sandbox-reachable', 'sandbox-ports-not-on-lan', 'sandbox-ports-on-lan', 'sandbox-ports-reachable-from-other-networks', 'sandbox-calls-back-app',
  'sandbox-unreachable', 'sandbox-callback-unanswered', 'sandbox-runs-as', 'sandbox-unlimited', 'workspace-files-owned-by-user', 'workspace-chown', 'bridge-guard-blocks-lan', 'bridge-guard-blocks-lan-app', 'agent-write-refused', 'agent-write-allowed',
  'docker-api-via-proxy', 'proxy-containers-alone-refuses-sandbox', 'proxy-allows-privileged-create',
];

export const EXPECTATIONS: readonly EngineExpectation[] = [
  {
    id: 'rootless-binds-on-host',
    engines: { kinds: ['rootless-docker'] },
    snippets: GATEWAY_PUBLISHERS_1X,
    outcome: { kind: 'command-fails', error: 'cannot assign requested address' },
    note: 'expectation.rootless-binds-on-host',
    source:
      'moby@b985e231 daemon/libnetwork/internal/rlkclient/rootlesskit_client_linux.go:170-176 (the host IP goes to RootlessKit as ParentIP); rootlesskit@e780dd3b pkg/port/builtin/parent/tcp/tcp.go:15-16 (listens on it in the host namespace)',
  },
  {
    id: 'rootless-socket-path',
    engines: { kinds: ['rootless-docker'] },
    snippets: SOCKET_USERS,
    outcome: { kind: 'claim-fails', claims: NEEDS_DOCKER_API },
    note: 'expectation.rootless-socket-path',
    source: 'docs.docker.com/engine/security/rootless/tips/ "Daemon": the socket is $XDG_RUNTIME_DIR/docker.sock (docker/docs@300125dc content/manuals/engine/security/rootless/tips.md)',
  },
  {
    id: 'rootless-cgroup-v1-limits',
    engines: { kinds: ['rootless-docker'], cgroupVersion: '1' },
    snippets: ['*/resource-limits', '*/hardened-complete'],
    outcome: { kind: 'claim-fails', claims: ['cpu-limit', 'memory-limit', 'pids-limit'] },
    note: 'expectation.rootless-cgroup-v1-limits',
    source: 'docs.docker.com/engine/security/rootless/troubleshoot/ "--cpus, --memory, and --pids-limit are ignored" (docker/docs@0571430b content/manuals/engine/security/rootless/troubleshoot.md)',
  },
  {
    id: 'podman-bridge-gateway-publish',
    engines: { kinds: ['podman'] },
    snippets: [...GATEWAY_PUBLISHERS_0_33, ...GATEWAY_PUBLISHERS_1X],
    outcome: { kind: 'not-run' },
    note: 'expectation.podman-bridge-gateway-publish',
    source:
      'observed here with Podman 5.4.2 (netavark): publishing on the podman0 gateway answered "cannot assign requested address", hung for minutes, or worked, from one run to the next. The failures: containers/podman@c6580b4a52 libpod/container_internal_linux.go:86-92 (bindPorts before createNetNS) and libpod/oci_util.go:34-95 (bind to HostIP:port); containers/netavark@9a10e462 src/network/bridge.rs:461-520 (the bridge is deleted with its last container), so the bind fails unless another container is attached',
  },
  {
    id: 'rootless-user-namespace',
    engines: { kinds: ['rootless-docker'] },
    snippets: ['canvas/projects-grant'],
    outcome: { kind: 'claim-fails', claims: ['agent-write-allowed'] },
    note: 'expectation.rootless-user-namespace',
    source: 'docs.docker.com/engine/security/rootless/ "Prerequisites": container uids map into the subordinate range of /etc/subuid; observed here: container uid 10001 is host uid 110000',
  },
  {
    id: 'rootless-egress-namespace',
    engines: { kinds: ['rootless-docker'] },
    snippets: ['canvas/egress-run', 'canvas/egress-host-guard'],
    outcome: { kind: 'claim-fails', claims: ['egress-host-reachable', { kind: 'egress-refused', way: 'host-service' }, { kind: 'egress-refused', way: 'metadata' }] },
    note: 'expectation.rootless-egress-namespace',
    source:
      "moby v26.1.4 contrib/dockerd-rootless.sh (header: dockerd runs under RootlessKit with a network driver, slirp4netns by default, and DOCKERD_ROOTLESS_ROOTLESSKIT_DISABLE_HOST_LOOPBACK defaults to true); rootless-containers/rootlesskit README (network namespaces isolated with userspace NAT, \"slirp\"); observed here with rootless Docker 28.5.2: a web server on every address of the reader's machine does not accept a container at its bridge gateway, from the internal network or an ordinary one, and that gateway is on no interface of the reader's machine",
  },
];

const major = (version: string) => Number.parseInt(version, 10);

export function appliesTo(expectation: EngineExpectation, engine: Pick<EngineInfo, 'kind' | 'version' | 'cgroupVersion'>, snippetKey: string): boolean {
  const { engines } = expectation;
  if (!engines.kinds.includes(engine.kind)) return false;
  if (engines.cgroupVersion !== undefined && engine.cgroupVersion !== engines.cgroupVersion) return false;
  const id = snippetKey.split('/').slice(1).join('/');
  return expectation.snippets.some((s) => s === snippetKey || s === `*/${id}`);
}

export function expectationById(id: string): EngineExpectation | undefined {
  return EXPECTATIONS.find((e) => e.id === id);
}

/**
 * Whether a neighbour that routes a Docker network's subnet to this machine reaches a
 * container's published port at the container's own address, per engine, with why. The
 * subnet-guard claims expect exactly this once their rule is removed.
 */
export function directRoute(engine: Pick<EngineInfo, 'kind' | 'version'>): { readonly open: boolean; readonly source: string } {
  switch (engine.kind) {
    case 'docker':
      return major(engine.version) >= 28
        ? { open: false, source: 'Docker Engine 28.0.0 drops packets for container addresses from other interfaces (moby PR #49325, filterDirectAccess)' }
        : { open: true, source: `Docker Engine ${engine.version} < 28.0.0 accepts forwarded packets for a published container port from any interface (seen here on 20.10 and 26.1)` };
    case 'rootless-docker':
      return { open: false, source: 'rootless Docker\'s networks are inside RootlessKit\'s network namespace, which the host does not route to' };
    case 'podman':
      return { open: true, source: 'observed here with Podman 5.4.2 (netavark)' };
  }
}

/**
 * Whether a neighbour that routes 127.0.0.0/8 to this machine reaches a port published on
 * 127.0.0.1 (moby #45610), per engine, with why. The port claims expect exactly this.
 */
export function loopbackGap(engine: Pick<EngineInfo, 'kind' | 'version'>): { readonly open: boolean; readonly source: string } {
  switch (engine.kind) {
    case 'docker':
      return major(engine.version) >= 28
        ? { open: false, source: 'Docker Engine 28.0.0 drops such packets in the raw table (moby PR #49325)' }
        : { open: true, source: `Docker Engine ${engine.version} < 28.0.0 DNATs them (moby #45610)` };
    case 'rootless-docker':
      return { open: false, source: 'rootless Docker publishes through a listening socket on the host (RootlessKit port driver), with no DNAT to route them to' };
    case 'podman':
      return { open: true, source: 'Podman (netavark) DNATs packets for 127.0.0.1 from any interface (seen here: its nftables NETAVARK-HOSTPORT-DNAT chain)' };
  }
}
