import type { EgressProbe, ShellOutput } from '../../../scripts/harness/claims/context';
import { EGRESS_WAYS, type EgressWay } from '../../../src/snippets';
import type { EgressFailure } from '../../../src/snippets/claims';
import { facts } from './fake-context';
import type { CaseTable, Scenario } from './scenario';
import { container, nothing, only } from './worlds';

/**
 * A fake stand-in internet for the egress checkers. It reads the attempt out of the script the
 * checker sends (scripts/harness/claims/egress/requests.ts writes them) and answers as the
 * world says: from the agent (on the internal network, through the proxy) and from the control
 * container (an ordinary network). Each world changes one thing the page's measures do.
 */
const LLM = '203.0.113.17';
const UNLISTED = '203.0.113.18';
const RESOLVER = '203.0.113.19';
const PROXY = '172.30.0.2';
const GATEWAY = { internal: '172.30.0.1', outside: '172.27.0.1' } as const;
const NAMES = { llm: 'llm.t3st.test', unlisted: 'unlisted.t3st.test' } as const;
const page = (host: string) => `${host} stand-in`;

type Attempt =
  | { readonly kind: 'connect'; readonly target: string }
  | { readonly kind: 'get-via'; readonly url: string }
  | { readonly kind: 'direct'; readonly address: string; readonly port: number }
  | { readonly kind: 'tcp'; readonly address: string; readonly port: number }
  | { readonly kind: 'lookup'; readonly name: string; readonly server: string }
  | { readonly kind: 'ping'; readonly address: string }
  | { readonly kind: 'reach-proxy' };

function attemptOf(script: string): Attempt {
  let m: RegExpExecArray | null;
  if ((m = /CONNECT (\S+) HTTP/.exec(script))) return { kind: 'connect', target: m[1]! };
  if ((m = /GET (http:\S+) HTTP/.exec(script))) return { kind: 'get-via', url: m[1]! };
  if ((m = /nslookup (\S+) (\S+)/.exec(script))) return { kind: 'lookup', name: m[1]!, server: m[2]! };
  if ((m = /ping -c 1 -W 2 (\S+)/.exec(script))) return { kind: 'ping', address: m[1]! };
  if ((m = /nc -w 1 (\S+) 3128 <\/dev\/null/.exec(script))) return { kind: 'reach-proxy' };
  if ((m = /nc -w 2 (\S+) (\d+) <\/dev\/null && echo connected/.exec(script))) return { kind: 'tcp', address: m[1]!, port: Number(m[2]) };
  if ((m = /GET \/ HTTP\/1\.0.*nc -w 3 (\S+) (\d+)/.exec(script))) return { kind: 'direct', address: m[1]!, port: Number(m[2]) };
  throw new Error(`the fake internet does not know this attempt: ${script}`);
}

const hostAt = (address: string): 'llm' | 'unlisted' | 'metadata' | undefined =>
  address === LLM ? 'llm' : address === UNLISTED ? 'unlisted' : address === '169.254.169.254' ? 'metadata' : undefined;

/** What a host on an ordinary network gets: every host of the stand-in internet answers. */
function open(attempt: Attempt, queries: string[], hostService: boolean, gateway: string): ShellOutput {
  switch (attempt.kind) {
    case 'direct': {
      const host = hostAt(attempt.address);
      return host ? { exitCode: 0, output: `HTTP/1.0 200 OK\r\n\r\n${page(host)}` } : { exitCode: 1, output: 'nc: timed out' };
    }
    case 'tcp':
      if (attempt.address === RESOLVER && attempt.port === 53) return { exitCode: 0, output: 'connected' };
      return hostService && attempt.address === gateway ? { exitCode: 0, output: 'connected' } : { exitCode: 1, output: 'nc: timed out' };
    case 'lookup':
      queries.push(attempt.name);
      return { exitCode: 0, output: `Name: ${attempt.name}\nAddress: ${UNLISTED}` };
    case 'ping':
      return { exitCode: 0, output: '1 packets received\nanswered' };
    default:
      return { exitCode: 1, output: 'nc: timed out' };
  }
}

