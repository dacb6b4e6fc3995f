import type { ClaimKind } from '../claims';
import type { MessageKey } from '../../i18n/messages';
import type { VersionId } from './ids';
import { imageReference } from '../images';

/**
 * What backs a cell of the comparison: a claim of a snippet that the harness checks on every
 * run (the cell shows that claim's latest result), or an upstream source where no command
 * of the guide can show it.
 */
export type Backing =
  | { readonly kind: 'claim'; readonly snippet: string; readonly claim: ClaimKind }
  | { readonly kind: 'source'; readonly source: string };

export interface ComparisonCell {
  /** Shown as code: a name, variable, path or port. */
  readonly code?: readonly string[];
  /** Shown as text, translated. */
  readonly text?: MessageKey;
  readonly backing: Backing;
}

export interface ComparisonRow {
  readonly id: string;
  readonly label: MessageKey;
  readonly cells: Readonly<Record<VersionId, ComparisonCell>>;
}

const R1_11 = 'OpenHands/OpenHands@11ca68ab2e15dcd85c21e4d7d3409e7a259369ac (1.11.0)';
const AC1_12_0 = 'OpenHands/OpenHands@4d0fe4983b6b8e52c104c7ffa4b7be8c7ab5a364 (Agent Canvas 1.12.0)';
const OH0_33 = 'All-Hands-AI/OpenHands@0.33.0';

const claim = (snippet: string, kind: ClaimKind): Backing => ({ kind: 'claim', snippet, claim: kind });
const source = (text: string): Backing => ({ kind: 'source', source: text });

/**
 * The settings a reader meets, across the versions, for "What changed between versions".
 * Each cell names what backs it; test/snippets/comparison.test.ts holds every claim backing to
 * a claim that exists in that version's registry.
 */
