/**
 * The egress section's claims: the allowed name answers through the proxy (the positive
 * control), each way out of EGRESS_WAYS is refused with its negative control, the agent has no
 * way out once the proxy stops, and what `--internal` alone leaves open. Every attempt goes to
 * the stand-in internet under the egress guard; a guard that dropped anything fails the claim.
 */
import { eventually, Evidence, isResult, notVerifiable, requireContainer, type Checker, type ClaimContext, type EgressProbe } from '../context';
import type { ClaimResult } from '../context';
import type { ContainerName } from '../../../../src/snippets/commands';
import type { Claim } from '../../../../src/snippets';
import { ALLOWLIST_TARGET, PROXY_PORT, SQUID_CONF_TARGET } from '../../../../src/snippets/egress-proxy';
import { accepts, connectVia, getDirect, logLine, tcpConnect } from './requests';
import { WAYS, type Attempt } from './ways';
import { withNoNetworkCreated } from '../../run/network-quiet';

/** The networks of the egress section, as this run named them. */
const networksOf = (ctx: ClaimContext) => ({ internalNetwork: ctx.networkName('openhands-egress'), outsideNetwork: ctx.networkName('openhands-network') });

type Body = (attempt: Attempt) => Promise<void>;

/** Finds the agent and the proxy, waits for the proxy to listen, runs `body`, then reads the guard. */
async function withAttempt(ctx: ClaimContext, container: ContainerName, proxy: ContainerName | undefined, body: Body): Promise<ClaimResult> {
  const probe: EgressProbe | undefined = ctx.egress;
  if (!probe) return notVerifiable('no-stand-in-internet', ctx.egressError ? [ctx.egressError] : []);
  const agent = await requireContainer(ctx, container);
  if (isResult(agent)) return agent;
  const ev = new Evidence();
  const { internalNetwork, outsideNetwork } = networksOf(ctx);
  let proxyName = '';
  let proxyAddress = '';
  if (proxy) {
    const found = await requireContainer(ctx, proxy);
    if (isResult(found)) return found;
    proxyName = found.actual;
    const address = await probe.addressOn(found.actual, internalNetwork);
    if (!ev.expect(address !== undefined, `the proxy ${found.actual} has an address on ${internalNetwork}`)) return ev.result();
    proxyAddress = address!;
    // squid takes a moment to listen after its container starts.
    const listening = await eventually(async () => (await probe.shellIn(agent.actual, accepts(proxyAddress, PROXY_PORT))).exitCode === 0);
    if (!ev.expect(listening, `the agent reaches the proxy at ${proxyAddress}:${PROXY_PORT}`)) return ev.result();
  }
  const attempt = (evidence: Evidence) => body({ probe, ev: evidence, agent: agent.actual, proxy: proxyName, proxyAddress, internalNetwork, outsideNetwork });
  // What the guard counted before belongs to earlier claims of the unit.
  const before = await probe.dropped();
  const since = Date.now() - 1000;
  // Not while this process creates a network: Docker Engine before 28 unhooks FORWARD's jump to
  // its isolation chain for a moment then (run/network-quiet.ts), and the internal network's
  // drop rules are in that chain. Other harness processes on the daemon are not held.
  await withNoNetworkCreated(() => attempt(ev));
  let dropped = (await probe.dropped()) - before;
  if (dropped > 0 && isolationUnhookedByCreate(ctx)) {
    const created = await probe.networksCreatedSince(since);
    if (created.length > 0) {
      // The moment the pages state, made by another program (here: another test process): the
      // attempt says nothing of the setup then, so it is made once more, and the evidence says why.
      const again = new Evidence();
      again.see(`the guard dropped ${dropped} packets of a first attempt while the daemon created networks (${created.join(', ')}): Docker Engine ${ctx.engineVersion} unhooks its isolation chain then, as the page says; attempted again`);
      const retryFrom = await probe.dropped();
      await withNoNetworkCreated(() => attempt(again));
      dropped = (await probe.dropped()) - retryFrom;
      return guardVerdict(again, dropped, probe);
    }
  }
  return guardVerdict(ev, dropped, probe);
}