interface World {
  /** The agent's network lets it out directly (no --internal). */
  readonly agentOpen?: boolean;
  /** The proxy tunnels whatever it is asked for (an allow-list that holds everything). */
  readonly proxyAllowsAll?: boolean;
  /** The proxy answers 403 but writes no log line. */
  readonly proxySilent?: boolean;
  /** The proxy refuses the allowed name too. */
  readonly proxyDeniesAll?: boolean;
  /** The stand-in hosts answer nobody: the control gets nothing either. */
  readonly internetDown?: boolean;
  /** The host rule is missing: the agent reaches the host's service at its gateway. */
  readonly hostOpen?: boolean;
  /** Packets the guard drops at each attempt of the agent's. */
  readonly dropped?: number;
  /** Only the first attempt's packets are dropped (a moment of the engine's, then gone). */
  readonly dropsOnce?: boolean;
  /** Networks the daemon created meanwhile, by any program (`docker events`). */
  readonly networksCreated?: readonly string[];
  /** The proxy keeps answering once stopped (a second way out). */
  readonly proxyUnstoppable?: boolean;
  /** The proxy keeps its old allow-list when the file is emptied (it never rereads it). */
  readonly listCached?: boolean;
  /** The proxy looks up every name it is asked for before it decides (a `dst` ACL checked first). */
  readonly proxyLooksUp?: boolean;
  /** squid starts with the broken line (it ignored it). */
  readonly configIgnored?: boolean;
}

function fakeEgress(w: World): EgressProbe {
  const queries: string[] = [];
  const log: string[] = [];
  let stopped = false;
  let emptied = false;
  let broken = false;
  let guardCount = 0;
  let dropsDone = false;
  const guardSees = () => {
    if (w.dropsOnce && dropsDone) return;
    guardCount += w.dropped ?? 0;
    dropsDone = true;
  };
  const viaProxy = (attempt: Attempt): ShellOutput => {
    if (stopped && !w.proxyUnstoppable) return { exitCode: 1, output: `nc: can't connect to remote host (${PROXY}): Connection refused` };
    const target = attempt.kind === 'connect' ? attempt.target : attempt.kind === 'get-via' ? attempt.url : '';
    if (w.proxyLooksUp && attempt.kind === 'connect') queries.push(target.replace(/:\d+$/, ''));
    const allowed = !w.proxyDeniesAll && !(emptied && !w.listCached) && (w.proxyAllowsAll || target === `${NAMES.llm}:443`);
    const method = attempt.kind === 'connect' ? 'CONNECT' : 'GET';
    if (!w.proxySilent) log.push(`1796299538.574 0 ${PROXY} ${allowed ? 'TCP_TUNNEL/200' : 'TCP_DENIED/403'} 120 ${method} ${target} - HIER_NONE/- -`);
    if (!allowed) return { exitCode: 0, output: 'HTTP/1.1 403 Forbidden\r\n' };
    const host = target.startsWith(NAMES.unlisted) || target.startsWith(UNLISTED) ? 'unlisted' : target.includes('169.254.169.254') ? 'metadata' : 'llm';
    return { exitCode: 0, output: `HTTP/1.1 200 Connection established\r\n\r\nHTTP/1.0 200 OK\r\n\r\n${page(host)}` };
  };
  return {
    names: NAMES,
    addresses: { llm: LLM, unlisted: UNLISTED, resolver: RESOLVER },
    pageOf: page,
    queries: () => [...queries],
    shellIn: async (_container, script) => {
      const attempt = attemptOf(script);
      if (attempt.kind === 'reach-proxy') return { exitCode: stopped && !w.proxyUnstoppable ? 1 : 0, output: '' };
      guardSees();
      if (attempt.kind === 'connect' || attempt.kind === 'get-via') return viaProxy(attempt);
      if (w.internetDown && !w.hostOpen) return { exitCode: 1, output: 'nc: timed out' };
      if (w.agentOpen) return open(attempt, queries, true, GATEWAY.internal);
      if (w.hostOpen && attempt.kind === 'tcp' && attempt.address === GATEWAY.internal) return { exitCode: 0, output: 'connected' };
      return { exitCode: 1, output: 'nc: timed out' };
    },
    shellOn: async (_network, script) => (w.internetDown ? { exitCode: 1, output: 'nc: timed out' } : open(attemptOf(script), queries, true, GATEWAY.outside)),
    addressOn: async () => PROXY,
    resolverOf: async () => '127.0.0.11',
    controlResolver: async () => '127.0.0.11',
    gatewayOf: async (network) => (network === 'openhands-egress' ? GATEWAY.internal : GATEWAY.outside),
    hostService: async () => ({ port: 22133 }),
    proxyLog: async () => log.join('\n'),
    stop: async () => {
      stopped = true;
    },
    restart: async () => {
      stopped = broken && !w.configIgnored;
      return !stopped;
    },
    editFile: async (path, edit) => {
      if (path === '/home/reader/egress-proxy/allowlist.txt' && edit.kind === 'empty') emptied = true;
      if (path === '/home/reader/egress-proxy/squid.conf' && edit.kind === 'append') broken = true;
    },
    dropped: async () => guardCount,
    guardListing: async () => `    ${guardCount}   120 DROP  all  --  *  eth0  172.30.0.3  0.0.0.0/0`,
    networksCreatedSince: async () => w.networksCreated ?? [],
  };
}

