import type { ClaimContext, ContainerFacts } from '../../../scripts/harness/claims/context';
import { facts, fakeContext, lanNeighbour, publishedAt, reply, route, world, type FakeContainer, type FakeLan, type FakeWorld } from './fake-context';
import type { CaseTable } from './scenario';
import { container, files, PROFILES } from './worlds';

type Bindings = ContainerFacts['HostConfig']['PortBindings'];
const HOSTS = '127.0.0.1 localhost\n172.17.0.1 host.docker.internal\n';
const GATEWAY = '172.17.0.1';

interface SandboxWorld {
  readonly version?: '0.33' | '1.x';
  /** HostIp of the sandbox's published port; null: the app starts no sandbox. */
  readonly sandboxIp?: string | null;
  readonly sandboxListens?: boolean;
  readonly appPorts?: Bindings;
  readonly appEnv?: readonly string[];
  /** What the stand-in reports of reaching its sandbox. */
  readonly reached?: boolean;
  readonly webhook?: string | null;
  readonly lan?: Partial<FakeLan> | false;
  readonly firewall?: boolean;
  readonly sandboxUids?: readonly number[];
  readonly sandboxHost?: Partial<ContainerFacts['HostConfig']>;
  readonly imageSource?: 'stand-in' | 'real';
  /** setting-ignored: the HostIp of the sandbox an app started by the check publishes on; null: it starts none. */
  readonly cloneSandboxIp?: string | null;
}

/**
 * An app and its sandbox as the stand-ins run them: 1.x's app on its own network, published on
 * 127.0.0.1 and the bridge gateway, its sandbox on the default bridge serving 8000 (host port
 * 30000); 0.33's runtime serving 30000. Docker's routing is the fake context's.
 */
function sandboxWorld(w: SandboxWorld = {}): ClaimContext {
  const version = w.version ?? '1.x';
  const containerPort = version === '1.x' ? 8000 : 30000;
  const appPorts = w.appPorts ?? (version === '1.x' ? { '3000/tcp': [{ HostIp: '127.0.0.1', HostPort: '3000' }, { HostIp: GATEWAY, HostPort: '3000' }] } : { '3000/tcp': [{ HostIp: '127.0.0.1', HostPort: '3000' }] });
  const status = version === '1.x' ? { sandboxes: [{ container: 'oh-agent-server-1', reached: w.reached ?? true }] } : { runtime: { container: 'openhands-runtime-1', reached: w.reached ?? true } };
  const app = container(facts('openhands-app', { env: w.appEnv, ports: appPorts, networks: { 'openhands-network': { IPAddress: '172.30.0.2', Gateway: '172.30.0.1' } }, config: { Image: 'openhands-app-image' } }), {
    listening: [3000],
    exec: files({ '/etc/hosts': HOSTS }),
    http: () => reply(200, '{}'),
    status,
  });
  const sandbox = (name: string, hostIp: string, of: string, address = '172.17.0.3'): FakeContainer =>
    container(
      facts(name, {
        networks: { bridge: { IPAddress: address, Gateway: GATEWAY } },
        ports: { [`${containerPort}/tcp`]: [{ HostIp: hostIp, HostPort: '30000' }] },
        env: w.webhook === null ? [] : [`OH_WEBHOOKS_0_BASE_URL=${w.webhook ?? 'http://host.docker.internal:3000/api/v1/webhooks'}`],
        host: w.sandboxHost,
      }),
      {
        listening: w.sandboxListens === false ? [] : [containerPort],
        exec: files({ '/etc/hosts': HOSTS }),
        sandboxOf: of,
        processes: [{ uid: 0, args: '/usr/bin/tini -- agent-server' }, ...(w.sandboxUids ?? [10001]).map((uid) => ({ uid, args: 'python -m openhands.agent_server' }))],
      },
    );
  const containers: Record<string, FakeContainer> = { 'openhands-app': app };
  const name = version === '1.x' ? 'oh-agent-server-1' : 'openhands-runtime-1';
  if (w.sandboxIp !== null) containers[name] = sandbox(name, w.sandboxIp ?? (version === '1.x' ? '' : GATEWAY), 'openhands-app');
  // setting-ignored: the check's own app, which starts a sandbox of its own when asked.
  const start = (): FakeContainer => {
    const clone = { ...app, status: undefined };
    if (w.cloneSandboxIp !== null) the.containers.set('openhands-runtime-2', sandbox('openhands-runtime-2', w.cloneSandboxIp ?? '', 'fake-0', '172.17.0.4'));
    return clone;
  };
  const the: FakeWorld = world(containers, start, { lan: w.lan === false ? undefined : lanNeighbour(w.lan ?? {}), firewall: w.firewall ?? false });
  return fakeContext(the, { profile: PROFILES[version], imageSource: () => w.imageSource ?? 'stand-in' });
}