/** Docker Engine before 28 deletes and re-inserts FORWARD's jump to DOCKER-ISOLATION-STAGE-1 at each network it creates. */
function isolationUnhookedByCreate(ctx: ClaimContext): boolean {
  const major = Number.parseInt(ctx.engineVersion, 10);
  return ctx.engineKind !== 'podman' && Number.isInteger(major) && major < 28;
}

async function guardVerdict(ev: Evidence, dropped: number, probe: EgressProbe): Promise<ClaimResult> {
  ev.expect(dropped === 0, `the egress guard dropped ${dropped} packets headed for this machine's uplink`);
  if (dropped > 0) ev.see(`the guard's counters: ${(await probe.guardListing()).split('\n').filter((line) => /^\s*[1-9]\d* /.test(line)).join(' | ')}`);
  return ev.result();
}

export const egressAllowedViaProxy: Checker<'egress-allowed-via-proxy'> = (claim, ctx) =>
  withAttempt(ctx, claim.container, claim.proxy, async (a) => {
    const target = `${a.probe.names.llm}:443`;
    const reply = await a.probe.shellIn(a.agent, connectVia(a.proxyAddress, target));
    a.ev.expect(/200 Connection established/i.test(reply.output) && reply.output.includes(a.probe.pageOf('llm')), `CONNECT ${target} through the proxy is answered by the allowed host`);
    const log = await a.probe.proxyLog(a.proxy);
    a.ev.expect(logLine('TCP_TUNNEL/200', 'CONNECT', target).test(log), `the proxy's access log has the tunnel: ${log.split('\n').find((line) => line.includes(target)) ?? '(no line for it)'}`);
  });

export const egressRefused: Checker<'egress-refused'> = (claim, ctx) =>
  withAttempt(ctx, claim.container, claim.proxy, async (a) => {
    const way = WAYS[claim.way];
    await way.refused(a);
    await way.control(a);
  });

/** What squid 5.7 says when it cannot parse a line of its configuration: the line, and that it stops. */
const BROKEN_LINE = 'http_access allow everything-is-allowed';
const SQUID_FATAL = /FATAL|Bungled/;

/** The reader's file a container mounts at `target`. */
const mountSource = (facts: { readonly Mounts: readonly { readonly Source: string; readonly Destination: string }[] }, target: string) =>
  facts.Mounts.find((mount) => mount.Destination === target)?.Source;

/** Makes the proxy fail as the claim says; the evidence of why, as the reader would see it, is checked after the attempt. */
async function breakProxy(claim: Extract<Claim, { kind: 'egress-fails-closed' }>, ctx: ClaimContext, a: Attempt): Promise<{ readonly why: () => Promise<void>; readonly proxyAddress: string }> {
  if (claim.cause === 'proxy-stopped') {
    await a.probe.stop(a.proxy);
    return { why: async () => undefined, proxyAddress: a.proxyAddress };
  }
  const facts = await ctx.inspect(a.proxy);
  const file = facts && mountSource(facts, claim.cause === 'allowlist-emptied' ? ALLOWLIST_TARGET : SQUID_CONF_TARGET);
  if (!a.ev.expect(file !== undefined, `the proxy mounts a file of the reader's at ${claim.cause === 'allowlist-emptied' ? ALLOWLIST_TARGET : SQUID_CONF_TARGET}`)) return { why: async () => undefined, proxyAddress: a.proxyAddress };
  await a.probe.editFile(file!, claim.cause === 'allowlist-emptied' ? { kind: 'empty' } : { kind: 'append', text: `${BROKEN_LINE}\n` });
  const running = await a.probe.restart(a.proxy);
  if (claim.cause === 'allowlist-emptied') {
    a.ev.expect(running, 'the proxy runs again with an empty allow-list');
    // A restart may give the proxy another address (Podman does), and until squid listens a refused connection would pass for a refusal by the list.
    const proxyAddress = (await a.probe.addressOn(a.proxy, a.internalNetwork)) ?? a.proxyAddress;
    const listening = await eventually(async () => (await a.probe.shellIn(a.agent, accepts(proxyAddress, PROXY_PORT))).exitCode === 0);
    a.ev.expect(listening, `the agent reaches the restarted proxy at ${proxyAddress}:${PROXY_PORT}`);
    return { proxyAddress, why: async () => {
      const log = await a.probe.proxyLog(a.proxy);
      a.ev.expect(logLine('TCP_DENIED/403', 'CONNECT', `${a.probe.names.llm}:443`).test(log), `the proxy's access log shows the allowed name refused: ${log.split('\n').find((line) => line.includes(a.probe.names.llm) && line.includes('DENIED')) ?? '(no such line)'}`);
    } };
  }
  // With --restart unless-stopped Docker starts it again and again: what counts is that it never listens.
  let served = false;
  for (let attempt = 0; attempt < 3 && !served; attempt++) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 1000));
    served = (await a.probe.shellIn(a.agent, accepts(a.proxyAddress, PROXY_PORT))).exitCode === 0;
  }
  a.ev.expect(!served, `the proxy does not serve with the broken line (running: ${running}; Docker may restart it, in vain)`);
  return { proxyAddress: a.proxyAddress, why: async () => {
    const logs = await ctx.logsOf(a.proxy);
    const said = `${logs?.stdout ?? ''}${logs?.stderr ?? ''}`.split('\n').find((line) => SQUID_FATAL.test(line));
    a.ev.expect(said !== undefined, `docker logs of the proxy say why: ${said?.replace(/^\S+ /, '') ?? '(no FATAL line)'}`);
  } };
}