const AGENT = 'agent-canvas';
const PROXY_NAME = 'openhands-egress-proxy';
const PROXY_MOUNTS = [
  { Type: 'bind', Source: '/home/reader/egress-proxy/squid.conf', Destination: '/etc/squid/squid.conf' },
  { Type: 'bind', Source: '/home/reader/egress-proxy/allowlist.txt', Destination: '/etc/squid/allowlist.txt' },
];
/** What squid 5.7 prints when a line names an ACL it does not know (observed on the stand-in). */
const FATAL_LOG = { stdout: '', stderr: '2026-12-03T12:00:00Z FATAL: Bungled /etc/squid/squid.conf line 13: http_access allow everything-is-allowed\n' };
const egressWorld = (w: World & { readonly proxyLogs?: { stdout: string; stderr: string }; readonly engineVersion?: string }) => () =>
  only(
    {
      [AGENT]: container(facts(AGENT)),
      [PROXY_NAME]: container(facts(PROXY_NAME, { mounts: PROXY_MOUNTS }), { logs: w.proxyLogs ?? FATAL_LOG }),
      'agent-canvas-ui': container(facts('agent-canvas-ui')),
    },
    { egress: fakeEgress(w), ...(w.engineVersion ? { engineVersion: w.engineVersion } : {}) },
  );
const notMade = () => only({ [AGENT]: container(facts(AGENT)), [PROXY_NAME]: container(facts(PROXY_NAME)) }, { egress: undefined, egressError: 'createStandInInternet needs root' });

const closed = (cause: EgressFailure) => ({ kind: 'egress-fails-closed', container: AGENT, proxy: PROXY_NAME, cause }) as const;
const refused = (way: EgressWay) => ({ kind: 'egress-refused', container: AGENT, proxy: PROXY_NAME, way }) as const;

/** Which world opens each way out: the agent let out directly, or the proxy letting everything through. */
const OPENED_BY: { readonly [W in EgressWay]: World } = {
  'connect-unlisted': { proxyAllowsAll: true },
  'literal-ip': { proxyAllowsAll: true },
  'other-port': { proxyAllowsAll: true },
  'direct-unlisted': { agentOpen: true },
  'direct-allowed-address': { agentOpen: true },
  'dns-udp': { agentOpen: true },
  'dns-tcp': { agentOpen: true },
  'embedded-dns': { agentOpen: true },
  icmp: { agentOpen: true },
  metadata: { agentOpen: true },
  'host-service': { hostOpen: true },
};

