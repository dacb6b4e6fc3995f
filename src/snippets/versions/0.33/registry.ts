import type { DockerRun } from '../../commands';
import { imageReference } from '../../images';
import type { SnippetSpec, Step } from '../../snippet';
import { APP_SUBNET_GUARD_STEPS } from '../../subnet-guard';
import { BRIDGE_SUBNET_COMMAND, bridgeGatewayOf, commandOutput, concat, digestOf, home, image, placeholder, setEarlier, variable } from '../../words';
import { FACTS } from './facts';
import type { IMAGES } from './images';

/** The images a 0.33 snippet may run: this version's and the shared socket proxy. */
type Image = keyof typeof IMAGES | 'socket-proxy';

/**
 * The address `--add-host host.docker.internal:host-gateway` resolves to, read from the
 * reader's own engine (the bridge-gateway snippet): usually 172.17.0.1 (facts.ts), but not on
 * an engine whose default bridge has another subnet. Publishing the sandbox ports on it keeps
 * them off the host's LAN addresses while the app container still reaches them; 127.0.0.1
 * would cut the app off from its sandboxes (OpenHands issue #7152).
 */
const BRIDGE_GATEWAY = setEarlier('BRIDGE_GATEWAY');
const GIB = 1024 ** 3;

const STATE_MOUNT = { source: home('.openhands-state'), target: '/.openhands-state' } as const;
const SOCKET_MOUNT = { source: '/var/run/docker.sock', target: '/var/run/docker.sock' } as const;
/** Rootless Docker's socket, in the reader's runtime folder (docs.docker.com/engine/security/rootless/tips/). */
const ROOTLESS_SOCKET_MOUNT = { source: concat(variable('XDG_RUNTIME_DIR'), '/docker.sock'), target: '/var/run/docker.sock' } as const;
const WORKSPACE_MOUNT = {
  source: concat(setEarlier('WORKSPACE_BASE')),
  target: '/opt/workspace_base',
} as const;
const HOST_GATEWAY = [{ name: 'host.docker.internal', address: 'host-gateway' }] as const;
const LOOPBACK_3000 = [{ hostIp: '127.0.0.1', hostPort: 3000, containerPort: 3000 }] as const;

/** The app as a reader runs it in the foreground, as OpenHands' own README does. */
const APP = {
  kind: 'docker-run',
  image: 'openhands-0.33',
  interactive: true,
  remove: true,
  pull: 'always',
  name: 'openhands-app',
} as const satisfies Partial<DockerRun<Image>>;

/** Snippets that expand $BRIDGE_GATEWAY need the reader to have read it first. */
const NEEDS_GATEWAY = ['bridge-gateway'] as const;

/** The hardened baseline every section of the hardened page starts from. */
const HARDENED_APP = {
  ...APP,
  env: {
    SANDBOX_RUNTIME_CONTAINER_IMAGE: image('runtime-0.33'),
    LOG_ALL_EVENTS: 'true',
    SANDBOX_RUNTIME_BINDING_ADDRESS: BRIDGE_GATEWAY,
  },
  mounts: [SOCKET_MOUNT, STATE_MOUNT],
  publish: LOOPBACK_3000,
  addHosts: HOST_GATEWAY,
} as const satisfies DockerRun<Image>;

const CREATE_NETWORK = {
  comment: 'comment.create-network',
  command: { kind: 'docker-network-create', name: 'openhands-network' },
} as const;

/**
 * What the page's sections leave behind: the app (gone already if it was stopped with
 * Ctrl-C, thanks to --rm), the proxy, the sandbox containers the app stops but does not
 * remove when it exits (OpenHands@0.33.0 docker_runtime.py: stop_all_containers, no
 * auto-remove), and the network. `docker rm -f` of a missing container only says so.
 */
const CLEANUP_STEPS = [
  {
    comment: 'comment.remove-containers',
    command: {
      kind: 'docker-rm',
      containers: ['openhands-app', 'docker-socket-proxy', commandOutput('docker ps -aq --filter name=openhands-runtime-')],
    },
  },
  { comment: 'comment.remove-network', command: { kind: 'docker-network-rm', name: 'openhands-network' } },
] as const satisfies readonly Step<Image>[];