export const COMPARISON: readonly ComparisonRow[] = [
  {
    id: 'app-image',
    label: 'comparison.row.app-image',
    cells: {
      canvas: { code: [imageReference('agent-canvas')], backing: claim('canvas-run', 'image') },
      '1.x': { code: [imageReference('openhands-1.x')], backing: claim('workspace-run', 'image') },
      '0.33': { code: [imageReference('openhands-0.33')], backing: claim('workspace-run', 'image') },
    },
  },
  {
    id: 'agent-runs-in',
    label: 'comparison.row.agent-runs-in',
    cells: {
      canvas: { text: 'comparison.cell.same-container', backing: claim('canvas-run', 'no-docker-socket') },
      '1.x': { text: 'comparison.cell.agent-server-per-conversation', code: [imageReference('agent-server-1.x')], backing: claim('workspace-run', 'sandbox-reachable') },
      '0.33': { text: 'comparison.cell.runtime-container', code: [imageReference('runtime-0.33')], backing: claim('workspace-run', 'sandbox-reachable') },
    },
  },
  {
    id: 'sandbox-image-variable',
    label: 'comparison.row.sandbox-image-variable',
    cells: {
      canvas: { text: 'comparison.cell.none', backing: source(`${AC1_12_0} docker/entrypoint.sh: starts the agent server in the container, no image setting`) },
      '1.x': { code: ['AGENT_SERVER_IMAGE_REPOSITORY', 'AGENT_SERVER_IMAGE_TAG'], backing: source(`${R1_11} openhands/app_server/sandbox/sandbox_spec_service.py lines 17-35, 119-138`) },
      '0.33': { code: ['SANDBOX_RUNTIME_CONTAINER_IMAGE'], backing: claim('workspace-run', 'sandbox-reachable') },
    },
  },
  {
    id: 'app-port',
    label: 'comparison.row.app-port',
    cells: {
      canvas: { code: ['8000'], backing: claim('network-binding', 'port-loopback-only') },
      '1.x': { code: ['3000'], backing: claim('network-binding', 'port-on-loopback-and-gateway') },
      '0.33': { code: ['3000'], backing: claim('network-binding', 'port-loopback-only') },
    },
  },
  {
    id: 'sandbox-ports',
    label: 'comparison.row.sandbox-ports',
    cells: {
      canvas: { text: 'comparison.cell.no-sandbox-ports', code: ['18000'], backing: claim('network-isolation', 'internal-port-reachable-on-network') },
      '1.x': { text: 'comparison.cell.every-interface', code: ['8000', '8001', '8011', '8012'], backing: claim('network-binding', 'sandbox-ports-on-lan') },
      '0.33': { text: 'comparison.cell.binding-variable', code: ['SANDBOX_RUNTIME_BINDING_ADDRESS'], backing: claim('network-binding', 'sandbox-ports-not-on-lan') },
    },
  },
  {
    id: 'binding-variable',
    label: 'comparison.row.binding-variable',
    cells: {
      canvas: { text: 'comparison.cell.none', backing: source(`${AC1_12_0} docker/entrypoint.sh: no bind-address variable`) },
      '1.x': { text: 'comparison.cell.ignored', code: ['SANDBOX_RUNTIME_BINDING_ADDRESS'], backing: claim('network-binding', 'setting-ignored') },
      '0.33': { code: ['SANDBOX_RUNTIME_BINDING_ADDRESS'], backing: claim('network-binding', 'sandbox-ports-not-on-lan') },
    },
  },
  {
    id: 'docker-socket',
    label: 'comparison.row.docker-socket',
    cells: {
      canvas: { text: 'comparison.cell.not-needed', backing: claim('canvas-run', 'no-docker-socket') },
      '1.x': { text: 'comparison.cell.socket-or-proxy', backing: claim('socket-proxy', 'docker-api-via-proxy') },
      '0.33': { text: 'comparison.cell.socket-or-proxy', backing: claim('socket-proxy', 'docker-api-via-proxy') },
    },
  },
  {
    id: 'app-user',
    label: 'comparison.row.app-user',
    cells: {
      canvas: { code: ['10001'], backing: claim('canvas-run', 'runs-as-uid') },
      '1.x': { text: 'comparison.cell.root-or-you', code: ['SANDBOX_USER_ID=$(id -u)'], backing: claim('socket-non-root', 'app-runs-as') },
      '0.33': { text: 'comparison.cell.root-or-you', code: ['SANDBOX_USER_ID=$(id -u)'], backing: claim('socket-non-root', 'app-runs-as') },
    },
  },
  {
    id: 'agent-user',
    label: 'comparison.row.agent-user',
    cells: {
      canvas: { code: ['10001'], backing: claim('canvas-run', 'runs-as-uid') },
      '1.x': { code: ['10001'], backing: claim('workspace-run', 'sandbox-runs-as') },
      '0.33': { text: 'comparison.cell.sandbox-user-id', code: ['SANDBOX_USER_ID'], backing: claim('workspace-run', 'workspace-files-owned-by-user') },
    },
  },
  {
    id: 'state-folder',
    label: 'comparison.row.state-folder',
    cells: {
      canvas: { text: 'comparison.cell.named-volume', code: ['/home/openhands/.openhands'], backing: claim('canvas-run', 'api-key-file') },
      '1.x': { code: ['~/.openhands', '/.openhands'], backing: source(`${R1_11} containers/app/Dockerfile: ENV FILE_STORE_PATH=/.openhands; openhands/app_server/config.py get_default_persistence_dir`) },
      '0.33': { code: ['~/.openhands-state', '/.openhands-state'], backing: source(`${OH0_33} containers/app/Dockerfile: ENV FILE_STORE_PATH=/.openhands-state; the 0.33 pages mount ~/.openhands-state there`) },
    },
  },
  {
    id: 'workspace',
    label: 'comparison.row.workspace',
    cells: {
      canvas: { code: ['-v "$PROJECTS_DIR":/projects'], backing: claim('projects-grant', 'agent-write-allowed') },
      '1.x': { code: ['SANDBOX_VOLUMES="$WORKSPACE_BASE":/workspace/project:rw'], backing: claim('workspace-grant', 'agent-write-allowed') },
      '0.33': { code: ['WORKSPACE_MOUNT_PATH="$WORKSPACE_BASE"'], backing: claim('workspace-run', 'workspace-files-owned-by-user') },
    },
  },
  {
    id: 'api-key',
    label: 'comparison.row.api-key',
    cells: {
      canvas: { text: 'comparison.cell.key-required', backing: claim('canvas-run', 'api-requires-key') },
      '1.x': { text: 'comparison.cell.no-key', backing: source(`${R1_11} openhands/app_server/utils/dependencies.py lines 9-32: a key only when SESSION_API_KEY is set`) },
      '0.33': { text: 'comparison.cell.not-covered', backing: source('not covered by this guide: the 0.33 pages do not discuss the app\'s authentication') },
    },
  },
];
