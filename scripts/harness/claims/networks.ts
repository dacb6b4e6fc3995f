import { Evidence, onContainer, type Checker } from './context';

export const networks = onContainer<'networks'>(async (claim, ctx, found, ev) => {
  const expected = claim.networks.map((n) => ctx.networkName(n)).sort();
  const actual = Object.keys(found.facts.NetworkSettings.Networks).sort();
  ev.expect(JSON.stringify(actual) === JSON.stringify(expected), `NetworkSettings.Networks = ${actual.join(', ') || '(none)'}, expected ${expected.join(', ')}`);
  ev.expect(expected.includes(found.facts.HostConfig.NetworkMode), `HostConfig.NetworkMode = ${found.facts.HostConfig.NetworkMode}`);
});

export const networkExists: Checker<'network-exists'> = async (claim, ctx) => {
  const actual = ctx.networkName(claim.network);
  const facts = await ctx.inspectNetwork(actual);
  const ev = new Evidence();
  ev.expect(facts?.Driver === 'bridge', `network ${actual} (documented as ${claim.network}) has driver ${facts?.Driver ?? '(missing)'}, expected bridge`);
  return ev.result();
};

export const isolatedFromOtherNetworks = onContainer<'isolated-from-other-networks'>(async (claim, ctx, found, ev) => {
  const outsider = await ctx.outsider();
  // The positive control proves the outsider answers, so a refusal below means isolation.
  ev.expect(
    await ctx.probeFrom(outsider.name, outsider.address, outsider.port),
    `the outsider ${outsider.address}:${outsider.port} on ${outsider.network} answers on its own network`,
  );
  ev.expect(
    !(await ctx.probeFrom(found.actual, outsider.address, outsider.port)),
    `${found.actual} cannot reach ${outsider.address}:${outsider.port} on ${outsider.network}`,
  );
});
