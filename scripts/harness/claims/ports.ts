import { directRoute, loopbackGap } from '../../../src/engines/expectations';
import { eventually, listeningInside, notVerifiable, onContainer, type ClaimContext, type ContainerFacts, type Evidence } from './context';


/**
 * A failed probe's evidence says how this machine routed it (the container's address and the
 * run's rules at that moment), so a failure in CI explains itself without a rerun.
 */
async function explain(ctx: ClaimContext, ev: Evidence, ok: boolean, address: string | undefined): Promise<boolean> {
  if (!ok && address) ev.see(`why: ${await ctx.routeFacts(address)}`);
  return ok;
}

const addressOf = (facts: ContainerFacts): string | undefined => Object.values(facts.NetworkSettings.Networks)[0]?.IPAddress || undefined;

export function bindings(facts: ContainerFacts, containerPort: number) {
  return facts.HostConfig.PortBindings?.[`${containerPort}/tcp`] ?? [];
}

export const portLoopbackOnly = onContainer<'port-loopback-only'>(async (claim, ctx, found, ev) => {
  const published = bindings(found.facts, claim.port);
  const hostPort = ctx.hostPort(claim.port);
  ev.expect(
    published.length > 0 && published.every((b) => b.HostIp === '127.0.0.1'),
    `HostConfig.PortBindings["${claim.port}/tcp"] = ${JSON.stringify(published)}, expected HostIp 127.0.0.1 only`,
  );
  if (!(await listeningInside(ctx, found.actual, claim.port, ev))) return ev.result();
  // A positive control: given time, as a port forward can come up after the process listens.
  await explain(ctx, ev, ev.expect(await eventually(() => ctx.probeLocal('127.0.0.1', hostPort), Date.now() + 10_000), `127.0.0.1:${hostPort} answers on this machine`), addressOf(found.facts));
  // A binding or probe that already failed stays a failure where no LAN neighbour can be made.
  if (!ctx.lan) return ev.failed ? ev.result() : notVerifiable('no-lan-namespace', ev.lines);
  const fromLan = await ctx.lan.probe(ctx.lan.hostAddress, hostPort);
  ev.expect(!fromLan, `another host on the LAN is refused at the host's address ${ctx.lan.hostAddress}:${hostPort}`);
  const routed = await ctx.lan.probeRoutedLoopback(hostPort);
  // Per engine, from src/engines/expectations.ts: the claim states the gap where it is open, and
  // the loopback-guard snippet proves the rule that closes it; expecting it keeps that honest.
  const gap = loopbackGap({ kind: ctx.engineKind, version: ctx.engineVersion });
  if (!gap.open || (await ctx.firewall.present())) {
    ev.expect(!routed, `another host routing 127.0.0.0/8 via this machine is refused at 127.0.0.1:${hostPort}${gap.open ? ' (the loopback rule is in place)' : ` (${gap.source})`}`);
  } else {
    ev.expect(routed, `a host routing 127.0.0.0/8 via this machine reaches 127.0.0.1:${hostPort}, as the claim warns (${gap.source}; closed by the loopback-guard rule)`);
  }
});

export const portReachableFromLan = onContainer<'port-reachable-from-lan'>(async (claim, ctx, found, ev) => {
  const hostPort = ctx.hostPort(claim.port);
  ev.see(`HostConfig.PortBindings["${claim.port}/tcp"] = ${JSON.stringify(bindings(found.facts, claim.port))}`);
  if (!ctx.lan) return notVerifiable('no-lan-namespace', ev.lines);
  if (!(await listeningInside(ctx, found.actual, claim.port, ev))) return ev.result();
  ev.expect(
    await ctx.lan.probe(ctx.lan.hostAddress, hostPort),
    `another host on the LAN reaches ${ctx.lan.hostAddress}:${hostPort}`,
  );
});

export const noPublishedPorts = onContainer<'no-published-ports'>(async (claim, ctx, found, ev) => {
  const published = Object.entries(found.facts.HostConfig.PortBindings ?? {}).filter(([, b]) => (b ?? []).length > 0);
  ev.expect(published.length === 0, `HostConfig.PortBindings = ${JSON.stringify(found.facts.HostConfig.PortBindings ?? {})}, expected none`);
});

