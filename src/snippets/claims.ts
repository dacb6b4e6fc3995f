import type { ContainerName, NetworkName } from './commands';
import type { ImageName } from './images';

/**
 * What the prose around a snippet says the snippet achieves, as data the harness
 * verifies on a live daemon. Each kind has one checker in scripts/harness/claims.
 */
export type Claim =
  /** The port answers on 127.0.0.1 and not from another host (host address or routed 127.0.0.0/8). */
  | { readonly kind: 'port-loopback-only'; readonly container: ContainerName; readonly port: number }
  /** The port answers from another host on the LAN. */
  | { readonly kind: 'port-reachable-from-lan'; readonly container: ContainerName; readonly port: number }
  /** The container has no published port. */
  | { readonly kind: 'no-published-ports'; readonly container: ContainerName }
  | { readonly kind: 'cpu-limit'; readonly container: ContainerName; readonly cpus: number }
  | { readonly kind: 'memory-limit'; readonly container: ContainerName; readonly bytes: number }
  /** Attached to exactly these networks. */
  | { readonly kind: 'networks'; readonly container: ContainerName; readonly networks: readonly NetworkName[] }
  /** Cannot reach a container on another Docker network. */
  | { readonly kind: 'isolated-from-other-networks'; readonly container: ContainerName }
  /** The app started a sandbox runtime container and reached it. */
  | { readonly kind: 'sandbox-reachable'; readonly container: ContainerName }
  /** The sandbox runtime's published ports do not answer from another host on the LAN. */
  | { readonly kind: 'sandbox-ports-not-on-lan'; readonly container: ContainerName }
  /** Files the app writes in the mounted workspace belong to the host user who ran the command. */
  | { readonly kind: 'workspace-files-owned-by-user'; readonly container: ContainerName }
  /** The container runs its processes as root or as the reader's uid. */
  | { readonly kind: 'app-runs-as'; readonly container: ContainerName; readonly user: 'root' | 'reader' }
  /** The Docker socket is not mounted into the container. */
  | { readonly kind: 'no-docker-socket'; readonly container: ContainerName }
  /** The app reaches the Docker API only through the socket proxy. */
  | { readonly kind: 'docker-api-via-proxy'; readonly container: ContainerName; readonly proxy: ContainerName }
  /** The proxy allows what OpenHands needs and denies the rest (403). Only the real image can show it. */
  | { readonly kind: 'proxy-filters-api'; readonly proxy: ContainerName }
  /** The image reference that was run. */
  | { readonly kind: 'image'; readonly container: ContainerName; readonly image: ImageName }
  /** With the loopback guard rule, a routed 127.0.0.0/8 packet from another host no longer reaches a loopback-published port. */
  | { readonly kind: 'loopback-guard-blocks-lan'; readonly container: ContainerName; readonly port: number }
  /** The network exists and is a user-defined bridge. */
  | { readonly kind: 'network-exists'; readonly network: NetworkName };

export type ClaimKind = Claim['kind'];
