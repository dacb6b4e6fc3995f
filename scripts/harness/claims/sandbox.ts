import { engineAtLeast, Evidence, eventually, isResult, listeningInside, notVerifiable, onContainer, type ClaimContext, type ClaimResult, type ContainerFacts } from './context';

const SANDBOX_WAIT_MS = 30_000;

export function envOf(facts: ContainerFacts, name: string): string | undefined {
  const entry = (facts.Config.Env ?? []).find((e) => e.startsWith(`${name}=`));
  return entry?.slice(name.length + 1);
}

/** The app starts its sandbox after it starts serving; give it time, as a reader would. */
async function waitForSandboxes(ctx: ClaimContext, app: string): Promise<ContainerFacts[]> {
  const deadline = Date.now() + SANDBOX_WAIT_MS;
  for (;;) {
    const found = (await ctx.sandboxesOf(app)).filter((s) => Object.keys(s.HostConfig.PortBindings ?? {}).length > 0);
    if (found.length > 0 || Date.now() > deadline) return found;
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** The app's first sandbox, given time to appear; a result of its own when there is none. */
export async function firstSandbox(ctx: ClaimContext, app: string, ev: Evidence): Promise<ContainerFacts | ClaimResult> {
  const sandboxes = await waitForSandboxes(ctx, app);
  if (sandboxes.length === 0 && ctx.imageSource(ctx.profile.appImage) === 'real') return notVerifiable('real-app-sandbox-needs-conversation');
  if (!ev.expect(sandboxes.length > 0, `the app created a sandbox runtime container with published ports within ${SANDBOX_WAIT_MS / 1000}s`)) {
    // Why not, in the app's own words: the stand-in reports the Docker API's answer.
    ev.see(`app status: ${JSON.stringify((await ctx.modelStatus(app)) ?? null)}`);
  }
  return sandboxes[0] ?? ev.result();
}

export function publishedPorts(facts: ContainerFacts) {
  return Object.entries(facts.HostConfig.PortBindings ?? {}).flatMap(([key, b]) =>
    (b ?? []).map((binding) => ({ ...binding, containerPort: Number.parseInt(key, 10) })),
  );
}

/** host.docker.internal as the app resolves it: its own /etc/hosts (from --add-host). */
async function hostGatewayOf(ctx: ClaimContext, app: string): Promise<string | undefined> {
  const hosts = await ctx.exec(app, ['cat', '/etc/hosts']);
  const line = hosts?.split('\n').find((l) => l.trim().split(/\s+/).slice(1).includes('host.docker.internal'));
  return line?.trim().split(/\s+/)[0];
}

export const sandboxReachable = onContainer<'sandbox-reachable'>(async (claim, ctx, found, ev) => {
  const sandbox = await firstSandbox(ctx, found.actual, ev);
  if (isResult(sandbox)) return sandbox;
  const binding = envOf(found.facts, 'SANDBOX_RUNTIME_BINDING_ADDRESS') ?? '0.0.0.0';
  const ports = publishedPorts(sandbox);
  ev.expect(
    ports.every((p) => p.HostIp === binding),
    `${sandbox.Name.replace(/^\//, '')} publishes ${ports.map((p) => `${p.HostIp}:${p.HostPort}`).join(', ')}; HostIp must be SANDBOX_RUNTIME_BINDING_ADDRESS = ${binding}`,
  );
  const gateway = await hostGatewayOf(ctx, found.actual);
  if (!ev.expect(gateway !== undefined, `host.docker.internal resolves in the app to ${gateway ?? '(nothing)'}`)) return ev.result();
  for (const port of ports) {
    ev.expect(
      await eventually(() => ctx.probeFrom(found.actual, gateway!, Number(port.HostPort))),
      `from the app's network, host.docker.internal (${gateway}):${port.HostPort} answers`,
    );
  }
  let status = await ctx.modelStatus(found.actual);
  if (ctx.imageSource(ctx.profile.appImage) === 'model') {
    await eventually(async () => (status = await ctx.modelStatus(found.actual))?.runtime?.reached !== undefined);
    ev.see(`app status: ${JSON.stringify(status ?? null)}`);
  }
  if (status) ev.expect(status.runtime?.reached === true, `the app reports it reached its runtime at ${status.runtime?.url ?? '(no url)'}`);
});

export const sandboxPortsNotOnLan = onContainer<'sandbox-ports-not-on-lan'>(async (claim, ctx, found, ev) => {
  if (!ctx.lan) return notVerifiable('no-lan-namespace');
  const created = await firstSandbox(ctx, found.actual, ev);
  if (isResult(created)) return created;
  const sandbox = created.Name.replace(/^\//, '');
  for (const port of publishedPorts(created)) {
    if (!(await listeningInside(ctx, sandbox, port.containerPort, ev))) continue;
    const address = port.HostIp === '0.0.0.0' || port.HostIp === '' ? '127.0.0.1' : port.HostIp;
    ev.expect(await ctx.probeLocal(address, Number(port.HostPort)), `the sandbox port answers on this machine at ${address}:${port.HostPort}`);
    ev.expect(
      !(await ctx.lan.probe(ctx.lan.hostAddress, Number(port.HostPort))),
      `another host on the LAN is refused at ${ctx.lan.hostAddress}:${port.HostPort}`,
    );
    // The neighbour's default route is this machine, as it would be for a neighbour that
    // routes the bridge network here: the page warns that such a host still gets in.
    if (port.HostIp !== '0.0.0.0' && port.HostIp !== '' && !port.HostIp.startsWith('127.')) {
      ev.expect(
        await ctx.lan.probe(port.HostIp, Number(port.HostPort)),
        `another host routing ${port.HostIp} via this machine reaches ${port.HostIp}:${port.HostPort}, as the page warns`,
      );
    }
  }
});

/**
 * The page's raw-table rule against a neighbour that routes the bridge subnet through
 * this machine: with it, neither the bridge address nor the sandbox's own address
 * answers that neighbour, while the app still reaches its sandbox. Then the rule is
 * removed and the neighbour must get in again: otherwise the rule proved nothing.
 */
export const bridgeGuardBlocksLan = onContainer<'bridge-guard-blocks-lan'>(async (claim, ctx, found, ev) => {
  if (!ctx.lan) return notVerifiable('no-lan-namespace');
  const created = await firstSandbox(ctx, found.actual, ev);
  if (isResult(created)) return created;
  const sandbox = created.Name.replace(/^\//, '');
  const lan = ctx.lan;
  const own = Object.values(created.NetworkSettings.Networks)[0]?.IPAddress;
  const gateway = await hostGatewayOf(ctx, found.actual);
  ev.expect(await ctx.firewall.present(), 'the rule from the page is in the raw table');
  const targets: { address: string; port: number; via: 'host' | 'container' }[] = [];
  for (const port of publishedPorts(created)) {
    if (!(await listeningInside(ctx, sandbox, port.containerPort, ev))) continue;
    targets.push({ address: port.HostIp, port: Number(port.HostPort), via: 'host' });
    if (own) targets.push({ address: own, port: port.containerPort, via: 'container' });
    if (gateway) {
      ev.expect(
        await eventually(() => ctx.probeFrom(found.actual, gateway, Number(port.HostPort))),
        `with the rule, the app still reaches its sandbox at host.docker.internal (${gateway}):${port.HostPort}`,
      );
    }
  }
  const reach = (t: (typeof targets)[number]) => (t.via === 'host' ? lan.probe(t.address, t.port) : lan.probeContainer(t.address, t.port));
  for (const target of targets) {
    ev.expect(!(await reach(target)), `with the rule, a host routing the bridge subnet via this machine is refused at ${target.address}:${target.port}`);
  }
  await ctx.firewall.remove();
  for (const target of targets) {
    // Engine 28.0.0 drops direct access to container addresses itself (moby PR #49325,
    // port_mapping_linux.go filterDirectAccess); the bridge address it leaves open.
    if (target.via === 'container' && engineAtLeast(ctx.engineVersion, DIRECT_ACCESS_FIX_MAJOR)) {
      ev.expect(!(await reach(target)), `without the rule, Engine ${ctx.engineVersion} itself refuses the same host at ${target.address}:${target.port}`);
    } else {
      ev.expect(await reach(target), `without the rule, the same host reaches ${target.address}:${target.port}: the rule is what closes it`);
    }
  }
});

const DIRECT_ACCESS_FIX_MAJOR = 28;
