import type { ClaimContext } from '../../../scripts/harness/claims/context';
import { facts, fakeContext, world, type FakeContainer } from './fake-context';
import type { CaseTable } from './scenario';
import { container, files, only, PROFILES } from './worlds';

const OWN = { 'openhands-network': { IPAddress: '172.30.0.2', Gateway: '172.30.0.1' } };
const BRIDGE = { bridge: { IPAddress: '172.17.0.2', Gateway: '172.17.0.1' } };
const OUTSIDER = { address: '172.31.0.2', gateway: '172.31.0.1', port: 8080, network: 'ohg-outsider', name: 'outsider' };

const attached = (networks: Record<string, { IPAddress: string; Gateway: string }>, mode: string, engineKind: ClaimContext['engineKind'] = 'docker') =>
  only({ 'openhands-app': container(facts('openhands-app', { networks, host: { NetworkMode: mode } })) }, { engineKind });

const network = (driver: string | undefined) =>
  only({}, {}, { networks: new Map(driver ? [['openhands-network', { Driver: driver, Internal: false }]] : []) });

/** The app on its own network and an outsider on another; `isolation: false` plays an engine that lets them meet. */
function isolated(more: { isolation?: boolean; outsiderListens?: boolean; appListens?: boolean } = {}): ClaimContext {
  const outsider = container(facts('outsider', { networks: { 'ohg-outsider': { IPAddress: OUTSIDER.address, Gateway: OUTSIDER.gateway } } }), { listening: more.outsiderListens === false ? [] : [8080] });
  const app = container(facts('openhands-app', { networks: OWN }), { listening: more.appListens === false ? [] : [3000] });
  return fakeContext(world({ 'openhands-app': app, outsider }, undefined, { isolation: more.isolation ?? true }), { profile: PROFILES['1.x'], outsider: async () => OUTSIDER });
}

/** 1.x: the app on its own network, its sandbox on the default bridge publishing 8000 at `hostIp`:30000. */
function sandboxOnBridge(hostIp: string | undefined): ClaimContext {
  const outsider = container(facts('outsider', { networks: { 'ohg-outsider': { IPAddress: OUTSIDER.address, Gateway: OUTSIDER.gateway } } }), { listening: [8080] });
  const app = container(facts('openhands-app', { networks: OWN }), { listening: [3000], exec: files({ '/etc/hosts': '172.17.0.1 host.docker.internal\n' }) });
  const containers: Record<string, FakeContainer> = { 'openhands-app': app, outsider };
  if (hostIp !== undefined) {
    containers['oh-agent-server-1'] = container(
      facts('oh-agent-server-1', { networks: { bridge: { IPAddress: '172.17.0.3', Gateway: '172.17.0.1' } }, ports: { '8000/tcp': [{ HostIp: hostIp, HostPort: '30000' }] } }),
      { listening: [8000], sandboxOf: 'openhands-app' },
    );
  }
  return fakeContext(world(containers), { profile: PROFILES['1.x'], outsider: async () => OUTSIDER, imageSource: () => 'stand-in', standInStatus: async () => undefined });
}

const networksClaim = { kind: 'networks', container: 'openhands-app', networks: ['openhands-network'] } as const;
const existsClaim = { kind: 'network-exists', network: 'openhands-network' } as const;
const isolationClaim = { kind: 'app-isolated-from-other-networks', container: 'openhands-app' } as const;
const scopeClaim = { kind: 'sandbox-ports-reachable-from-other-networks', container: 'openhands-app' } as const;

export const NETWORKS: CaseTable<'networks' | 'network-exists' | 'app-isolated-from-other-networks' | 'sandbox-ports-reachable-from-other-networks'> = {
  networks: {
    holds: [
      { name: 'on its own network only', claim: networksClaim, context: () => attached(OWN, 'openhands-network'), expect: { status: 'verified' } },
      { name: 'Podman reports the driver as NetworkMode', claim: networksClaim, context: () => attached(OWN, 'bridge', 'podman'), expect: { status: 'verified' } },
    ],
    fails: [
      { name: 'also on the default bridge', claim: networksClaim, context: () => attached({ ...OWN, ...BRIDGE }, 'openhands-network'), expect: { status: 'failed', reason: 'NetworkSettings.Networks = bridge, openhands-network, expected openhands-network' } },
      { name: 'on the default bridge instead', claim: networksClaim, context: () => attached(BRIDGE, 'bridge'), expect: { status: 'failed', reason: 'HostConfig.NetworkMode = bridge' } },
    ],
  },
  'network-exists': {
    holds: [{ name: 'a bridge network', claim: existsClaim, context: () => network('bridge'), expect: { status: 'verified' } }],
    fails: [
      { name: 'no such network', claim: existsClaim, context: () => network(undefined), expect: { status: 'failed', reason: 'has driver (missing), expected bridge' } },
      { name: 'another driver', claim: existsClaim, context: () => network('macvlan'), expect: { status: 'failed', reason: 'has driver macvlan' } },
    ],
  },
  'app-isolated-from-other-networks': {
    holds: [{ name: 'neither reaches the other; both answer on their own network', claim: isolationClaim, context: () => isolated(), expect: { status: 'verified' } }],
    fails: [
      { name: 'no isolation between the networks', claim: isolationClaim, context: () => isolated({ isolation: false }), expect: { status: 'failed', reason: 'openhands-app cannot reach 172.31.0.2:8080 on ohg-outsider' } },
      { name: 'the outsider answers nobody: a refusal would prove nothing', claim: isolationClaim, context: () => isolated({ outsiderListens: false }), expect: { status: 'failed', reason: 'answers on its own network' } },
      { name: 'the app does not serve: a refusal would prove nothing', claim: isolationClaim, context: () => isolated({ appListens: false }), expect: { status: 'failed', reason: 'listens on port 3000' } },
    ],
  },
  'sandbox-ports-reachable-from-other-networks': {
    holds: [{ name: 'the sandbox\'s port on every interface answers another network at its gateway', claim: scopeClaim, context: () => sandboxOnBridge(''), expect: { status: 'verified' } }],
    fails: [
      { name: 'the sandbox port is on loopback only', claim: scopeClaim, context: () => sandboxOnBridge('127.0.0.1'), expect: { status: 'failed', reason: 'reaches the sandbox port at 127.0.0.1:30000' } },
      { name: 'the app started no sandbox', claim: scopeClaim, context: () => sandboxOnBridge(undefined), expect: { status: 'failed', reason: 'the app created a sandbox container with published ports' } },
    ],
  },
};