const refusedHolds = EGRESS_WAYS.map((way): Scenario<'egress-refused', 'verified'> => ({
  name: `${way}: refused${way === 'host-service' ? ' with the host rule' : ''}, and the control gets through`,
  claim: refused(way),
  context: egressWorld({}),
  expect: { status: 'verified' },
}));
/** Docker Engine before 28, while another program created a network: the first attempt's packets, then a clean second attempt. */
const unhookedMoment: Scenario<'egress-refused', 'verified'> = {
  name: 'Docker 20.10: a packet dropped only while another program created a network, attempted again and refused',
  claim: refused('icmp'),
  context: egressWorld({ dropped: 1, dropsOnce: true, networksCreated: ['other-net'], engineVersion: '20.10.24' }),
  expect: { status: 'verified' },
};
const refusedFails: Scenario<'egress-refused', 'failed' | 'not-verifiable'>[] = [
  ...EGRESS_WAYS.flatMap((way): Scenario<'egress-refused', 'failed'>[] => [
    { name: `${way}: the page's measure is missing, the attempt gets out`, claim: refused(way), context: egressWorld(OPENED_BY[way]), expect: { status: 'failed' } },
    { name: `${way}: the stand-in host answers nobody, so the refusal proves nothing`, claim: refused(way), context: egressWorld({ internetDown: true }), expect: { status: 'failed', reason: 'negative control' } },
  ]),
  { name: 'connect-unlisted: refused, but the proxy looked the name up first (a lookup carries the name out)', claim: refused('connect-unlisted'), context: egressWorld({ proxyLooksUp: true }), expect: { status: 'failed', reason: 'the proxy asked no resolver' } },
  { name: 'connect-unlisted: refused, but the proxy logged nothing to show it', claim: refused('connect-unlisted'), context: egressWorld({ proxySilent: true }), expect: { status: 'failed', reason: 'access log has the denial' } },
  { name: 'the guard dropped a packet', claim: refused('icmp'), context: egressWorld({ dropped: 1 }), expect: { status: 'failed', reason: 'the egress guard dropped 1 packets' } },
  // Docker Engine before 28 unhooks its isolation chain while it creates a network: a second attempt, and only then.
  { name: 'Docker 20.10: a packet dropped while another program created a network, and again on the second attempt', claim: refused('icmp'), context: egressWorld({ dropped: 1, networksCreated: ['other-net'], engineVersion: '20.10.24' }), expect: { status: 'failed', reason: 'the egress guard dropped 1 packets' } },
  { name: 'Docker 28: a packet dropped while another program created a network is no such moment', claim: refused('icmp'), context: egressWorld({ dropped: 1, dropsOnce: true, networksCreated: ['other-net'], engineVersion: '28.5.2' }), expect: { status: 'failed', reason: 'the egress guard dropped 1 packets' } },
  { name: 'Docker 20.10: a packet dropped while no network was created', claim: refused('icmp'), context: egressWorld({ dropped: 1, dropsOnce: true, engineVersion: '20.10.24' }), expect: { status: 'failed', reason: 'the egress guard dropped 1 packets' } },
  { name: 'no stand-in internet could be made', claim: refused('icmp'), context: notMade, expect: { status: 'not-verifiable', notVerifiable: 'no-stand-in-internet' } },
];

