import { Evidence, isResult, listeningInside, onContainer, type Checker } from './context';
import { firstSandbox, servicePorts } from './sandbox';
import { withNoNetworkCreated } from '../run/network-quiet';


export const networks = onContainer<'networks'>(async (claim, ctx, found, ev) => {
  const expected = claim.networks.map((n) => ctx.networkName(n)).sort();
  const actual = Object.keys(found.facts.NetworkSettings.Networks).sort();
  ev.expect(JSON.stringify(actual) === JSON.stringify(expected), `NetworkSettings.Networks = ${actual.join(', ') || '(none)'}, expected ${expected.join(', ')}`);
  // Podman's Docker API reports the driver ("bridge") there for every bridge network: Docker's network name is what counts.
  if (ctx.engineKind === 'podman') ev.see(`HostConfig.NetworkMode = ${found.facts.HostConfig.NetworkMode} (Podman reports the network's driver here)`);
  else ev.expect(expected.includes(found.facts.HostConfig.NetworkMode), `HostConfig.NetworkMode = ${found.facts.HostConfig.NetworkMode}`);
});

export const networkExists: Checker<'network-exists'> = async (claim, ctx) => {
  const actual = ctx.networkName(claim.network);
  const facts = await ctx.inspectNetwork(actual);
  const ev = new Evidence();
  ev.expect(facts?.Driver === 'bridge', `network ${actual} (documented as ${claim.network}) has driver ${facts?.Driver ?? '(missing)'}, expected bridge`);
  return ev.result();
};

/** The app's own addresses: neither it nor a container on another network reaches the other. */
export const appIsolatedFromOtherNetworks = onContainer<'app-isolated-from-other-networks'>(async (claim, ctx, found, ev) => {
  const outsider = await ctx.outsider();
  // Not while this process creates a network: Docker lifts inter-network isolation for a moment
  // then (run/network-quiet.ts), which the pages say. Other processes on the daemon are not held.
  await withNoNetworkCreated(() => isolationProbes(ctx, found, ev, outsider));
});

async function isolationProbes(
  ctx: Parameters<Checker<'app-isolated-from-other-networks'>>[1],
  found: { actual: string; facts: { NetworkSettings: { Networks: Record<string, { IPAddress: string }> } } },
  ev: Evidence,
  outsider: Awaited<ReturnType<Parameters<Checker<'app-isolated-from-other-networks'>>[1]['outsider']>>,
): Promise<void> {
  // The positive controls prove both ends answer, so a refusal below means isolation.
  ev.expect(
    await ctx.probeFrom(outsider.name, outsider.address, outsider.port),
    `the outsider ${outsider.address}:${outsider.port} on ${outsider.network} answers on its own network`,
  );
  ev.expect(
    !(await ctx.probeFrom(found.actual, outsider.address, outsider.port)),
    `${found.actual} cannot reach ${outsider.address}:${outsider.port} on ${outsider.network}`,
  );
  if (!(await listeningInside(ctx, found.actual, ctx.profile.appPort, ev))) return;
  for (const [network, endpoint] of Object.entries(found.facts.NetworkSettings.Networks)) {
    ev.expect(
      !(await ctx.probeFrom(outsider.name, endpoint.IPAddress, ctx.profile.appPort)),
      `the outsider on ${outsider.network} cannot reach ${found.actual} at its address on ${network}, ${endpoint.IPAddress}:${ctx.profile.appPort}`,
    );
  }
}

/**
 * What a dedicated network does not cover: the sandboxes stay on the default bridge and
 * their ports are published on a host address, which every container reaches through
 * its own gateway. The claim states that scope, so it must hold.
 */
export const sandboxPortsReachableFromOtherNetworks = onContainer<'sandbox-ports-reachable-from-other-networks'>(async (claim, ctx, found, ev) => {
  const created = await firstSandbox(ctx, found.actual, ev);
  if (isResult(created)) return created;
  const sandbox = created.Name.replace(/^\//, '');
  ev.see(`${sandbox} is on ${Object.keys(created.NetworkSettings.Networks).join(', ')}`);
  const outsider = await ctx.outsider();
  for (const port of servicePorts(ctx, created)) {
    if (!(await listeningInside(ctx, sandbox, port.containerPort, ev))) continue;
    const address = port.HostIp === '0.0.0.0' || port.HostIp === '' ? outsider.gateway : port.HostIp;
    ev.expect(
      await ctx.probeFrom(outsider.name, address, Number(port.HostPort)),
      `a container on another network (${outsider.network}) reaches the sandbox port at ${address}:${port.HostPort}`,
    );
  }
});