const CLEANED_UP = { kind: 'removed', containers: ['openhands-app', 'docker-socket-proxy'], networks: ['openhands-network'] } as const;

/**
 * Every command on every page. Keys are the ids pages use in `<Snippet id="..."/>`.
 * `SANDBOX_RUNTIME_CONTAINER_IMAGE: image('runtime-0.33')` names an image of images.ts; the
 * renderer turns it into the reference, so one version constant drives every tag.
 */
/** The Docker Runtime page's command: the reader's folder mounted as the workspace, the app reaching the daemon through its socket. */
const WORKSPACE_RUN = {
  ...APP,
  env: {
    SANDBOX_RUNTIME_CONTAINER_IMAGE: image('runtime-0.33'),
    SANDBOX_USER_ID: commandOutput('id -u'),
    WORKSPACE_MOUNT_PATH: concat(setEarlier('WORKSPACE_BASE')),
  },
  mounts: [WORKSPACE_MOUNT, SOCKET_MOUNT, STATE_MOUNT],
  publish: [{ hostPort: 3000, containerPort: 3000 }],
  addHosts: HOST_GATEWAY,
} as const satisfies DockerRun<Image>;

export const SNIPPETS = {
  'workspace-base-linux': {
    caption: 'caption.workspace-base-linux',
    steps: [{ comment: 'comment.workspace-base-linux', command: { kind: 'export', name: 'WORKSPACE_BASE', value: placeholder('workspaceDir') } }],
    claims: [],
  },
  'workspace-base-wsl': {
    caption: 'caption.workspace-base-wsl',
    steps: [{ comment: 'comment.workspace-base-wsl', command: { kind: 'export', name: 'WORKSPACE_BASE', value: placeholder('wslWorkspaceDir') } }],
    claims: [],
  },
  'workspace-run-as-root': {
    caption: 'caption.workspace-run-as-root',
    requires: ['workspace-base-linux'],
    steps: [{ command: { ...WORKSPACE_RUN, env: { SANDBOX_RUNTIME_CONTAINER_IMAGE: WORKSPACE_RUN.env.SANDBOX_RUNTIME_CONTAINER_IMAGE, WORKSPACE_MOUNT_PATH: WORKSPACE_RUN.env.WORKSPACE_MOUNT_PATH } } }],
    claims: [
      { kind: 'app-runs-as', container: 'openhands-app', user: 'root' },
      { kind: 'workspace-chown', container: 'openhands-app', outcome: 'root-owned' },
    ],
  },
  'workspace-run': {
    caption: 'caption.workspace-run',
    requires: ['workspace-base-linux'],
    steps: [
      {
        command: WORKSPACE_RUN,
      },
    ],
    claims: [
      { kind: 'image', container: 'openhands-app', image: 'openhands-0.33' },
      { kind: 'port-reachable-from-lan', container: 'openhands-app', port: 3000 },
      { kind: 'app-runs-as', container: 'openhands-app', user: 'reader' },
      { kind: 'sandbox-reachable', container: 'openhands-app' },
      { kind: 'workspace-chown', container: 'openhands-app', outcome: 'group-root-after-restart' },
      // SANDBOX_RUNTIME_BINDING_ADDRESS unset: 0.33 publishes sandbox ports on 0.0.0.0 (facts.md, sandbox_config.py).
      { kind: 'sandbox-ports-on-lan', container: 'openhands-app' },
      { kind: 'workspace-files-owned-by-user', container: 'openhands-app' },
    ],
  },
  'rootless-run': {
    caption: 'caption.rootless-run',
    engines: ['rootless-docker'],
    requires: ['workspace-base-linux'],
    steps: [
      {
        command: { ...WORKSPACE_RUN, mounts: [WORKSPACE_MOUNT, ROOTLESS_SOCKET_MOUNT, STATE_MOUNT] },
      },
    ],
    claims: [
      { kind: 'image', container: 'openhands-app', image: 'openhands-0.33' },
      // The app starts its sandbox through rootless Docker's socket and cannot reach it
      // (RootlessKit's namespace binds published ports on loopback; the checker cites moby).
      { kind: 'sandbox-unreachable', container: 'openhands-app' },
    ],
  },
  'bridge-gateway': {
    caption: 'caption.bridge-gateway',
    steps: [{ comment: 'comment.bridge-gateway', command: { kind: 'export', name: 'BRIDGE_GATEWAY', value: bridgeGatewayOf(imageReference('openhands-0.33')) } }],
    claims: [],
  },
  'network-binding': {
    caption: 'caption.network-binding',
    requires: NEEDS_GATEWAY,
    steps: [{ command: HARDENED_APP }],
    claims: [
      { kind: 'port-loopback-only', container: 'openhands-app', port: 3000 },
      { kind: 'sandbox-reachable', container: 'openhands-app' },
      { kind: 'sandbox-ports-not-on-lan', container: 'openhands-app' },
    ],
  },
  'events-log': {
    caption: 'caption.events-log',
    requires: ['network-binding'],
    steps: [{ comment: 'comment.events-log', command: { kind: 'docker-logs', container: 'openhands-app', saveTo: 'openhands-app.log' } }],
    claims: [{ kind: 'log-saved', container: 'openhands-app', file: 'openhands-app.log' }],
  },
  'loopback-guard': {
    caption: 'caption.loopback-guard',
    requires: ['network-binding'],
    steps: [{ comment: 'comment.loopback-guard', command: { kind: 'loopback-guard-rule' } }],
    claims: [{ kind: 'loopback-guard-blocks-lan', container: 'openhands-app', port: 3000 }],
  },
  'bridge-guard': {
    caption: 'caption.bridge-guard',
    requires: ['network-binding'],
    steps: [
      { comment: 'comment.bridge-subnet', command: { kind: 'export', name: 'BRIDGE_SUBNET', value: BRIDGE_SUBNET_COMMAND } },
      {
        comment: 'comment.bridge-guard',
        command: { kind: 'bridge-guard-rule', inInterface: placeholder('lanInterface'), subnet: variable('BRIDGE_SUBNET') },
      },
    ],
    claims: [{ kind: 'bridge-guard-blocks-lan', container: 'openhands-app' }],
  },
  'socket-non-root': {
    caption: 'caption.socket-non-root',
    requires: NEEDS_GATEWAY,
    steps: [{ command: { ...HARDENED_APP, env: { ...HARDENED_APP.env, SANDBOX_USER_ID: commandOutput('id -u') } } }],
    claims: [
      { kind: 'app-runs-as', container: 'openhands-app', user: 'reader' },
      { kind: 'sandbox-reachable', container: 'openhands-app' },
    ],
  },
  'socket-proxy': {
    caption: 'caption.socket-proxy',
    requires: NEEDS_GATEWAY,
    steps: [
      CREATE_NETWORK,
      {
        comment: 'comment.start-socket-proxy',
        command: {
          kind: 'docker-run',
          image: 'socket-proxy',
          detach: true,
          name: 'docker-socket-proxy',
          network: 'openhands-network',
          env: { CONTAINERS: '1', IMAGES: '1', POST: '1' },
          mounts: [SOCKET_MOUNT],
        },
      },
      {
        comment: 'comment.app-through-proxy',
        command: {
          ...HARDENED_APP,
          env: { ...HARDENED_APP.env, DOCKER_HOST: 'tcp://docker-socket-proxy:2375' },
          mounts: [STATE_MOUNT],
          network: 'openhands-network',
        },
      },
    ],
    claims: [
      { kind: 'no-docker-socket', container: 'openhands-app' },
      { kind: 'docker-api-via-proxy', container: 'openhands-app', proxy: 'docker-socket-proxy' },
      { kind: 'sandbox-reachable', container: 'openhands-app' },
      { kind: 'no-published-ports', container: 'docker-socket-proxy' },
      { kind: 'networks', container: 'docker-socket-proxy', networks: ['openhands-network'] },
      { kind: 'proxy-denies-unlisted-sections', proxy: 'docker-socket-proxy' },
      { kind: 'proxy-containers-alone-refuses-sandbox', proxy: 'docker-socket-proxy' },
      { kind: 'proxy-allows-privileged-create', proxy: 'docker-socket-proxy' },
    ],
  },
  'socket-proxy-cleanup': {
    caption: 'caption.socket-proxy-cleanup',
    requires: ['socket-proxy'],
    steps: CLEANUP_STEPS,
    claims: [CLEANED_UP],
  },
  'resource-limits': {
    caption: 'caption.resource-limits',
    requires: NEEDS_GATEWAY,
    steps: [{ command: { ...HARDENED_APP, cpus: 2, memory: '4g' } }],
    claims: [
      { kind: 'cpu-limit', container: 'openhands-app', cpus: 2 },
      { kind: 'memory-limit', container: 'openhands-app', bytes: 4 * GIB },
      { kind: 'sandbox-reachable', container: 'openhands-app' },
    ],
  },
  'network-isolation': {
    caption: 'caption.network-isolation',
    requires: NEEDS_GATEWAY,
    steps: [
      CREATE_NETWORK,
      { comment: 'comment.run-on-network', command: { ...HARDENED_APP, network: 'openhands-network' } },
    ],
    claims: [
      { kind: 'network-exists', network: 'openhands-network' },
      { kind: 'networks', container: 'openhands-app', networks: ['openhands-network'] },
      { kind: 'app-isolated-from-other-networks', container: 'openhands-app' },
      { kind: 'sandbox-reachable', container: 'openhands-app' },
      { kind: 'sandbox-ports-reachable-from-other-networks', container: 'openhands-app' },
    ],
  },
  'subnet-guard': {
    caption: 'caption.subnet-guard',
    requires: ['network-isolation'],
    steps: APP_SUBNET_GUARD_STEPS,
    claims: [{ kind: 'subnet-guard-blocks-lan', container: 'openhands-app', port: 3000 }],
  },
  'hardened-complete': {
    caption: 'caption.hardened-complete',
    requires: NEEDS_GATEWAY,
    steps: [
      CREATE_NETWORK,
      {
        comment: 'comment.run-hardened',
        command: {
          ...HARDENED_APP,
          env: { ...HARDENED_APP.env, SANDBOX_USER_ID: commandOutput('id -u') },
          cpus: 2,
          memory: '4g',
          network: 'openhands-network',
        },
      },
    ],
    claims: [
      { kind: 'image', container: 'openhands-app', image: 'openhands-0.33' },
      { kind: 'port-loopback-only', container: 'openhands-app', port: 3000 },
      { kind: 'app-runs-as', container: 'openhands-app', user: 'reader' },
      { kind: 'cpu-limit', container: 'openhands-app', cpus: 2 },
      { kind: 'memory-limit', container: 'openhands-app', bytes: 4 * GIB },
      { kind: 'networks', container: 'openhands-app', networks: ['openhands-network'] },
      { kind: 'app-isolated-from-other-networks', container: 'openhands-app' },
      { kind: 'sandbox-reachable', container: 'openhands-app' },
      { kind: 'sandbox-ports-not-on-lan', container: 'openhands-app' },
      { kind: 'audit', container: 'openhands-app' },
    ],
  },
  'digest-pinning': {
    caption: 'caption.digest-pinning',
    requires: NEEDS_GATEWAY,
    steps: [
      { comment: 'comment.read-digest', command: { kind: 'export', name: 'OPENHANDS_IMAGE', value: digestOf(imageReference('openhands-0.33')) } },
      {
        comment: 'comment.run-by-digest',
        command: { ...HARDENED_APP, pull: undefined, imageFrom: variable('OPENHANDS_IMAGE') },
      },
    ],
    claims: [
      { kind: 'image-by-digest', container: 'openhands-app', image: 'openhands-0.33' },
      { kind: 'sandbox-reachable', container: 'openhands-app' },
    ],
  },
  'hardened-cleanup': {
    caption: 'caption.hardened-cleanup',
    requires: ['hardened-complete'],
    steps: CLEANUP_STEPS,
    claims: [CLEANED_UP],
  },
} as const satisfies Record<string, SnippetSpec<Image>>;