/** Last among its snippet's claims: it breaks the proxy. */
export const egressFailsClosed: Checker<'egress-fails-closed'> = (claim, ctx) =>
  withAttempt(ctx, claim.container, claim.proxy, async (a) => {
    const broken = await breakProxy(claim, ctx, a);
    const reply = await a.probe.shellIn(a.agent, connectVia(broken.proxyAddress, `${a.probe.names.llm}:443`));
    a.ev.expect(!reply.output.includes(a.probe.pageOf('llm')), `CONNECT ${a.probe.names.llm}:443 through the proxy gets no answer from the host (the agent sees ${JSON.stringify(reply.output.trim().split('\n')[0]?.slice(0, 120) ?? '') || 'nothing'})`);
    const direct = await a.probe.shellIn(a.agent, getDirect(a.probe.addresses.llm, 443));
    a.ev.expect(!direct.output.includes(a.probe.pageOf('llm')), 'nor does a direct request to its address');
    await broken.why();
  });

/** A confirmed risk: the agent on an --internal network still reaches the host's services at the network's gateway. */
export const egressHostReachable: Checker<'egress-host-reachable'> = (claim, ctx) =>
  withAttempt(ctx, claim.container, undefined, async (a) => {
    const gateway = await a.probe.gatewayOf(a.internalNetwork);
    if (!a.ev.expect(gateway !== undefined, `${a.internalNetwork} has a gateway address on this machine`)) return;
    const { port } = await a.probe.hostService(gateway!);
    const reply = await a.probe.shellIn(a.agent, tcpConnect(gateway!, port));
    a.ev.expect(reply.output.includes('connected'), `a service of this machine on the gateway address, where one listening on every address also answers (port ${port}) accepts the agent at ${gateway}, the gateway of ${a.internalNetwork}`);
  });

/** The forwarder's port reaches the app's health check (GET /alive, which needs no key) across the internal network. */
export const egressUiForwarded: Checker<'egress-ui-forwarded'> = async (claim, ctx) => {
  const forwarder = await requireContainer(ctx, claim.container);
  if (isResult(forwarder)) return forwarder;
  const app = await requireContainer(ctx, claim.app);
  if (isResult(app)) return app;
  const ev = new Evidence();
  let reply = '';
  await eventually(async () => /^HTTP\/1\.[01] 200/.test((reply = (await ctx.httpFrom(forwarder.actual, '127.0.0.1', claim.port, 'GET /alive HTTP/1.0\r\n\r\n')) ?? '')));
  ev.expect(/^HTTP\/1\.[01] 200/.test(reply), `GET /alive at ${forwarder.actual}'s port ${claim.port} is answered 200 by ${app.actual} (got ${JSON.stringify(reply.split('\r\n')[0] ?? '')})`);
  return ev.result();
};
