import type { ContainerName, NetworkName } from './commands';
import type { ImageName } from './images';

/**
 * What the prose around a snippet says the snippet achieves, as data the harness
 * verifies on a live daemon. Each kind has one checker in scripts/harness/claims.
 */
export type Claim =
  /** The port answers on 127.0.0.1 and not from another host (host address or routed 127.0.0.0/8). */
  | { readonly kind: 'port-loopback-only'; readonly container: ContainerName; readonly port: number }
  /**
   * The port is published on 127.0.0.1 and on the bridge gateway only (1.x, so that its sandboxes
   * can call the app back): it answers on this machine and to the sandboxes, not at this
   * machine's address on the network.
   */
  | { readonly kind: 'port-on-loopback-and-gateway'; readonly container: ContainerName; readonly port: number }
  /** The port answers from another host on the LAN. */
  | { readonly kind: 'port-reachable-from-lan'; readonly container: ContainerName; readonly port: number }
  /** The container has no published port. */
  | { readonly kind: 'no-published-ports'; readonly container: ContainerName }
  | { readonly kind: 'cpu-limit'; readonly container: ContainerName; readonly cpus: number }
  | { readonly kind: 'memory-limit'; readonly container: ContainerName; readonly bytes: number }
  /** Attached to exactly these networks. */
  | { readonly kind: 'networks'; readonly container: ContainerName; readonly networks: readonly NetworkName[] }
  /** The container's own address: it and a container on another Docker network cannot reach each other. */
  | { readonly kind: 'app-isolated-from-other-networks'; readonly container: ContainerName }
  /** The sandboxes' published ports still answer a container on another Docker network, at the bridge address: the true scope of isolation. */
  | { readonly kind: 'sandbox-ports-reachable-from-other-networks'; readonly container: ContainerName }
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
  /** The proxy forwards the sections it enables and answers 403 to the others (networks, exec, info). */
  | { readonly kind: 'proxy-denies-unlisted-sections'; readonly proxy: ContainerName }
  /** The same proxy with CONTAINERS=1 alone (older versions of the page) refuses to create a container or pull an image. */
  | { readonly kind: 'proxy-containers-alone-refuses-sandbox'; readonly proxy: ContainerName }
  /** With POST=1 the proxy also forwards a request to create a privileged container with the host's root mounted. */
  | { readonly kind: 'proxy-allows-privileged-create'; readonly proxy: ContainerName }
  /** The image reference that was run. */
  | { readonly kind: 'image'; readonly container: ContainerName; readonly image: ImageName }
  /** With the loopback guard rule, a routed 127.0.0.0/8 packet from another host no longer reaches a loopback-published port. */
  | { readonly kind: 'loopback-guard-blocks-lan'; readonly container: ContainerName; readonly port: number }
  /** With the bridge guard rule, a host routing the bridge subnet via this one reaches no sandbox port; the app still reaches its sandbox. */
  | { readonly kind: 'bridge-guard-blocks-lan'; readonly container: ContainerName }
  /** With the rule for the app's own network, a host routing that subnet via this machine no longer reaches the app's port at the app's own address; the app still answers on this machine. */
  | { readonly kind: 'subnet-guard-blocks-lan'; readonly container: ContainerName; readonly port: number }
  /** The same, where the app is published on the bridge gateway on a network of its own: the neighbour no longer reaches that port either, and the sandbox still does. */
  | { readonly kind: 'bridge-guard-blocks-lan-app'; readonly container: ContainerName; readonly port: number }
  /** The container runs the image by a digest reference (`repository@sha256:...`) of the documented image. */
  | { readonly kind: 'image-by-digest'; readonly container: ContainerName; readonly image: ImageName }
  /** None of these containers and networks exists any more, nor any sandbox container the app started. */
  | { readonly kind: 'removed'; readonly containers: readonly ContainerName[]; readonly networks: readonly NetworkName[] }
  /** The file holds what the container wrote to its output (stdout and stderr). */
  | { readonly kind: 'log-saved'; readonly container: ContainerName; readonly file: string }
  /** The sandbox ports answer another host on the LAN at this machine's address (versions that publish them on every interface). */
  | { readonly kind: 'sandbox-ports-on-lan'; readonly container: ContainerName }
  /** From inside the sandbox, the app answers at the callback URL the app gave it. */
  | { readonly kind: 'sandbox-calls-back-app'; readonly container: ContainerName }
  /** The app, run with this variable set to the bridge gateway (as the 0.33 pages set it), publishes its sandbox ports as without it: the version does not read it. */
  | { readonly kind: 'setting-ignored'; readonly container: ContainerName; readonly variable: 'SANDBOX_RUNTIME_BINDING_ADDRESS' }
  /**
   * The app started its sandbox, the sandbox listens inside its own namespace, and yet its
   * published ports do not answer the app at host.docker.internal (rootless Docker).
   */
  | { readonly kind: 'sandbox-unreachable'; readonly container: ContainerName }
  /** The app listens inside its own namespace, and yet the callback URL it gave its sandbox does not answer from inside the sandbox. */
  | { readonly kind: 'sandbox-callback-unanswered'; readonly container: ContainerName }
  /** The sandbox's processes run as this uid. */
  | { readonly kind: 'sandbox-runs-as'; readonly container: ContainerName; readonly uid: number }
  /**
   * The agent, as the uid it runs as (in the sandbox, or in the app's own container where there
   * is none), can neither create a file in the reader's mounted folder nor edit one the reader made.
   */
  | { readonly kind: 'agent-write-refused'; readonly container: ContainerName }
  /** The same agent can do both, and the reader can edit what it made. */
  | { readonly kind: 'agent-write-allowed'; readonly container: ContainerName }
  /** The container's processes cannot gain privileges (no-new-privileges: setuid sudo no longer makes root). */
  | { readonly kind: 'no-new-privileges'; readonly container: ContainerName }
  /** The app's sandboxes run without a CPU, memory or process limit, whatever limits the app has. */
  | { readonly kind: 'sandbox-unlimited'; readonly container: ContainerName }
  /** The container's processes run as this uid (an image's own non-root user). */
  | { readonly kind: 'runs-as-uid'; readonly container: ContainerName; readonly uid: number }
  /** At most this many processes in the container (HostConfig.PidsLimit and the pids cgroup). */
  | { readonly kind: 'pids-limit'; readonly container: ContainerName; readonly pids: number }
  /** With the DOCKER-USER rule, a LAN host gets no new connection to containers on the default bridge; the app and its sandboxes still reach each other. */
  | { readonly kind: 'docker-user-guard-blocks-lan'; readonly container: ContainerName }
  /** The API answers 401 without the key and 200 with it; health checks need none. */
  | { readonly kind: 'api-requires-key'; readonly container: ContainerName; readonly port: number }
  /** The web UI page holds the API key, for whoever can load it. */
  | { readonly kind: 'ui-embeds-key'; readonly container: ContainerName; readonly port: number }
  /** The generated API key is kept in the state folder, mode 600, owned by the image's user. */
  | { readonly kind: 'api-key-file'; readonly container: ContainerName }
  /** Setting LOCAL_BACKEND_API_KEY yourself leaves the agent server's API open without a key (Agent Canvas 1.6.1 to 1.12.0 entrypoints). */
  | { readonly kind: 'env-key-leaves-api-open'; readonly container: ContainerName }
  /**
   * The web page, as the snippet's container serves it (without AGENT_CANVAS_ALLOW_LAN_SESSION_KEY)
   * and as a container of the same image with `AGENT_CANVAS_ALLOW_LAN_SESSION_KEY=true` serves
   * it: each either carries the API key or asks the visitor for it (releases after 1.20.0).
   */
  | { readonly kind: 'ui-key-policy'; readonly container: ContainerName; readonly port: number; readonly withoutVariable: PagePolicy; readonly withVariable: PagePolicy }
  /**
   * The bundled editor's own port: a container on the same network reaches it, it refuses a
   * request without its connection token, and it takes the app's API key as that token.
   */
  | { readonly kind: 'editor-reachable-on-network'; readonly container: ContainerName; readonly port: number }
  /** What the web port does with the editor's path `/vscode/`: no route to the editor (redirected into the app), or the editor asking for its token. */
  | { readonly kind: 'editor-route'; readonly container: ContainerName; readonly port: number; readonly route: 'not-routed' | 'asks-token' }
  /** A container on the same network reaches the agent server's own port directly, past the ingress. */
  | { readonly kind: 'internal-port-reachable-on-network'; readonly container: ContainerName; readonly port: number }
  /** The audit table of docker-bench-security section 5, generated from the live container. */
  | { readonly kind: 'audit'; readonly container: ContainerName }
  /**
   * What the sandbox runtime does to a file the reader already had in the mounted folder: with
   * SANDBOX_USER_ID=0 it belongs to root from the first start on; with the reader's uid the
   * first start leaves it, and from a restart of the runtime on its group is root (OpenHands
   * 0.33 runtime_init.py: a recursive chown to <user>:root at every start).
   */
  | { readonly kind: 'workspace-chown'; readonly container: ContainerName; readonly outcome: 'root-owned' | 'group-root-after-restart' }
  /** The network exists and is a user-defined bridge. */
  | { readonly kind: 'network-exists'; readonly network: NetworkName }
  /**
   * The positive control of the egress section: from the agent's network namespace, a CONNECT
   * through the proxy to the allow-list's name answers, and the proxy logs it as a tunnel.
   */
  | { readonly kind: 'egress-allowed-via-proxy'; readonly container: ContainerName; readonly proxy: ContainerName }
  /**
   * One way out, tried from the agent's network namespace, gets nowhere (or a refusal in the
   * proxy's log); the same attempt from a container on an ordinary network, where the page's
   * measures do not apply, gets through (the negative control).
   */
  | { readonly kind: 'egress-refused'; readonly container: ContainerName; readonly proxy: ContainerName; readonly way: EgressWay }
  /**
   * The web interface still answers through the forwarder: from the forwarder's own network
   * namespace, its port reaches the app's health check across the internal network.
   */
  | { readonly kind: 'egress-ui-forwarded'; readonly container: ContainerName; readonly app: ContainerName; readonly port: number }
  /**
   * When the proxy fails, the agent does not get out another way: with the proxy stopped, with
   * its allow-list emptied (squid then refuses every name, the allowed one included, and logs
   * each refusal), or with a line of its configuration it cannot read (squid does not start, and
   * its log says why). Destructive: the last claim of its snippet.
   */
  | { readonly kind: 'egress-fails-closed'; readonly container: ContainerName; readonly proxy: ContainerName; readonly cause: EgressFailure }
  /**
   * The agent reaches a service of the host that listens on every address, at its internal
   * network's gateway: `--internal` closes the way out of the machine, not the way into it.
   */
  | { readonly kind: 'egress-host-reachable'; readonly container: ContainerName };

/** The ways out the egress section closes, each a claim of its own (issue 16's bypass suite). */
export const EGRESS_WAYS = [
  'connect-unlisted',
  'literal-ip',
  'other-port',
  'direct-unlisted',
  'direct-allowed-address',
  'dns-udp',
  'dns-tcp',
  'embedded-dns',
  'icmp',
  'metadata',
  'host-service',
] as const;
export type EgressWay = (typeof EGRESS_WAYS)[number];

/** How the proxy fails, in the fails-closed claims. */
export type EgressFailure = 'proxy-stopped' | 'allowlist-emptied' | 'config-broken';

export type ClaimKind = Claim['kind'];

/** What a page the app serves does with the API key: carries it, or asks whoever loads it. */
export type PagePolicy = 'embeds-key' | 'asks-for-key';