export const loopbackGuardBlocksLan = onContainer<'loopback-guard-blocks-lan'>(async (claim, ctx, found, ev) => {
  if (!ctx.lan) return notVerifiable('no-lan-namespace');
  const hostPort = ctx.hostPort(claim.port);
  ev.expect(await ctx.firewall.present(), 'the rule from the page is in the raw table');
  if (!(await listeningInside(ctx, found.actual, claim.port, ev))) return ev.result();
  await explain(ctx, ev, ev.expect(await eventually(() => ctx.probeLocal('127.0.0.1', hostPort), Date.now() + 10_000), `127.0.0.1:${hostPort} still answers on this machine`), addressOf(found.facts));
  ev.expect(
    !(await ctx.lan.probeRoutedLoopback(hostPort)),
    `with the rule, another host routing 127.0.0.0/8 via this machine is refused at 127.0.0.1:${hostPort}`,
  );
  await ctx.firewall.remove();
  const without = await ctx.lan.probeRoutedLoopback(hostPort);
  ev.see(
    `without the rule (Engine ${ctx.engineVersion}) the same probe is ${without ? 'answered: the rule is what closes it' : 'refused: this engine already closes it'}`,
  );
});

/**
 * 1.x: the app on loopback for the reader's browser and on the bridge gateway for its
 * sandboxes (they call it back at host.docker.internal). The gateway is where
 * host.docker.internal resolves in the app; from the LAN, the host's own address is refused.
 */
export const portOnLoopbackAndGateway = onContainer<'port-on-loopback-and-gateway'>(async (claim, ctx, found, ev) => {
  const published = bindings(found.facts, claim.port);
  const hostPort = ctx.hostPort(claim.port);
  const gateway = Object.values(found.facts.NetworkSettings.Networks).length > 0 ? await gatewayOf(ctx, found.actual) : undefined;
  const ips = published.map((b) => b.HostIp).sort();
  ev.expect(
    ips.length === 2 && ips.includes('127.0.0.1') && gateway !== undefined && ips.includes(gateway),
    `HostConfig.PortBindings["${claim.port}/tcp"] = ${JSON.stringify(published)}, expected 127.0.0.1 and host.docker.internal (${gateway ?? 'unresolved'}) only`,
  );
  if (!(await listeningInside(ctx, found.actual, claim.port, ev))) return ev.result();
  ev.expect(await ctx.probeLocal('127.0.0.1', hostPort), `127.0.0.1:${hostPort} answers on this machine`);
  if (gateway) ev.expect(await ctx.probeLocal(gateway, hostPort), `${gateway}:${hostPort} answers on this machine, where the sandboxes call`);
  if (!ctx.lan) return ev.failed ? ev.result() : notVerifiable('no-lan-namespace', ev.lines);
  ev.expect(!(await ctx.lan.probe(ctx.lan.hostAddress, hostPort)), `another host on the LAN is refused at the host's address ${ctx.lan.hostAddress}:${hostPort}`);
});

async function gatewayOf(ctx: ClaimContext, container: string): Promise<string | undefined> {
  const hosts = await ctx.exec(container, ['cat', '/etc/hosts']);
  const line = hosts?.split('\n').find((l) => l.trim().split(/\s+/).slice(1).includes('host.docker.internal'));
  return line?.trim().split(/\s+/)[0];
}

/**
 * The page's raw-table rule for the app's own network against a neighbour that routes that
 * subnet through this machine and so addresses the app's container directly. With the rule
 * the neighbour is refused at the app's address while the app still answers on this machine;
 * then the rule is removed and the neighbour must get in again where the engine lets it
 * (src/engines/expectations.ts directRoute): otherwise the rule proved nothing.
 */
export const subnetGuardBlocksLan = onContainer<'subnet-guard-blocks-lan'>(async (claim, ctx, found, ev) => {
  if (!ctx.lan) return notVerifiable('no-lan-namespace');
  const lan = ctx.lan;
  const address = addressOf(found.facts);
  if (!ev.expect(Boolean(address), `${found.actual} has an address on its network: ${address || '(none)'}`)) return ev.result();
  ev.expect(await ctx.firewall.present(), 'the rule from the page is in the raw table');
  if (!(await listeningInside(ctx, found.actual, claim.port, ev))) return ev.result();
  const hostPort = ctx.hostPort(claim.port);
  await explain(ctx, ev, ev.expect(await eventually(() => ctx.probeLocal('127.0.0.1', hostPort), Date.now() + 10_000), `with the rule, 127.0.0.1:${hostPort} still answers on this machine`), address);
  await explain(ctx, ev, ev.expect(!(await lan.probeContainer(address!, claim.port)), `with the rule, a host routing the app's subnet via this machine is refused at ${address}:${claim.port}`), address);
  await ctx.firewall.remove();
  const route = directRoute({ kind: ctx.engineKind, version: ctx.engineVersion });
  const reached = await lan.probeContainer(address!, claim.port);
  if (route.open) ev.expect(reached, `without the rule, the same host reaches ${address}:${claim.port}: the rule is what closes it (${route.source})`);
  else ev.expect(!reached, `without the rule, the same host is refused at ${address}:${claim.port} by the engine itself (${route.source})`);
});
