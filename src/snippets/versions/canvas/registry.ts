import type { DockerRun } from '../../commands';
import type { SnippetSpec } from '../../snippet';
import { APP_SUBNET_GUARD_STEPS } from '../../subnet-guard';
import { imageReference } from '../../images';
import { digestOf, hostUidOf, placeholder, setEarlier, variable } from '../../words';
import { FACTS } from './facts';
import type { IMAGES } from './images';

/** The images an Agent Canvas snippet may run: its one image. */
type Image = keyof typeof IMAGES;

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

/** The complete hardened example's command: every measure of the page at once. */
const HARDENED_CANVAS = {
  ...CANVAS,
  mounts: [STATE_MOUNT, PROJECTS_MOUNT],
  cpus: 2,
  memory: '4g',
  pidsLimit: 512,
  securityOpts: ['no-new-privileges'],
  network: 'openhands-network',
} as const satisfies DockerRun<Image>;

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
  'hardened-complete': {
    caption: 'caption.hardened-complete',
    requires: ['projects-dir'],
    steps: [
      CREATE_NETWORK,
      { comment: 'comment.canvas.run-hardened', command: HARDENED_CANVAS },
    ],
    claims: [
      { kind: 'image', container: 'agent-canvas', image: 'agent-canvas' },
      { kind: 'port-loopback-only', container: 'agent-canvas', port: 8000 },
      { kind: 'runs-as-uid', container: 'agent-canvas', uid: AGENT_UID },
      { kind: 'no-new-privileges', container: 'agent-canvas' },
      { kind: 'no-docker-socket', container: 'agent-canvas' },
      { kind: 'cpu-limit', container: 'agent-canvas', cpus: 2 },
      { kind: 'memory-limit', container: 'agent-canvas', bytes: 4 * GIB },
      { kind: 'pids-limit', container: 'agent-canvas', pids: 512 },
      { kind: 'networks', container: 'agent-canvas', networks: ['openhands-network'] },
      { kind: 'app-isolated-from-other-networks', container: 'agent-canvas' },
      { kind: 'api-requires-key', container: 'agent-canvas', port: 8000 },
      { kind: 'audit', container: 'agent-canvas' },
    ],
  },
  'digest-pinning': {
    caption: 'caption.digest-pinning',
    requires: ['projects-dir'],
    steps: [
      CREATE_NETWORK,
      { comment: 'comment.read-digest', command: { kind: 'export', name: 'CANVAS_IMAGE', value: digestOf(imageReference('agent-canvas')) } },
      // By digest, nothing to pull: the reference names the image already on the machine.
      { comment: 'comment.run-by-digest', command: { ...HARDENED_CANVAS, pull: undefined, imageFrom: variable('CANVAS_IMAGE') } },
    ],
    claims: [
      { kind: 'image-by-digest', container: 'agent-canvas', image: 'agent-canvas' },
      { kind: 'port-loopback-only', container: 'agent-canvas', port: 8000 },
      { kind: 'api-requires-key', container: 'agent-canvas', port: 8000 },
    ],
  },
  'hardened-cleanup': {
    caption: 'caption.hardened-cleanup',
    requires: ['hardened-complete'],
    steps: [
      { comment: 'comment.canvas.remove-container', command: { kind: 'docker-rm', containers: ['agent-canvas'] } },
      { comment: 'comment.remove-network', command: { kind: 'docker-network-rm', name: 'openhands-network' } },
    ],
    claims: [{ kind: 'removed', containers: ['agent-canvas'], networks: ['openhands-network'] }],
  },
} as const satisfies Record<string, SnippetSpec<Image>>;