/** A neighbour the page's rule stops: it reaches what Docker publishes, and containers' own addresses, only without the rule. */
const stoppedByRule: Partial<FakeLan> = {
  probe: (address, port, w) => !w.firewall && publishedAt(w, address, port) !== undefined,
  probeContainer: (address, port, w) => !w.firewall && route(w, undefined, address, port) !== undefined,
};
/** A rule that changes nothing. */
const ignoresRule: Partial<FakeLan> = { probe: (address, port, w) => publishedAt(w, address, port) !== undefined, probeContainer: (address, port, w) => route(w, undefined, address, port) !== undefined };

const NO_LAN = { status: 'not-verifiable', notVerifiable: 'no-lan-namespace' } as const;
const NO_SANDBOX = { status: 'failed', reason: 'the app created a sandbox container with published ports within 30s' } as const;
const c = <K extends string>(kind: K) => ({ kind, container: 'openhands-app' }) as const;
const ROOTLESS_BINDING = '127.0.0.1';

export const SANDBOX: CaseTable<
  | 'sandbox-reachable' | 'sandbox-unreachable' | 'sandbox-ports-not-on-lan' | 'bridge-guard-blocks-lan' | 'bridge-guard-blocks-lan-app' | 'sandbox-ports-on-lan'
  | 'sandbox-calls-back-app' | 'sandbox-callback-unanswered' | 'setting-ignored' | 'sandbox-runs-as' | 'docker-user-guard-blocks-lan' | 'sandbox-unlimited'
