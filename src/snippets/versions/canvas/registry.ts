import type { DockerRun } from '../../commands';
import type { Claim } from '../../claims';
import { EGRESS_WAYS } from '../../claims';
import { ACCESS_LOG, ALLOWLIST_TARGET, DOCKERFILE_LINES, EGRESS_FOLDER, PROXY_PORT, SQUID_CONF_LINES, SQUID_CONF_TARGET } from '../../egress-proxy';
import type { SnippetSpec } from '../../snippet';
import { APP_SUBNET_GUARD_STEPS } from '../../subnet-guard';
import { imageReference } from '../../images';
import { digestOf, home, hostUidOf, placeholder, setEarlier, variable } from '../../words';
import { FACTS } from './facts';
import type { IMAGES } from './images';

/** The images an Agent Canvas snippet may run: its own, and the egress section's proxy. */
type Image = keyof typeof IMAGES | 'egress-proxy';

const GIB = 1024 ** 3;
/** The image's own user; the agent works as it, in the same container (facts.ts). */
const AGENT_UID = Number(FACTS.agentUid.value);

/**
 * State in a named volume, not a host folder: the image's user (10001) cannot write a
 * ~/.openhands the reader owns (OpenHands/OpenHands#16511), and a new named volume is
 * filled from the image, owned by 10001 (Dockerfile VOLUME after chown).
 */
const STATE_MOUNT = { source: 'agent-canvas-state', target: FACTS.stateFolder.value } as const;
const PROJECTS_MOUNT = { source: setEarlier('PROJECTS_DIR'), target: FACTS.projectsFolder.value } as const;
const LOOPBACK_8000 = [{ hostIp: '127.0.0.1', hostPort: 8000, containerPort: 8000 }] as const;

/**
 * The baseline of every Agent Canvas command: in the foreground as upstream runs it, but
 * published on loopback only, since the page it serves hands out the API key.
 */
const CANVAS = {
  kind: 'docker-run',
  image: 'agent-canvas',
  interactive: true,
  remove: true,
  pull: 'always',
  mounts: [STATE_MOUNT],
  publish: LOOPBACK_8000,
  name: 'agent-canvas',
} as const satisfies DockerRun<Image>;

/** The allow-list: one name per line; the reader replaces the placeholder with their provider's API host. */
const ALLOWLIST_LINES = [placeholder('llmHost')] as const;

/** Every client in the container reads one of the two spellings (Python's read both, curl only lower case for http://). */
const PROXY_URL = `http://openhands-egress-proxy:${PROXY_PORT}`;
const LOCAL_ONLY = '127.0.0.1,localhost';

/** The agent on the internal network only, with the proxy as its way out. No -p: Docker publishes no port of an internal network. */
const EGRESS_CANVAS = {
  ...CANVAS,
  publish: undefined,
  env: { HTTP_PROXY: PROXY_URL, HTTPS_PROXY: PROXY_URL, http_proxy: PROXY_URL, https_proxy: PROXY_URL, NO_PROXY: LOCAL_ONLY, no_proxy: LOCAL_ONLY },
  network: 'openhands-egress',
} as const satisfies DockerRun<Image>;

/** The complete hardened example's command: every measure of the page at once, outbound traffic included. */
const HARDENED_CANVAS = {
  ...EGRESS_CANVAS,
  mounts: [STATE_MOUNT, PROJECTS_MOUNT],
  cpus: 2,
  memory: '4g',
  pidsLimit: 512,
  securityOpts: ['no-new-privileges'],
} as const satisfies DockerRun<Image>;

/** The bypass suite of the egress section, one claim per way out (the host's own services have a section of their own). */
const EGRESS_REFUSED: readonly Claim[] = EGRESS_WAYS.filter((way) => way !== 'host-service').map((way) => ({ kind: 'egress-refused', container: 'agent-canvas', proxy: 'openhands-egress-proxy', way }));

const CREATE_NETWORK = {
  comment: 'comment.create-network',
  command: { kind: 'docker-network-create', name: 'openhands-network' },
} as const;

