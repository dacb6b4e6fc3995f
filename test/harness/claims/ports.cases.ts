import type { ClaimContext, ContainerFacts } from '../../../scripts/harness/claims/context';
import { facts, lanNeighbour, type FakeLan } from './fake-context';
import type { CaseTable } from './scenario';
import { container, files, only, PROFILES } from './worlds';

type Bindings = ContainerFacts['HostConfig']['PortBindings'];
const on = (...ips: string[]): Bindings => ({ '3000/tcp': ips.map((HostIp) => ({ HostIp, HostPort: '3000' })) });
const HOSTS = '127.0.0.1 localhost\n172.17.0.1 host.docker.internal\n172.30.0.2 app\n';
const NETWORK = { 'openhands-network': { IPAddress: '172.30.0.2', Gateway: '172.30.0.1' } };

interface AppWorld {
  readonly ports?: Bindings;
  readonly listening?: boolean;
  readonly lan?: Partial<FakeLan> | false;
  readonly firewall?: boolean;
  readonly engineVersion?: string;
  readonly networks?: ContainerFacts['NetworkSettings']['Networks'];
}

/** The 1.x app on its network with these published ports, and a neighbour on the LAN unless `lan: false`. */
function app(w: AppWorld = {}): ClaimContext {
  const f = facts('openhands-app', { ports: w.ports === undefined ? on('127.0.0.1') : w.ports, networks: w.networks ?? NETWORK });
  const extra: Partial<ClaimContext> = { profile: PROFILES['1.x'], engineVersion: w.engineVersion ?? '20.10.24' };
  return only({ 'openhands-app': container(f, { listening: w.listening === false ? [] : [3000], exec: files({ '/etc/hosts': HOSTS }) }) }, extra, {
    lan: w.lan === false ? undefined : lanNeighbour(w.lan ?? {}),
    firewall: w.firewall ?? false,
  });
}

const NO_LAN = { status: 'not-verifiable', notVerifiable: 'no-lan-namespace' } as const;
const loopbackOnly = { kind: 'port-loopback-only', container: 'openhands-app', port: 3000 } as const;
const fromLan = { kind: 'port-reachable-from-lan', container: 'openhands-app', port: 3000 } as const;
const noPorts = { kind: 'no-published-ports', container: 'openhands-app' } as const;
const loopbackGuard = { kind: 'loopback-guard-blocks-lan', container: 'openhands-app', port: 3000 } as const;
const gatewayToo = { kind: 'port-on-loopback-and-gateway', container: 'openhands-app', port: 3000 } as const;
const subnetGuard = { kind: 'subnet-guard-blocks-lan', container: 'openhands-app', port: 3000 } as const;
/** Engine 20.10 DNATs routed 127.0.0.0/8 (moby #45610) unless the page's raw-table rule drops it. */
const gapUnlessRule: Partial<FakeLan> = { probeRoutedLoopback: (_port, world) => !world.firewall };
/** A neighbour routing the app's subnet reaches it at its own address, unless the rule is in place. */
const subnetUnlessRule: Partial<FakeLan> = { probeContainer: (address, port, world) => !world.firewall && address === '172.30.0.2' && port === 3000 };

