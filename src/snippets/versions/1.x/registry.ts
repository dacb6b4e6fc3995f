import type { DockerRun } from '../../commands';
import { imageReference } from '../../images';
import type { SnippetSpec, Step } from '../../snippet';
import { APP_SUBNET_GUARD_STEPS } from '../../subnet-guard';
import { BRIDGE_SUBNET_COMMAND, bridgeGatewayOf, commandOutput, concat, digestOf, home, placeholder, setEarlier, variable } from '../../words';
import { FACTS } from './facts';
import type { IMAGES } from './images';

/** The images a 1.x snippet may run: this version's and the shared socket proxy. */
type Image = keyof typeof IMAGES | 'socket-proxy';

const GIB = 1024 ** 3;
/** The uid of the agent-server image's user; the agent runs as it in every sandbox (facts.ts). */
const AGENT_UID = Number(FACTS.agentUid.value);

/** 1.x keeps its state in /.openhands (FILE_STORE_PATH); upstream's docs mount ~/.openhands there. */
const STATE_MOUNT = { source: home('.openhands'), target: FACTS.stateFolder.value } as const;
const SOCKET_MOUNT = { source: '/var/run/docker.sock', target: '/var/run/docker.sock' } as const;
/** Rootless Docker's socket, in the reader's runtime folder (docs.docker.com/engine/security/rootless/tips/). */
const ROOTLESS_SOCKET_MOUNT = { source: concat(variable('XDG_RUNTIME_DIR'), '/docker.sock'), target: '/var/run/docker.sock' } as const;
const HOST_GATEWAY = [{ name: 'host.docker.internal', address: 'host-gateway' }] as const;
/**
 * The app on loopback for the reader's browser, and on the bridge gateway for its sandboxes:
 * they call it back at host.docker.internal:3000 (OH_WEBHOOKS_0_BASE_URL), which is the
 * gateway; loopback alone would cut them off.
 */
const LOOPBACK_AND_GATEWAY = [
  { hostIp: '127.0.0.1', hostPort: 3000, containerPort: 3000 },
  { hostIp: setEarlier('BRIDGE_GATEWAY'), hostPort: 3000, containerPort: 3000 },
] as const;
/** Snippets that expand $BRIDGE_GATEWAY need the reader to have read it first (bridge-gateway). */
const NEEDS_GATEWAY = ['bridge-gateway'] as const;

/** The app as upstream's docs run it, in the foreground. */
const APP = {
  kind: 'docker-run',
  image: 'openhands-1.x',
  interactive: true,
  remove: true,
  pull: 'always',
  name: 'openhands-app',
} as const satisfies Partial<DockerRun<Image>>;

/** The hardened baseline every section of the 1.x hardened page starts from. */
const HARDENED_APP = {
  ...APP,
  mounts: [SOCKET_MOUNT, STATE_MOUNT],
  publish: LOOPBACK_AND_GATEWAY,
  addHosts: HOST_GATEWAY,
} as const satisfies DockerRun<Image>;

const CREATE_NETWORK = {
  comment: 'comment.create-network',
  command: { kind: 'docker-network-create', name: 'openhands-network' },
} as const;

/**
 * What the page's sections leave behind: the app (gone already after Ctrl-C, thanks to --rm),
 * the proxy, the agent-server sandboxes (1.x stops them only when asked to delete them:
 * docker_sandbox_service.py delete_sandbox; nothing removes them when the app exits), and the
 * network.
 */
const CLEANUP_STEPS = [
  {
    comment: 'comment.remove-containers',
    command: {
      kind: 'docker-rm',
      containers: ['openhands-app', 'docker-socket-proxy', commandOutput('docker ps -aq --filter name=oh-agent-server-')],
    },
  },
  { comment: 'comment.remove-network', command: { kind: 'docker-network-rm', name: 'openhands-network' } },
] as const satisfies readonly Step<Image>[];

const CLEANED_UP = { kind: 'removed', containers: ['openhands-app', 'docker-socket-proxy'], networks: ['openhands-network'] } as const;

