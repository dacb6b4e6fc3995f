/**
 * The egress section's claims: the allowed name answers through the proxy (the positive
 * control), each way out of EGRESS_WAYS is refused with its negative control, the agent has no
 * way out once the proxy stops, and what `--internal` alone leaves open. Every attempt goes to
 * the stand-in internet under the egress guard; a guard that dropped anything fails the claim.
 */
import { eventually, Evidence, isResult, notVerifiable, requireContainer, type Checker, type ClaimContext, type EgressProbe } from '../context';
import type { ClaimResult } from '../context';
import type { ContainerName } from '../../../../src/snippets/commands';
import { PROXY_PORT } from '../../../../src/snippets/egress-proxy';
import { connectVia, getDirect, logLine, tcpConnect } from './requests';
import { WAYS, type Attempt } from './ways';

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
    const listening = await eventually(async () => (await probe.shellIn(agent.actual, `nc -w 1 ${proxyAddress} ${PROXY_PORT} </dev/null`)).exitCode === 0);
    if (!ev.expect(listening, `the agent reaches the proxy at ${proxyAddress}:${PROXY_PORT}`)) return ev.result();
  }
  await body({ probe, ev, agent: agent.actual, proxy: proxyName, proxyAddress, internalNetwork, outsideNetwork });
  const dropped = await probe.dropped();
  ev.expect(dropped === 0, `the egress guard dropped ${dropped} packets headed for this machine's uplink`);
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

/** Last among its snippet's claims: it stops the proxy. */
export const egressFailsClosed: Checker<'egress-fails-closed'> = (claim, ctx) =>
  withAttempt(ctx, claim.container, claim.proxy, async (a) => {
    await a.probe.stop(a.proxy);
    const reply = await a.probe.shellIn(a.agent, connectVia(a.proxyAddress, `${a.probe.names.llm}:443`));
    a.ev.expect(!reply.output.includes(a.probe.pageOf('llm')), `with the proxy stopped, CONNECT ${a.probe.names.llm}:443 gets no answer (the agent sees ${JSON.stringify(reply.output.trim().slice(0, 120)) || 'nothing'})`);
    const direct = await a.probe.shellIn(a.agent, getDirect(a.probe.addresses.llm, 443));
    a.ev.expect(!direct.output.includes(a.probe.pageOf('llm')), 'nor does a direct request to its address');
  });

/** A confirmed risk: the agent on an --internal network still reaches the host's services at the network's gateway. */
export const egressHostReachable: Checker<'egress-host-reachable'> = (claim, ctx) =>
  withAttempt(ctx, claim.container, undefined, async (a) => {
    const { port } = await a.probe.hostService();
    const gateway = await a.probe.gatewayOf(a.internalNetwork);
    if (!a.ev.expect(gateway !== undefined, `${a.internalNetwork} has a gateway address on this machine`)) return;
    const reply = await a.probe.shellIn(a.agent, tcpConnect(gateway!, port));
    a.ev.expect(reply.output.includes('connected'), `a service of this machine listening on every address (port ${port}) accepts the agent at ${gateway}, the gateway of ${a.internalNetwork}`);
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