export const EGRESS: CaseTable<'egress-allowed-via-proxy' | 'egress-refused' | 'egress-fails-closed' | 'egress-host-reachable' | 'egress-ui-forwarded'> = {
  'egress-allowed-via-proxy': {
    holds: [{ name: 'the allowed name answers through the proxy, which logs the tunnel', claim: { kind: 'egress-allowed-via-proxy', container: AGENT, proxy: PROXY_NAME }, context: egressWorld({}), expect: { status: 'verified' } }],
    fails: [
      { name: 'the proxy refuses the allowed name too', claim: { kind: 'egress-allowed-via-proxy', container: AGENT, proxy: PROXY_NAME }, context: egressWorld({ proxyDeniesAll: true }), expect: { status: 'failed', reason: 'answered by the allowed host' } },
      { name: 'the guard dropped a packet', claim: { kind: 'egress-allowed-via-proxy', container: AGENT, proxy: PROXY_NAME }, context: egressWorld({ dropped: 2 }), expect: { status: 'failed', reason: 'the egress guard dropped 2 packets' } },
      { name: 'no stand-in internet could be made', claim: { kind: 'egress-allowed-via-proxy', container: AGENT, proxy: PROXY_NAME }, context: notMade, expect: { status: 'not-verifiable', notVerifiable: 'no-stand-in-internet' } },
      { name: 'the agent is gone', claim: { kind: 'egress-allowed-via-proxy', container: AGENT, proxy: PROXY_NAME }, context: () => nothing({ egress: fakeEgress({}) }), expect: { status: 'failed', reason: 'does not exist' } },
    ],
  },
  'egress-refused': {
    holds: [refusedHolds[0]!, ...refusedHolds.slice(1), unhookedMoment],
    fails: [refusedFails[0]!, ...refusedFails.slice(1)],
  },
  'egress-fails-closed': {
    holds: [
      { name: 'with the proxy stopped, nothing answers', claim: closed('proxy-stopped'), context: egressWorld({}), expect: { status: 'verified' } },
      { name: 'with the allow-list emptied, the allowed name is refused too, and logged', claim: closed('allowlist-emptied'), context: egressWorld({}), expect: { status: 'verified' } },
      { name: 'with a broken squid.conf, squid does not start and says why', claim: closed('config-broken'), context: egressWorld({}), expect: { status: 'verified' } },
    ],
    fails: [
      { name: 'the proxy still answers once stopped', claim: closed('proxy-stopped'), context: egressWorld({ proxyUnstoppable: true }), expect: { status: 'failed', reason: 'gets no answer' } },
      { name: 'the agent has a way out of its own', claim: closed('proxy-stopped'), context: egressWorld({ agentOpen: true }), expect: { status: 'failed', reason: 'nor does a direct request' } },
      { name: 'the proxy keeps its old list after the file is emptied', claim: closed('allowlist-emptied'), context: egressWorld({ listCached: true }), expect: { status: 'failed', reason: 'gets no answer' } },
      { name: 'squid starts despite the broken line', claim: closed('config-broken'), context: egressWorld({ configIgnored: true }), expect: { status: 'failed', reason: 'does not serve' } },
      { name: 'squid stops, but its log does not say why', claim: closed('config-broken'), context: egressWorld({ proxyLogs: { stdout: '', stderr: '' } }), expect: { status: 'failed', reason: 'docker logs of the proxy say why' } },
    ],
  },
  'egress-host-reachable': {
    holds: [{ name: 'without the host rule, the service accepts the agent at the gateway', claim: { kind: 'egress-host-reachable', container: AGENT }, context: egressWorld({ hostOpen: true }), expect: { status: 'verified' } }],
    fails: [{ name: 'the host rule is in place: the claimed risk is not there', claim: { kind: 'egress-host-reachable', container: AGENT }, context: egressWorld({}), expect: { status: 'failed', reason: 'accepts the agent' } }],
  },
  'egress-ui-forwarded': {
    holds: [
      {
        name: 'the forwarder reaches the app health check',
        claim: { kind: 'egress-ui-forwarded', container: 'agent-canvas-ui', app: AGENT, port: 8000 },
        context: () => only({ 'agent-canvas-ui': container(facts('agent-canvas-ui'), { listening: [8000], http: () => 'HTTP/1.1 200 OK\r\n\r\nok' }), [AGENT]: container(facts(AGENT)) }),
        expect: { status: 'verified' },
      },
    ],
    fails: [
      {
        name: 'the forwarder listens but reaches no app',
        claim: { kind: 'egress-ui-forwarded', container: 'agent-canvas-ui', app: AGENT, port: 8000 },
        context: () => only({ 'agent-canvas-ui': container(facts('agent-canvas-ui'), { listening: [8000], http: () => '' }), [AGENT]: container(facts(AGENT)) }),
        expect: { status: 'failed', reason: 'is answered 200' },
      },
      { name: 'the app is gone', claim: { kind: 'egress-ui-forwarded', container: 'agent-canvas-ui', app: AGENT, port: 8000 }, context: () => only({ 'agent-canvas-ui': container(facts('agent-canvas-ui')) }), expect: { status: 'failed', reason: 'does not exist' } },
    ],
  },
};