/** Every command of the 1.x pages. Keys are the ids pages use in `<Snippet id="..."/>`. */
/** The Docker Runtime page's command: the reader's folder in every sandbox, the app reaching the daemon through its socket. */
const WORKSPACE_RUN = {
  ...APP,
  env: {
    SANDBOX_USER_ID: commandOutput('id -u'),
    SANDBOX_VOLUMES: concat(setEarlier('WORKSPACE_BASE'), `:${FACTS.agentWorkingDir.value}:rw`),
  },
  mounts: [SOCKET_MOUNT, STATE_MOUNT],
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
  'workspace-run': {
    caption: 'caption.v1.workspace-run',
    requires: ['workspace-base-linux'],
    steps: [
      {
        command: WORKSPACE_RUN,
      },
    ],
    claims: [
      { kind: 'image', container: 'openhands-app', image: 'openhands-1.x' },
      { kind: 'port-reachable-from-lan', container: 'openhands-app', port: 3000 },
      { kind: 'app-runs-as', container: 'openhands-app', user: 'reader' },
      { kind: 'sandbox-reachable', container: 'openhands-app' },
      { kind: 'sandbox-calls-back-app', container: 'openhands-app' },
      { kind: 'sandbox-runs-as', container: 'openhands-app', uid: AGENT_UID },
      { kind: 'agent-write-refused', container: 'openhands-app' },
      { kind: 'sandbox-ports-on-lan', container: 'openhands-app' },
    ],
  },
  'rootless-run': {
    caption: 'caption.rootless-run',
    engines: ['rootless-docker'],
    requires: ['workspace-base-linux'],
    steps: [
      {
        command: { ...WORKSPACE_RUN, mounts: [ROOTLESS_SOCKET_MOUNT, STATE_MOUNT] },
      },
    ],
    claims: [
      { kind: 'image', container: 'openhands-app', image: 'openhands-1.x' },
      // Through rootless Docker's socket the app starts its sandbox...
      { kind: 'sandbox-runs-as', container: 'openhands-app', uid: AGENT_UID },
      // ...and neither reaches the other (RootlessKit's namespace binds published ports on loopback; the checkers cite moby).
      { kind: 'sandbox-unreachable', container: 'openhands-app' },
      { kind: 'sandbox-callback-unanswered', container: 'openhands-app' },
    ],
  },
  'workspace-grant': {
    caption: 'caption.workspace-grant',
    requires: ['workspace-run'],
    steps: [{ comment: 'comment.workspace-grant', command: { kind: 'grant-folder-access', uid: AGENT_UID, folder: setEarlier('WORKSPACE_BASE') } }],
    claims: [{ kind: 'agent-write-allowed', container: 'openhands-app' }],
  },
  'bridge-gateway': {
    caption: 'caption.bridge-gateway',
    steps: [{ comment: 'comment.bridge-gateway', command: { kind: 'export', name: 'BRIDGE_GATEWAY', value: bridgeGatewayOf(imageReference('openhands-1.x')) } }],
    claims: [],
  },
  'network-binding': {
    caption: 'caption.v1.network-binding',
    requires: NEEDS_GATEWAY,
    steps: [{ command: HARDENED_APP }],
    claims: [
      { kind: 'port-on-loopback-and-gateway', container: 'openhands-app', port: 3000 },
      { kind: 'sandbox-reachable', container: 'openhands-app' },
      { kind: 'sandbox-calls-back-app', container: 'openhands-app' },
      { kind: 'sandbox-ports-on-lan', container: 'openhands-app' },
      { kind: 'setting-ignored', container: 'openhands-app', variable: 'SANDBOX_RUNTIME_BINDING_ADDRESS' },
    ],
  },
  'loopback-guard': {
    caption: 'caption.loopback-guard',
    requires: ['network-binding'],
    steps: [{ comment: 'comment.loopback-guard', command: { kind: 'loopback-guard-rule' } }],
    claims: [{ kind: 'loopback-guard-blocks-lan', container: 'openhands-app', port: 3000 }],
  },
  'docker-user-guard': {
    caption: 'caption.docker-user-guard',
    requires: ['network-binding'],
    steps: [{ comment: 'comment.docker-user-guard', command: { kind: 'docker-user-guard-rule', inInterface: placeholder('lanInterface'), outInterface: 'docker0' } }],
    claims: [{ kind: 'docker-user-guard-blocks-lan', container: 'openhands-app' }],
  },
  'socket-non-root': {
    caption: 'caption.socket-non-root',
    requires: NEEDS_GATEWAY,
    steps: [{ command: { ...HARDENED_APP, env: { SANDBOX_USER_ID: commandOutput('id -u') } } }],
    claims: [
      { kind: 'app-runs-as', container: 'openhands-app', user: 'reader' },
      { kind: 'sandbox-reachable', container: 'openhands-app' },
      { kind: 'sandbox-runs-as', container: 'openhands-app', uid: AGENT_UID },
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
          env: { DOCKER_HOST: 'tcp://docker-socket-proxy:2375' },
          mounts: [STATE_MOUNT],
          network: 'openhands-network',
        },
      },
    ],
    claims: [
      { kind: 'no-docker-socket', container: 'openhands-app' },
      { kind: 'docker-api-via-proxy', container: 'openhands-app', proxy: 'docker-socket-proxy' },
      { kind: 'sandbox-reachable', container: 'openhands-app' },
      { kind: 'sandbox-calls-back-app', container: 'openhands-app' },
      { kind: 'app-runs-as', container: 'openhands-app', user: 'root' },
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
    caption: 'caption.v1.resource-limits',
    requires: NEEDS_GATEWAY,
    steps: [{ command: { ...HARDENED_APP, cpus: 2, memory: '4g', pidsLimit: 512 } }],
    claims: [
      { kind: 'cpu-limit', container: 'openhands-app', cpus: 2 },
      { kind: 'memory-limit', container: 'openhands-app', bytes: 4 * GIB },
      { kind: 'pids-limit', container: 'openhands-app', pids: 512 },
      { kind: 'sandbox-reachable', container: 'openhands-app' },
      { kind: 'sandbox-unlimited', container: 'openhands-app' },
    ],
  },
  'network-isolation': {
    caption: 'caption.network-isolation',
    requires: NEEDS_GATEWAY,
    steps: [CREATE_NETWORK, { comment: 'comment.run-on-network', command: { ...HARDENED_APP, network: 'openhands-network' } }],
    claims: [
      { kind: 'network-exists', network: 'openhands-network' },
      { kind: 'networks', container: 'openhands-app', networks: ['openhands-network'] },
      { kind: 'app-isolated-from-other-networks', container: 'openhands-app' },
      { kind: 'sandbox-reachable', container: 'openhands-app' },
      { kind: 'sandbox-calls-back-app', container: 'openhands-app' },
      { kind: 'sandbox-ports-reachable-from-other-networks', container: 'openhands-app' },
    ],
  },
  'bridge-guard': {
    caption: 'caption.v1.bridge-guard',
    requires: ['network-isolation'],
    steps: [
      { comment: 'comment.bridge-subnet', command: { kind: 'export', name: 'BRIDGE_SUBNET', value: BRIDGE_SUBNET_COMMAND } },
      { comment: 'comment.bridge-guard', command: { kind: 'bridge-guard-rule', inInterface: placeholder('lanInterface'), subnet: variable('BRIDGE_SUBNET') } },
      // Engine < 28 forwards packets routed to the app's own address on its network too (direct routing).
      ...APP_SUBNET_GUARD_STEPS,
    ],
    claims: [{ kind: 'bridge-guard-blocks-lan-app', container: 'openhands-app', port: 3000 }],
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
          env: { SANDBOX_USER_ID: commandOutput('id -u') },
          cpus: 2,
          memory: '4g',
          pidsLimit: 512,
          network: 'openhands-network',
        },
      },
    ],
    claims: [
      { kind: 'image', container: 'openhands-app', image: 'openhands-1.x' },
      { kind: 'port-on-loopback-and-gateway', container: 'openhands-app', port: 3000 },
      { kind: 'app-runs-as', container: 'openhands-app', user: 'reader' },
      { kind: 'cpu-limit', container: 'openhands-app', cpus: 2 },
      { kind: 'memory-limit', container: 'openhands-app', bytes: 4 * GIB },
      { kind: 'pids-limit', container: 'openhands-app', pids: 512 },
      { kind: 'networks', container: 'openhands-app', networks: ['openhands-network'] },
      { kind: 'app-isolated-from-other-networks', container: 'openhands-app' },
      { kind: 'sandbox-reachable', container: 'openhands-app' },
      { kind: 'sandbox-calls-back-app', container: 'openhands-app' },
      { kind: 'audit', container: 'openhands-app' },
    ],
  },
  'digest-pinning': {
    caption: 'caption.digest-pinning',
    requires: NEEDS_GATEWAY,
    steps: [
      { comment: 'comment.read-digest', command: { kind: 'export', name: 'OPENHANDS_IMAGE', value: digestOf(imageReference('openhands-1.x')) } },
      { comment: 'comment.run-by-digest', command: { ...HARDENED_APP, pull: undefined, imageFrom: variable('OPENHANDS_IMAGE') } },
    ],
    claims: [
      { kind: 'image-by-digest', container: 'openhands-app', image: 'openhands-1.x' },
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