> = {
  'sandbox-reachable': {
    holds: [
      { name: '1.x: on every interface, answering at host.docker.internal, the app reports it reached it', claim: c('sandbox-reachable'), context: () => sandboxWorld(), expect: { status: 'verified' } },
      { name: '0.33: on the binding address the app was given', claim: c('sandbox-reachable'), context: () => sandboxWorld({ version: '0.33', appEnv: [`SANDBOX_RUNTIME_BINDING_ADDRESS=${GATEWAY}`] }), expect: { status: 'verified' } },
    ],
    fails: [
      { name: 'the app reports it did not reach its sandbox', claim: c('sandbox-reachable'), context: () => sandboxWorld({ reached: false }), expect: { status: 'failed', reason: 'the app reports it reached its sandbox' } },
      { name: 'the sandbox port does not answer at host.docker.internal', claim: c('sandbox-reachable'), context: () => sandboxWorld({ sandboxIp: ROOTLESS_BINDING }), expect: { status: 'failed', reason: 'from the app\'s network, host.docker.internal (172.17.0.1):30000 answers' } },
      { name: '0.33: published on every interface despite the binding address', claim: c('sandbox-reachable'), context: () => sandboxWorld({ version: '0.33', appEnv: [`SANDBOX_RUNTIME_BINDING_ADDRESS=${GATEWAY}`], sandboxIp: '0.0.0.0' }), expect: { status: 'failed', reason: 'expected SANDBOX_RUNTIME_BINDING_ADDRESS = 172.17.0.1' } },
      { name: 'no sandbox', claim: c('sandbox-reachable'), context: () => sandboxWorld({ sandboxIp: null }), expect: NO_SANDBOX },
      { name: '0.33 with the real image: no sandbox before a conversation', claim: c('sandbox-reachable'), context: () => sandboxWorld({ version: '0.33', sandboxIp: null, imageSource: 'real' }), expect: { status: 'not-verifiable', notVerifiable: 'real-app-sandbox-needs-conversation' } },
    ],
  },
  'sandbox-unreachable': {
    holds: [{ name: 'rootless: the port is bound on loopback, nothing answers at the gateway', claim: c('sandbox-unreachable'), context: () => sandboxWorld({ sandboxIp: ROOTLESS_BINDING, reached: false }), expect: { status: 'verified' } }],
    fails: [
      { name: 'the sandbox answers at host.docker.internal', claim: c('sandbox-unreachable'), context: () => sandboxWorld({ reached: false }), expect: { status: 'failed', reason: 'host.docker.internal (172.17.0.1):30000 does not answer' } },
      { name: 'the app reports it reached it', claim: c('sandbox-unreachable'), context: () => sandboxWorld({ sandboxIp: ROOTLESS_BINDING, reached: true }), expect: { status: 'failed', reason: 'the app reports it did not reach its sandbox' } },
      { name: 'the sandbox does not listen: a refusal proves nothing', claim: c('sandbox-unreachable'), context: () => sandboxWorld({ sandboxIp: ROOTLESS_BINDING, reached: false, sandboxListens: false }), expect: { status: 'failed', reason: 'listens on port 8000' } },
    ],
  },
  'sandbox-ports-not-on-lan': {
    holds: [{ name: '0.33 on the bridge gateway: not at the host\'s address, yet to a host routing the bridge', claim: c('sandbox-ports-not-on-lan'), context: () => sandboxWorld({ version: '0.33' }), expect: { status: 'verified' } }],
    fails: [
      { name: 'published on every interface', claim: c('sandbox-ports-not-on-lan'), context: () => sandboxWorld({ version: '0.33', sandboxIp: '0.0.0.0' }), expect: { status: 'failed', reason: 'another host on the LAN is refused at 198.18.0.1:30000' } },
      { name: 'no LAN neighbour could be made here', claim: c('sandbox-ports-not-on-lan'), context: () => sandboxWorld({ version: '0.33', lan: false }), expect: NO_LAN },
    ],
  },
  'sandbox-ports-on-lan': {
    holds: [{ name: '1.x publishes on every interface: the LAN reaches the sandbox', claim: c('sandbox-ports-on-lan'), context: () => sandboxWorld(), expect: { status: 'verified' } }],
    fails: [
      { name: 'published on loopback only', claim: c('sandbox-ports-on-lan'), context: () => sandboxWorld({ sandboxIp: '127.0.0.1' }), expect: { status: 'failed', reason: 'another host on the LAN reaches the sandbox at this machine\'s address 198.18.0.1:30000' } },
      { name: 'no LAN neighbour could be made here', claim: c('sandbox-ports-on-lan'), context: () => sandboxWorld({ lan: false }), expect: NO_LAN },
    ],
  },
  'bridge-guard-blocks-lan': {
    holds: [{ name: 'the rule refuses the neighbour at the gateway and the sandbox\'s address; without it both answer', claim: c('bridge-guard-blocks-lan'), context: () => sandboxWorld({ version: '0.33', firewall: true, lan: stoppedByRule }), expect: { status: 'verified' } }],
    fails: [
      { name: 'the rule stops nothing', claim: c('bridge-guard-blocks-lan'), context: () => sandboxWorld({ version: '0.33', firewall: true, lan: ignoresRule }), expect: { status: 'failed', reason: 'with the rule, a host routing Docker\'s subnets via this machine is refused at 172.17.0.1:30000' } },
      { name: 'nothing answers without the rule either: it proved nothing', claim: c('bridge-guard-blocks-lan'), context: () => sandboxWorld({ version: '0.33', firewall: true }), expect: { status: 'failed', reason: 'the rule is what closes it' } },
      { name: 'the rule is not in the raw table', claim: c('bridge-guard-blocks-lan'), context: () => sandboxWorld({ version: '0.33', lan: stoppedByRule }), expect: { status: 'failed', reason: 'the rule from the page is in the raw table' } },
      { name: 'no LAN neighbour could be made here', claim: c('bridge-guard-blocks-lan'), context: () => sandboxWorld({ version: '0.33', firewall: true, lan: false }), expect: NO_LAN },
    ],
  },
  'bridge-guard-blocks-lan-app': {
    holds: [{ name: '1.x: the app\'s gateway port and the sandbox refused with the rule; the sandbox still reaches the app', claim: { ...c('bridge-guard-blocks-lan-app'), port: 3000 }, context: () => sandboxWorld({ firewall: true, lan: stoppedByRule }), expect: { status: 'verified' } }],
    fails: [
      { name: 'the app is not published on the gateway', claim: { ...c('bridge-guard-blocks-lan-app'), port: 3000 }, context: () => sandboxWorld({ firewall: true, lan: stoppedByRule, appPorts: { '3000/tcp': [{ HostIp: '127.0.0.1', HostPort: '3000' }] } }), expect: { status: 'failed', reason: 'publishes port 3000 on the bridge gateway 172.17.0.1' } },
      { name: 'the rule stops nothing', claim: { ...c('bridge-guard-blocks-lan-app'), port: 3000 }, context: () => sandboxWorld({ firewall: true, lan: ignoresRule }), expect: { status: 'failed', reason: 'with the rule, a host routing Docker\'s subnets via this machine is refused at 172.17.0.1:3000' } },
      { name: 'no LAN neighbour could be made here', claim: { ...c('bridge-guard-blocks-lan-app'), port: 3000 }, context: () => sandboxWorld({ firewall: true, lan: false }), expect: NO_LAN },
    ],
  },
  'sandbox-calls-back-app': {
    holds: [{ name: 'the webhook URL answers from inside the sandbox', claim: c('sandbox-calls-back-app'), context: () => sandboxWorld(), expect: { status: 'verified' } }],
    fails: [
      { name: 'the app is on loopback only: the callback finds nothing', claim: c('sandbox-calls-back-app'), context: () => sandboxWorld({ appPorts: { '3000/tcp': [{ HostIp: '127.0.0.1', HostPort: '3000' }] } }), expect: { status: 'failed', reason: 'answers HTTP: (no answer)' } },
      { name: 'the sandbox was given no callback URL', claim: c('sandbox-calls-back-app'), context: () => sandboxWorld({ webhook: null }), expect: { status: 'failed', reason: 'has OH_WEBHOOKS_0_BASE_URL = (unset)' } },
      { name: 'the callback host does not resolve in the sandbox', claim: c('sandbox-calls-back-app'), context: () => sandboxWorld({ webhook: 'http://app.invalid:3000/api/v1/webhooks' }), expect: { status: 'failed', reason: 'app.invalid resolves in the sandbox to (nothing)' } },
    ],
  },
  'sandbox-callback-unanswered': {
    holds: [{ name: 'rootless: nothing answers the callback', claim: c('sandbox-callback-unanswered'), context: () => sandboxWorld({ appPorts: { '3000/tcp': [{ HostIp: '127.0.0.1', HostPort: '3000' }] } }), expect: { status: 'verified' } }],
    fails: [{ name: 'the app answers its callback', claim: c('sandbox-callback-unanswered'), context: () => sandboxWorld(), expect: { status: 'failed', reason: 'gives no HTTP answer: HTTP/1.0 200 X' } }],
  },
  'setting-ignored': {
    holds: [{ name: 'an app given the gateway still publishes its sandbox on every interface', claim: { ...c('setting-ignored'), variable: 'SANDBOX_RUNTIME_BINDING_ADDRESS' }, context: () => sandboxWorld({ cloneSandboxIp: '' }), expect: { status: 'verified' } }],
    fails: [
      { name: 'the version reads the variable: its sandbox is on the gateway', claim: { ...c('setting-ignored'), variable: 'SANDBOX_RUNTIME_BINDING_ADDRESS' }, context: () => sandboxWorld({ cloneSandboxIp: GATEWAY }), expect: { status: 'failed', reason: 'not on 172.17.0.1' } },
      { name: 'the app started no sandbox', claim: { ...c('setting-ignored'), variable: 'SANDBOX_RUNTIME_BINDING_ADDRESS' }, context: () => sandboxWorld({ cloneSandboxIp: null }), expect: { status: 'failed', reason: 'it started a sandbox' } },
    ],
  },
  'sandbox-runs-as': {
    holds: [{ name: 'every sandbox process but tini as 10001', claim: { ...c('sandbox-runs-as'), uid: 10001 }, context: () => sandboxWorld(), expect: { status: 'verified' } }],
    fails: [
      { name: 'a sandbox process as root', claim: { ...c('sandbox-runs-as'), uid: 10001 }, context: () => sandboxWorld({ sandboxUids: [10001, 0] }), expect: { status: 'failed', reason: 'runs as uid 0, expected 10001' } },
      { name: 'no sandbox', claim: { ...c('sandbox-runs-as'), uid: 10001 }, context: () => sandboxWorld({ sandboxIp: null }), expect: NO_SANDBOX },
    ],
  },
  'docker-user-guard-blocks-lan': {
    holds: [{ name: 'the LAN is refused at the sandbox and the app\'s gateway port; app and sandbox still meet; without the rule the LAN gets in', claim: c('docker-user-guard-blocks-lan'), context: () => sandboxWorld({ firewall: true, lan: stoppedByRule }), expect: { status: 'verified' } }],
    fails: [
      { name: 'the rule stops nothing', claim: c('docker-user-guard-blocks-lan'), context: () => sandboxWorld({ firewall: true, lan: ignoresRule }), expect: { status: 'failed', reason: 'with the rule, another host on the LAN is refused at 198.18.0.1:30000' } },
      { name: 'the rule is not in DOCKER-USER', claim: c('docker-user-guard-blocks-lan'), context: () => sandboxWorld({ lan: stoppedByRule }), expect: { status: 'failed', reason: 'the rule from the page is in the DOCKER-USER chain' } },
      { name: 'no LAN neighbour could be made here', claim: c('docker-user-guard-blocks-lan'), context: () => sandboxWorld({ firewall: true, lan: false }), expect: NO_LAN },
    ],
  },
  'sandbox-unlimited': {
    holds: [{ name: 'the sandbox has no limits', claim: c('sandbox-unlimited'), context: () => sandboxWorld(), expect: { status: 'verified' } }],
    fails: [
      { name: 'the sandbox has a memory limit', claim: c('sandbox-unlimited'), context: () => sandboxWorld({ sandboxHost: { Memory: 2 ** 30 } }), expect: { status: 'failed', reason: 'HostConfig.Memory = 1073741824, expected 0' } },
      { name: 'a CPU and a process limit', claim: c('sandbox-unlimited'), context: () => sandboxWorld({ sandboxHost: { NanoCpus: 1e9, PidsLimit: 256 } }), expect: { status: 'failed', reason: 'HostConfig.PidsLimit = 256, expected none' } },
    ],
  },
};