export const PORTS: CaseTable<'port-loopback-only' | 'port-reachable-from-lan' | 'no-published-ports' | 'loopback-guard-blocks-lan' | 'port-on-loopback-and-gateway' | 'subnet-guard-blocks-lan'> = {
  'port-loopback-only': {
    holds: [
      { name: 'on 127.0.0.1 only; Engine 20.10 lets routed 127.0.0.0/8 in, as the claim warns', claim: loopbackOnly, context: () => app({ lan: gapUnlessRule }), expect: { status: 'verified' } },
      { name: 'Engine 28 closes the loopback gap itself', claim: loopbackOnly, context: () => app({ engineVersion: '28.5.2' }), expect: { status: 'verified' } },
    ],
    fails: [
      { name: 'published on every interface: the LAN reaches it', claim: loopbackOnly, context: () => app({ ports: on(''), lan: gapUnlessRule }), expect: { status: 'failed', reason: 'expected HostIp 127.0.0.1 only; another host on the LAN is refused' } },
      { name: 'Engine 28 still answers a routed 127.0.0.1', claim: loopbackOnly, context: () => app({ engineVersion: '28.5.2', lan: { probeRoutedLoopback: () => true } }), expect: { status: 'failed', reason: 'another host routing 127.0.0.0/8 via this machine is refused at 127.0.0.1:3000' } },
      { name: 'Engine 20.10 without the gap the claim warns of', claim: loopbackOnly, context: () => app(), expect: { status: 'failed', reason: 'reaches 127.0.0.1:3000, as the claim warns' } },
      { name: 'nothing listens inside the container', claim: loopbackOnly, context: () => app({ listening: false }), expect: { status: 'failed', reason: 'listens on port 3000 inside its own network namespace' } },
      { name: 'no LAN neighbour could be made here', claim: loopbackOnly, context: () => app({ lan: false }), expect: NO_LAN },
      { name: 'published on every interface where no LAN neighbour can be made: still a failure', claim: loopbackOnly, context: () => app({ ports: on(''), lan: false }), expect: { status: 'failed', reason: 'expected HostIp 127.0.0.1 only' } },
    ],
  },
  'port-reachable-from-lan': {
    holds: [{ name: 'published on every interface', claim: fromLan, context: () => app({ ports: on('0.0.0.0') }), expect: { status: 'verified' } }],
    fails: [
      { name: 'published on 127.0.0.1 only', claim: fromLan, context: () => app(), expect: { status: 'failed', reason: 'another host on the LAN reaches 198.18.0.1:3000' } },
      { name: 'no LAN neighbour could be made here', claim: fromLan, context: () => app({ ports: on('0.0.0.0'), lan: false }), expect: NO_LAN },
    ],
  },
  'no-published-ports': {
    holds: [
      { name: 'no PortBindings', claim: noPorts, context: () => app({ ports: null }), expect: { status: 'verified' } },
      { name: 'an exposed port with no binding', claim: noPorts, context: () => app({ ports: { '3000/tcp': [] } }), expect: { status: 'verified' } },
    ],
    fails: [{ name: 'a port published on 127.0.0.1', claim: noPorts, context: () => app(), expect: { status: 'failed', reason: 'expected none' } }],
  },
  'loopback-guard-blocks-lan': {
    holds: [{ name: 'the rule drops routed 127.0.0.0/8; without it the gap is open', claim: loopbackGuard, context: () => app({ firewall: true, lan: gapUnlessRule }), expect: { status: 'verified' } }],
    fails: [
      { name: 'routed 127.0.0.1 still answers with the rule', claim: loopbackGuard, context: () => app({ firewall: true, lan: { probeRoutedLoopback: () => true } }), expect: { status: 'failed', reason: 'with the rule, another host routing 127.0.0.0/8 via this machine is refused' } },
      { name: 'the rule is not in the raw table', claim: loopbackGuard, context: () => app({ lan: gapUnlessRule }), expect: { status: 'failed', reason: 'the rule from the page is in the raw table' } },
      { name: 'the app no longer answers on this machine', claim: loopbackGuard, context: () => app({ firewall: true, lan: gapUnlessRule, ports: on('127.0.0.2') }), expect: { status: 'failed', reason: '127.0.0.1:3000 still answers on this machine' } },
      { name: 'no LAN neighbour could be made here', claim: loopbackGuard, context: () => app({ firewall: true, lan: false }), expect: NO_LAN },
    ],
  },
  'port-on-loopback-and-gateway': {
    holds: [{ name: 'on 127.0.0.1 and the bridge gateway, not at the host\'s LAN address', claim: gatewayToo, context: () => app({ ports: on('127.0.0.1', '172.17.0.1') }), expect: { status: 'verified' } }],
    fails: [
      { name: 'published on every interface', claim: gatewayToo, context: () => app({ ports: on('') }), expect: { status: 'failed', reason: 'expected 127.0.0.1 and host.docker.internal (172.17.0.1) only' } },
      { name: 'on loopback only: the sandboxes cannot call back', claim: gatewayToo, context: () => app(), expect: { status: 'failed', reason: 'expected 127.0.0.1 and host.docker.internal (172.17.0.1) only' } },
      { name: 'no LAN neighbour could be made here', claim: gatewayToo, context: () => app({ ports: on('127.0.0.1', '172.17.0.1'), lan: false }), expect: NO_LAN },
      { name: 'published on every interface where no LAN neighbour can be made: still a failure', claim: gatewayToo, context: () => app({ ports: on(''), lan: false }), expect: { status: 'failed', reason: 'expected 127.0.0.1 and host.docker.internal' } },
    ],
  },
  'subnet-guard-blocks-lan': {
    holds: [{ name: 'the rule refuses the neighbour at the app\'s address; without it the neighbour gets in (Engine 20.10)', claim: subnetGuard, context: () => app({ firewall: true, lan: subnetUnlessRule }), expect: { status: 'verified' } }],
    fails: [
      { name: 'the neighbour gets in with the rule', claim: subnetGuard, context: () => app({ firewall: true, lan: { probeContainer: () => true } }), expect: { status: 'failed', reason: 'with the rule, a host routing the app\'s subnet via this machine is refused at 172.30.0.2:3000' } },
      { name: 'nothing changes without the rule: it proved nothing', claim: subnetGuard, context: () => app({ firewall: true }), expect: { status: 'failed', reason: 'without the rule, the same host reaches 172.30.0.2:3000: the rule is what closes it' } },
      { name: 'the app has no address on a network', claim: subnetGuard, context: () => app({ firewall: true, networks: {} }), expect: { status: 'failed', reason: 'has an address on its network' } },
      { name: 'no LAN neighbour could be made here', claim: subnetGuard, context: () => app({ firewall: true, lan: false }), expect: NO_LAN },
    ],
  },
};