/** Every command of the Agent Canvas pages. Keys are the ids pages use in `<Snippet id="..."/>`. */
export const SNIPPETS = {
  'projects-dir': {
    caption: 'caption.projects-dir',
    steps: [{ comment: 'comment.projects-dir', command: { kind: 'export', name: 'PROJECTS_DIR', value: placeholder('projectsDir') } }],
    claims: [],
  },
  'canvas-run': {
    caption: 'caption.canvas-run',
    requires: ['projects-dir'],
    steps: [{ command: { ...CANVAS, mounts: [STATE_MOUNT, PROJECTS_MOUNT] } }],
    claims: [
      { kind: 'image', container: 'agent-canvas', image: 'agent-canvas' },
      { kind: 'port-loopback-only', container: 'agent-canvas', port: 8000 },
      { kind: 'runs-as-uid', container: 'agent-canvas', uid: AGENT_UID },
      { kind: 'no-docker-socket', container: 'agent-canvas' },
      { kind: 'api-requires-key', container: 'agent-canvas', port: 8000 },
      { kind: 'api-key-file', container: 'agent-canvas' },
      { kind: 'ui-embeds-key', container: 'agent-canvas', port: 8000 },
      { kind: 'agent-write-refused', container: 'agent-canvas' },
    ],
  },
  'projects-grant': {
    caption: 'caption.workspace-grant',
    requires: ['canvas-run'],
    steps: [{ comment: 'comment.workspace-grant', command: { kind: 'grant-folder-access', uid: AGENT_UID, folder: setEarlier('PROJECTS_DIR') } }],
    claims: [{ kind: 'agent-write-allowed', container: 'agent-canvas' }],
  },
  'projects-grant-mapped': {
    caption: 'caption.canvas.projects-grant-mapped',
    requires: ['canvas-run'],
    steps: [
      { comment: 'comment.agent-host-uid', command: { kind: 'export', name: 'AGENT_HOST_UID', value: hostUidOf(imageReference('agent-canvas'), AGENT_UID) } },
      { comment: 'comment.workspace-grant', command: { kind: 'grant-folder-access', uid: variable('AGENT_HOST_UID'), folder: setEarlier('PROJECTS_DIR') } },
    ],
    claims: [{ kind: 'agent-write-allowed', container: 'agent-canvas' }],
  },
  'network-binding': {
    caption: 'caption.canvas.network-binding',
    steps: [{ command: CANVAS }],
    claims: [
      { kind: 'port-loopback-only', container: 'agent-canvas', port: 8000 },
      { kind: 'ui-embeds-key', container: 'agent-canvas', port: 8000 },
      { kind: 'ui-key-policy', container: 'agent-canvas', port: 8000, withoutVariable: 'embeds-key', withVariable: 'embeds-key' },
      { kind: 'api-requires-key', container: 'agent-canvas', port: 8000 },
      { kind: 'env-key-leaves-api-open', container: 'agent-canvas' },
      { kind: 'editor-route', container: 'agent-canvas', port: 8000, route: 'not-routed' },
    ],
  },
  'own-key': {
    caption: 'caption.canvas.own-key',
    steps: [{ comment: 'comment.canvas.own-key', command: { ...CANVAS, env: { OH_SESSION_API_KEYS_0: placeholder('apiKey') } } }],
    claims: [
      { kind: 'port-loopback-only', container: 'agent-canvas', port: 8000 },
      { kind: 'api-requires-key', container: 'agent-canvas', port: 8000 },
      { kind: 'ui-embeds-key', container: 'agent-canvas', port: 8000 },
    ],
  },
  'loopback-guard': {
    caption: 'caption.loopback-guard',
    requires: ['network-binding'],
    steps: [{ comment: 'comment.loopback-guard', command: { kind: 'loopback-guard-rule' } }],
    claims: [{ kind: 'loopback-guard-blocks-lan', container: 'agent-canvas', port: 8000 }],
  },
  'no-new-privileges': {
    caption: 'caption.canvas.no-new-privileges',
    steps: [{ command: { ...CANVAS, securityOpts: ['no-new-privileges'] } }],
    claims: [
      { kind: 'runs-as-uid', container: 'agent-canvas', uid: AGENT_UID },
      { kind: 'no-new-privileges', container: 'agent-canvas' },
      { kind: 'no-docker-socket', container: 'agent-canvas' },
      { kind: 'api-key-file', container: 'agent-canvas' },
      { kind: 'api-requires-key', container: 'agent-canvas', port: 8000 },
    ],
  },
  'resource-limits': {
    caption: 'caption.canvas.resource-limits',
    steps: [{ command: { ...CANVAS, cpus: 2, memory: '4g', pidsLimit: 512 } }],
    claims: [
      { kind: 'cpu-limit', container: 'agent-canvas', cpus: 2 },
      { kind: 'memory-limit', container: 'agent-canvas', bytes: 4 * GIB },
      { kind: 'pids-limit', container: 'agent-canvas', pids: 512 },
      { kind: 'api-requires-key', container: 'agent-canvas', port: 8000 },
    ],
  },
  'network-isolation': {
    caption: 'caption.network-isolation',
    steps: [CREATE_NETWORK, { comment: 'comment.canvas.run-on-network', command: { ...CANVAS, network: 'openhands-network' } }],
    claims: [
      { kind: 'network-exists', network: 'openhands-network' },
      { kind: 'networks', container: 'agent-canvas', networks: ['openhands-network'] },
      { kind: 'app-isolated-from-other-networks', container: 'agent-canvas' },
      { kind: 'internal-port-reachable-on-network', container: 'agent-canvas', port: Number(FACTS.agentServerPort.value) },
      { kind: 'editor-reachable-on-network', container: 'agent-canvas', port: Number(FACTS.editorPort.value) },
    ],
  },
  'subnet-guard': {
    caption: 'caption.subnet-guard',
    requires: ['network-isolation'],
    steps: APP_SUBNET_GUARD_STEPS,
    claims: [{ kind: 'subnet-guard-blocks-lan', container: 'agent-canvas', port: Number(FACTS.appPort.value) }],
  },
  'egress-files': {
    caption: 'caption.canvas.egress-files',
    steps: [
      { comment: 'comment.egress.folder', command: { kind: 'make-folder', folder: EGRESS_FOLDER } },
      { comment: 'comment.egress.allowlist', command: { kind: 'write-file', folder: EGRESS_FOLDER, file: 'allowlist.txt', lines: ALLOWLIST_LINES } },
      { comment: 'comment.egress.squid-conf', command: { kind: 'write-file', folder: EGRESS_FOLDER, file: 'squid.conf', lines: SQUID_CONF_LINES } },
      { comment: 'comment.egress.dockerfile', command: { kind: 'write-file', folder: EGRESS_FOLDER, file: 'Dockerfile', lines: DOCKERFILE_LINES } },
      { comment: 'comment.egress.build', command: { kind: 'docker-build', image: 'egress-proxy', folder: EGRESS_FOLDER } },
    ],
    claims: [],
  },
  'egress-proxy': {
    caption: 'caption.canvas.egress-proxy',
    requires: ['egress-files'],
    steps: [
      CREATE_NETWORK,
      { comment: 'comment.egress.internal-network', command: { kind: 'docker-network-create', name: 'openhands-egress', internal: true, bridgeName: 'oh-egress0' } },
      {
        comment: 'comment.egress.start-proxy',
        command: {
          kind: 'docker-run',
          image: 'egress-proxy',
          detach: true,
          restart: 'unless-stopped',
          mounts: [
            { source: home(`${EGRESS_FOLDER}/squid.conf`), target: SQUID_CONF_TARGET, readOnly: true },
            { source: home(`${EGRESS_FOLDER}/allowlist.txt`), target: ALLOWLIST_TARGET, readOnly: true },
          ],
          network: 'openhands-network',
          name: 'openhands-egress-proxy',
        },
      },
      { command: { kind: 'docker-network-connect', network: 'openhands-egress', container: 'openhands-egress-proxy' } },
      {
        comment: 'comment.egress.start-forwarder',
        command: {
          kind: 'docker-run',
          image: 'egress-proxy',
          detach: true,
          restart: 'unless-stopped',
          publish: LOOPBACK_8000,
          network: 'openhands-network',
          name: 'agent-canvas-ui',
          args: ['socat', 'TCP-LISTEN:8000,fork,reuseaddr', 'TCP:agent-canvas:8000'],
        },
      },
      { command: { kind: 'docker-network-connect', network: 'openhands-egress', container: 'agent-canvas-ui' } },
    ],
    claims: [
      { kind: 'network-exists', network: 'openhands-egress' },
      { kind: 'port-loopback-only', container: 'agent-canvas-ui', port: 8000 },
    ],
  },
  'egress-run': {
    caption: 'caption.canvas.egress-run',
    requires: ['egress-proxy'],
    steps: [{ comment: 'comment.canvas.egress-run', command: EGRESS_CANVAS }],
    claims: [
      { kind: 'networks', container: 'agent-canvas', networks: ['openhands-egress'] },
      { kind: 'egress-ui-forwarded', container: 'agent-canvas-ui', app: 'agent-canvas', port: 8000 },
      { kind: 'egress-allowed-via-proxy', container: 'agent-canvas', proxy: 'openhands-egress-proxy' },
      ...EGRESS_REFUSED,
      { kind: 'egress-host-reachable', container: 'agent-canvas' },
      // Last: it stops the proxy.
      { kind: 'egress-fails-closed', container: 'agent-canvas', proxy: 'openhands-egress-proxy', cause: 'proxy-stopped' },
    ],
  },
  'egress-log': {
    caption: 'caption.egress-log',
    requires: ['egress-run'],
    steps: [{ comment: 'comment.egress.log', command: { kind: 'docker-exec', container: 'openhands-egress-proxy', command: ['tail', '-n', '20', ACCESS_LOG] } }],
    claims: [],
  },
  'egress-host-guard': {
    caption: 'caption.egress-host-guard',
    requires: ['egress-run'],
    steps: [{ comment: 'comment.egress.host-guard', command: { kind: 'bridge-input-guard-rule', bridge: 'oh-egress0' } }],
    claims: [
      { kind: 'egress-refused', container: 'agent-canvas', proxy: 'openhands-egress-proxy', way: 'host-service' },
      { kind: 'egress-allowed-via-proxy', container: 'agent-canvas', proxy: 'openhands-egress-proxy' },
      // Then the proxy broken two ways, each leaving the agent nowhere to go; last, as they break it.
      { kind: 'egress-fails-closed', container: 'agent-canvas', proxy: 'openhands-egress-proxy', cause: 'allowlist-emptied' },
      { kind: 'egress-fails-closed', container: 'agent-canvas', proxy: 'openhands-egress-proxy', cause: 'config-broken' },
    ],
  },
  'hardened-complete': {
    caption: 'caption.hardened-complete',
    // The proxy and the forwarder of the outbound traffic section, then Agent Canvas with every measure.
    requires: ['projects-dir', 'egress-proxy'],
    steps: [{ comment: 'comment.canvas.run-hardened', command: HARDENED_CANVAS }],
    claims: [
      { kind: 'image', container: 'agent-canvas', image: 'agent-canvas' },
      { kind: 'port-loopback-only', container: 'agent-canvas-ui', port: 8000 },
      { kind: 'egress-ui-forwarded', container: 'agent-canvas-ui', app: 'agent-canvas', port: 8000 },
      { kind: 'runs-as-uid', container: 'agent-canvas', uid: AGENT_UID },
      { kind: 'no-new-privileges', container: 'agent-canvas' },
      { kind: 'no-docker-socket', container: 'agent-canvas' },
      { kind: 'cpu-limit', container: 'agent-canvas', cpus: 2 },
      { kind: 'memory-limit', container: 'agent-canvas', bytes: 4 * GIB },
      { kind: 'pids-limit', container: 'agent-canvas', pids: 512 },
      { kind: 'networks', container: 'agent-canvas', networks: ['openhands-egress'] },
      { kind: 'app-isolated-from-other-networks', container: 'agent-canvas' },
      { kind: 'egress-allowed-via-proxy', container: 'agent-canvas', proxy: 'openhands-egress-proxy' },
      { kind: 'egress-refused', container: 'agent-canvas', proxy: 'openhands-egress-proxy', way: 'connect-unlisted' },
      { kind: 'egress-refused', container: 'agent-canvas', proxy: 'openhands-egress-proxy', way: 'direct-unlisted' },
      { kind: 'audit', container: 'agent-canvas' },
    ],
  },
  'digest-pinning': {
    caption: 'caption.digest-pinning',
    requires: ['projects-dir', 'egress-proxy'],
    steps: [
      { comment: 'comment.read-digest', command: { kind: 'export', name: 'CANVAS_IMAGE', value: digestOf(imageReference('agent-canvas')) } },
      // By digest, nothing to pull: the reference names the image already on the machine.
      { comment: 'comment.run-by-digest', command: { ...HARDENED_CANVAS, pull: undefined, imageFrom: variable('CANVAS_IMAGE') } },
    ],
    claims: [
      { kind: 'image-by-digest', container: 'agent-canvas', image: 'agent-canvas' },
      { kind: 'egress-ui-forwarded', container: 'agent-canvas-ui', app: 'agent-canvas', port: 8000 },
    ],
  },
  'hardened-cleanup': {
    caption: 'caption.hardened-cleanup',
    requires: ['hardened-complete'],
    steps: [
      { comment: 'comment.egress.remove-containers', command: { kind: 'docker-rm', containers: ['agent-canvas', 'agent-canvas-ui', 'openhands-egress-proxy'] } },
      { comment: 'comment.egress.remove-networks', command: { kind: 'docker-network-rm', name: 'openhands-egress' } },
      { command: { kind: 'docker-network-rm', name: 'openhands-network' } },
    ],
    claims: [{ kind: 'removed', containers: ['agent-canvas', 'agent-canvas-ui', 'openhands-egress-proxy'], networks: ['openhands-egress', 'openhands-network'] }],
  },

} as const satisfies Record<string, SnippetSpec<Image>>;
