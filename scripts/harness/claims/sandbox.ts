import { engineAtLeast, Evidence, eventually, isResult, listeningInside, notVerifiable, onContainer, sandboxReports, type ClaimContext, type ClaimResult, type ContainerFacts } from './context';

const SANDBOX_WAIT_MS = 30_000;

export function envOf(facts: ContainerFacts, name: string): string | undefined {
  const entry = (facts.Config.Env ?? []).find((e) => e.startsWith(`${name}=`));
  return entry?.slice(name.length + 1);
}

/** How often, while waiting for a sandbox, the stand-in app's own status is read. */
const STATUS_EVERY = 4;

/**
 * The app starts its sandbox after it starts serving; give it time, as a reader would. A
 * stand-in app whose status reports that its attempt failed (the Docker API's answer) starts
 * none later: the 0.33 stand-in tries once at start, the 1.x one once per request. Waiting
 * out the rest of the time would only delay the same result (on rootless Docker, where the
 * socket is elsewhere, that was most of the run). A real app has no status: it gets the time.
 */
async function waitForSandboxes(ctx: ClaimContext, app: string): Promise<ContainerFacts[]> {
  const published = async () => (await ctx.sandboxesOf(app)).filter((s) => Object.keys(s.HostConfig.PortBindings ?? {}).length > 0);
  const deadline = Date.now() + SANDBOX_WAIT_MS;
  for (let round = 1; ; round++) {
    const found = await published();
    if (found.length > 0 || Date.now() > deadline) return found;
    // Read after the failure is reported, in case the sandbox came in between.
    if (round % STATUS_EVERY === 0 && (await ctx.standInStatus(app))?.error) return published();
    await new Promise((r) => setTimeout(r, 500));
  }
}

const START_SANDBOX = 'POST /api/v1/sandboxes HTTP/1.0\r\nContent-Length: 0\r\n\r\n';

/**
 * The app's first sandbox, given time to appear; a result of its own when there is none.
 * A version whose app starts sandboxes on request (1.x: POST /api/v1/sandboxes, no LLM
 * needed) is asked for one first, from its own network as the reader's browser asks it.
 */
export async function firstSandbox(ctx: ClaimContext, app: string, ev: Evidence): Promise<ContainerFacts | ClaimResult> {
  if (ctx.profile.sandboxStart === 'on-request' && (await ctx.sandboxesOf(app)).length === 0) {
    // As a reader's browser would, once the app answers (it may still be starting on a busy machine).
    let reply: string | undefined;
    await eventually(async () => /^HTTP\/1\.[01] \d{3}/.test((reply = await ctx.httpFrom(app, '127.0.0.1', ctx.profile.appPort, START_SANDBOX)) ?? ''));
    ev.see(`POST /api/v1/sandboxes to ${app} answers ${reply?.split('\r\n')[0] ?? '(nothing)'}`);
  }
  const sandboxes = await waitForSandboxes(ctx, app);
  if (sandboxes.length === 0 && ctx.profile.sandboxStart === 'at-start' && ctx.imageSource(ctx.profile.appImage) === 'real') {
    return notVerifiable('real-app-sandbox-needs-conversation');
  }
  if (!ev.expect(sandboxes.length > 0, `the app created a sandbox container with published ports within ${SANDBOX_WAIT_MS / 1000}s (or before its status reported a failure)`)) {
    // Why not, in the app's own words: the stand-in reports the Docker API's answer.
    ev.see(`app status: ${JSON.stringify((await ctx.standInStatus(app)) ?? null)}`);
  }
  return sandboxes[0] ?? ev.result();
}

export function publishedPorts(facts: ContainerFacts) {
  return Object.entries(facts.HostConfig.PortBindings ?? {}).flatMap(([key, b]) =>
    (b ?? []).map((binding) => ({ ...binding, containerPort: Number.parseInt(key, 10) })),
  );
}

/** The published ports a sandbox serves on (the version's profile says which). */
export function servicePorts(ctx: ClaimContext, facts: ContainerFacts) {
  const serving = ctx.profile.sandboxServicePorts;
  return publishedPorts(facts).filter((p) => !serving || serving.includes(p.containerPort));
}

/** A name as a container resolves it: its own /etc/hosts (from --add-host). */
export async function resolveIn(ctx: ClaimContext, container: string, name: string): Promise<string | undefined> {
  const hosts = await ctx.exec(container, ['cat', '/etc/hosts']);
  const line = hosts?.split('\n').find((l) => l.trim().split(/\s+/).slice(1).includes(name));
  return line?.trim().split(/\s+/)[0];
}

/** host.docker.internal as the app resolves it. */
const hostGatewayOf = (ctx: ClaimContext, app: string) => resolveIn(ctx, app, 'host.docker.internal');

/** Where the version publishes sandbox ports: its binding variable (or default), or every interface. */
function expectedSandboxHostIps(ctx: ClaimContext, app: ContainerFacts): { ips: readonly string[]; why: string } {
  const binding = ctx.profile.sandboxBinding;
  if (binding === 'all-interfaces' || binding === 'no-sandbox') return { ips: ['', '0.0.0.0'], why: 'every interface: the version reads no binding address' };
  const value = envOf(app, binding.variable) ?? binding.default;
  return { ips: [value], why: `${binding.variable} = ${value}` };
}

export const sandboxReachable = onContainer<'sandbox-reachable'>(async (claim, ctx, found, ev) => {
  const sandbox = await firstSandbox(ctx, found.actual, ev);
  if (isResult(sandbox)) return sandbox;
  const expected = expectedSandboxHostIps(ctx, found.facts);
  const ports = publishedPorts(sandbox);
  ev.expect(
    ports.every((p) => expected.ips.includes(p.HostIp)),
    `${sandbox.Name.replace(/^\//, '')} publishes ${ports.map((p) => `${p.HostIp || '*'}:${p.HostPort}`).join(', ')}; expected ${expected.why}`,
  );
  const gateway = await hostGatewayOf(ctx, found.actual);
  if (!ev.expect(gateway !== undefined, `host.docker.internal resolves in the app to ${gateway ?? '(nothing)'}`)) return ev.result();
  for (const port of servicePorts(ctx, sandbox)) {
    ev.expect(
      await eventually(() => ctx.probeFrom(found.actual, gateway!, Number(port.HostPort))),
      `from the app's network, host.docker.internal (${gateway}):${port.HostPort} answers`,
    );
  }
  if (ctx.imageSource(ctx.profile.appImage) !== 'stand-in') return;
  let reports = sandboxReports(await ctx.standInStatus(found.actual));
  await eventually(async () => (reports = sandboxReports(await ctx.standInStatus(found.actual))).some((r) => r.reached !== undefined && r.reached !== null));
  ev.see(`the app's reports of its sandboxes: ${JSON.stringify(reports)}`);
  ev.expect(reports.some((r) => r.reached === true), 'the app reports it reached its sandbox');
});

/**
 * Rootless Docker: the app starts its sandbox through the socket, yet the two do not meet.
 * Inside RootlessKit's network namespace the engine binds published ports (and their DNAT)
 * on a loopback address, not on the host address asked for (moby@b985e231
 * daemon/libnetwork/internal/rlkclient/rootlesskit_client_linux.go:96-125), so nothing
 * answers at the bridge gateway host.docker.internal names. A refusal proves that only
 * once the sandbox is known to listen inside its own namespace: that is checked first.
 */
export const sandboxUnreachable = onContainer<'sandbox-unreachable'>(async (claim, ctx, found, ev) => {
  const created = await firstSandbox(ctx, found.actual, ev);
  if (isResult(created)) return created;
  const sandbox = created.Name.replace(/^\//, '');
  const gateway = await hostGatewayOf(ctx, found.actual);
  if (!ev.expect(gateway !== undefined, `host.docker.internal resolves in the app to ${gateway ?? '(nothing)'}`)) return ev.result();
  const ports = servicePorts(ctx, created);
  if (!ev.expect(ports.length > 0, `${sandbox} publishes ${ports.length} service port(s)`)) return ev.result();
  for (const port of ports) {
    if (!(await listeningInside(ctx, sandbox, port.containerPort, ev))) continue;
    ev.expect(
      !(await ctx.probeFrom(found.actual, gateway!, Number(port.HostPort))),
      `from the app's network, host.docker.internal (${gateway}):${port.HostPort} does not answer`,
    );
  }
  if (ctx.imageSource(ctx.profile.appImage) !== 'stand-in') return;
  // The stand-in's own attempt (src/snippets/versions/<v>/stand-ins): it reports what it saw.
  let reports = sandboxReports(await ctx.standInStatus(found.actual));
  await eventually(async () => (reports = sandboxReports(await ctx.standInStatus(found.actual))).some((r) => r.reached !== undefined && r.reached !== null));
  ev.see(`the app's reports of its sandboxes: ${JSON.stringify(reports)}`);
  ev.expect(reports.length > 0 && reports.every((r) => r.reached === false), 'the app reports it did not reach its sandbox');
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
export const bridgeGuardBlocksLan = onContainer<'bridge-guard-blocks-lan'>((claim, ctx, found, ev) => bridgeGuard(ctx, found, ev));

/**
 * The same rule where the app itself is published on the bridge gateway and runs on a network
 * of its own (1.x's network isolation): Docker forwards that port to the app's network, past a
 * DOCKER-USER rule for docker0, while the raw-table rule drops the packet before any of that.
 */
export const bridgeGuardBlocksLanApp = onContainer<'bridge-guard-blocks-lan-app'>((claim, ctx, found, ev) => bridgeGuard(ctx, found, ev, claim.port));

async function bridgeGuard(ctx: ClaimContext, found: { actual: string; facts: ContainerFacts }, ev: Evidence, appPort?: number): Promise<ClaimResult | void> {
  if (!ctx.lan) return notVerifiable('no-lan-namespace');
  const created = await firstSandbox(ctx, found.actual, ev);
  if (isResult(created)) return created;
  const sandbox = created.Name.replace(/^\//, '');
  const lan = ctx.lan;
  const own = Object.values(created.NetworkSettings.Networks)[0]?.IPAddress;
  const gateway = await hostGatewayOf(ctx, found.actual);
  ev.expect(await ctx.firewall.present(), 'the rule from the page is in the raw table');
  const targets: { address: string; port: number; via: 'host' | 'container' }[] = [];
  if (appPort !== undefined) {
    const onGateway = (found.facts.HostConfig.PortBindings?.[`${appPort}/tcp`] ?? []).find((b) => gateway !== undefined && b.HostIp === gateway);
    if (ev.expect(onGateway !== undefined, `${found.actual} publishes port ${appPort} on the bridge gateway ${gateway ?? '(unresolved)'}`) && (await listeningInside(ctx, found.actual, appPort, ev))) {
      targets.push({ address: gateway!, port: Number(onGateway!.HostPort), via: 'host' });
      // Routed to the app's own address on its network: Engine < 28 forwards that too (the page's second rule).
      const appAddress = Object.values(found.facts.NetworkSettings.Networks)[0]?.IPAddress;
      if (appAddress) targets.push({ address: appAddress, port: appPort, via: 'container' });
      ev.expect(
        await eventually(() => ctx.probeFrom(sandbox, gateway!, Number(onGateway!.HostPort))),
        `with the rule, the sandbox still reaches the app at host.docker.internal (${gateway}):${onGateway!.HostPort}`,
      );
    }
  }
  // The ports the sandbox serves on (1.x's 8001/8011/8012 serve nothing until used).
  for (const port of servicePorts(ctx, created)) {
    if (!(await listeningInside(ctx, sandbox, port.containerPort, ev))) continue;
    // Published on every interface (1.x): the neighbour tries the bridge gateway, which is one of them.
    const hostAddress = port.HostIp === '' || port.HostIp === '0.0.0.0' ? gateway : port.HostIp;
    if (hostAddress) targets.push({ address: hostAddress, port: Number(port.HostPort), via: 'host' });
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
    ev.expect(!(await reach(target)), `with the rule, a host routing Docker's subnets via this machine is refused at ${target.address}:${target.port}`);
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
}

const DIRECT_ACCESS_FIX_MAJOR = 28;

/**
 * The other side of sandbox-ports-not-on-lan: a version that publishes sandbox ports on
 * every interface (1.x: docker_sandbox_service.py, no HostIp) lets another host on the
 * LAN reach them at this machine's own address.
 */
export const sandboxPortsOnLan = onContainer<'sandbox-ports-on-lan'>(async (claim, ctx, found, ev) => {
  if (!ctx.lan) return notVerifiable('no-lan-namespace');
  const created = await firstSandbox(ctx, found.actual, ev);
  if (isResult(created)) return created;
  const sandbox = created.Name.replace(/^\//, '');
  for (const port of servicePorts(ctx, created)) {
    if (!(await listeningInside(ctx, sandbox, port.containerPort, ev))) continue;
    ev.see(`${sandbox} publishes ${port.containerPort} on ${port.HostIp || 'every interface'}:${port.HostPort}`);
    ev.expect(
      await ctx.lan.probe(ctx.lan.hostAddress, Number(port.HostPort)),
      `another host on the LAN reaches the sandbox at this machine's address ${ctx.lan.hostAddress}:${port.HostPort}`,
    );
  }
});

/**
 * The sandbox's callback to the app (1.x: OH_WEBHOOKS_0_BASE_URL =
 * http://host.docker.internal:<SANDBOX_HOST_PORT>/api/v1/webhooks, docker_sandbox_service.py),
 * tried from the sandbox's own network once the app listens inside its own namespace (so a
 * refusal is the network's doing, not an app still starting): the first status line, or
 * undefined when nothing answered; a claim result of its own when it could not be tried.
 */
async function callBack(ctx: ClaimContext, app: string, ev: Evidence): Promise<{ sandbox: string; target: string; reply: string | undefined } | ClaimResult | void> {
  const created = await firstSandbox(ctx, app, ev);
  if (isResult(created)) return created;
  const sandbox = created.Name.replace(/^\//, '');
  const webhook = envOf(created, 'OH_WEBHOOKS_0_BASE_URL');
  if (!ev.expect(webhook !== undefined, `${sandbox} has OH_WEBHOOKS_0_BASE_URL = ${webhook ?? '(unset)'}`)) return;
  const url = new URL(webhook!);
  const address = /^[\d.]+$/.test(url.hostname) ? url.hostname : await resolveIn(ctx, sandbox, url.hostname);
  if (!ev.expect(address !== undefined, `${url.hostname} resolves in the sandbox to ${address ?? '(nothing)'}`)) return;
  const port = Number(url.port || 80);
  if (!(await listeningInside(ctx, app, ctx.profile.appPort, ev))) return;
  const reply = await ctx.httpFrom(sandbox, address!, port, `GET ${url.pathname} HTTP/1.0\r\n\r\n`);
  const status = reply !== undefined && /^HTTP\/1\.[01] \d{3}/.test(reply) ? reply.split('\r\n')[0] : undefined;
  return { sandbox, target: `${url.hostname} (${address}):${port}`, reply: status };
}

const isCallBack = (value: Awaited<ReturnType<typeof callBack>>): value is { sandbox: string; target: string; reply: string | undefined } =>
  value !== undefined && 'target' in value;

/** From inside the sandbox, the callback address the app gave it answers HTTP. */
export const sandboxCallsBackApp = onContainer<'sandbox-calls-back-app'>(async (claim, ctx, found, ev) => {
  const tried = await callBack(ctx, found.actual, ev);
  if (!isCallBack(tried)) return tried;
  ev.expect(tried.reply !== undefined, `from ${tried.sandbox}, ${tried.target} answers HTTP: ${tried.reply ?? '(no answer)'}`);
});

/**
 * The other direction of sandboxUnreachable: the sandbox's callback to the app finds nothing
 * at host.docker.internal:<app port> (the app's published port is bound on loopback inside
 * RootlessKit's namespace, same source).
 */
export const sandboxCallbackUnanswered = onContainer<'sandbox-callback-unanswered'>(async (claim, ctx, found, ev) => {
  const tried = await callBack(ctx, found.actual, ev);
  if (!isCallBack(tried)) return tried;
  ev.expect(tried.reply === undefined, `from ${tried.sandbox}, ${tried.target} gives no HTTP answer${tried.reply ? `: ${tried.reply}` : ''}`);
});

/**
 * What a setting of another version does here: an app of the same image, started with it,
 * publishes its sandbox ports just the same, on every interface. Checked with an app the
 * checker starts itself, so the page's own commands never carry a variable the version does
 * not read.
 */
export const settingIgnored = onContainer<'setting-ignored'>(async (claim, ctx, found, ev) => {
  const before = new Set((await ctx.sessionSandboxes()).map((s) => s.Name));
  // The value the 0.33 pages give it: the bridge gateway, as host.docker.internal resolves on this engine.
  const value = await hostGatewayOf(ctx, found.actual);
  if (!ev.expect(value !== undefined, `host.docker.internal resolves in the app to ${value ?? '(nothing)'}`)) return;
  const clone = await ctx.startContainer([
    '-v', '/var/run/docker.sock:/var/run/docker.sock', '--add-host', 'host.docker.internal:host-gateway',
    '-e', `${claim.variable}=${value}`, found.facts.Config.Image,
  ]);
  try {
    if (!(await listeningInside(ctx, clone, ctx.profile.appPort, ev))) return;
    const reply = await ctx.httpFrom(clone, '127.0.0.1', ctx.profile.appPort, START_SANDBOX);
    ev.see(`an app started by the check with ${claim.variable}=${value} answers POST /api/v1/sandboxes: ${reply?.split('\r\n')[0] ?? '(nothing)'}`);
    let created: ContainerFacts | undefined;
    await eventually(async () => (created = (await ctx.sessionSandboxes()).find((s) => !before.has(s.Name))) !== undefined);
    if (!ev.expect(created !== undefined, 'it started a sandbox')) return;
    const ports = publishedPorts(created!);
    ev.expect(
      ports.length > 0 && ports.every((p) => p.HostIp !== value && (p.HostIp === '' || p.HostIp === '0.0.0.0')),
      `its sandbox publishes ${ports.map((p) => `${p.HostIp || 'every interface'}:${p.HostPort}`).join(', ')}: not on ${value}`,
    );
    if (ctx.lan) {
      const sandbox = created!.Name.replace(/^\//, '');
      for (const port of servicePorts(ctx, created!)) {
        if (!(await listeningInside(ctx, sandbox, port.containerPort, ev))) continue;
        ev.expect(await ctx.lan.probe(ctx.lan.hostAddress, Number(port.HostPort)), `another host on the LAN reaches it at ${ctx.lan.hostAddress}:${port.HostPort}`);
      }
    }
  } finally {
    await ctx.removeContainer(clone);
  }
});

/** Who the agent is in the sandbox: every sandbox process has this uid. */
export const sandboxRunsAs = onContainer<'sandbox-runs-as'>(async (claim, ctx, found, ev) => {
  const created = await firstSandbox(ctx, found.actual, ev);
  if (isResult(created)) return created;
  const sandbox = created.Name.replace(/^\//, '');
  ev.see(`${sandbox}: Config.User = "${created.Config.User}"`);
  let processes: { uid: number; args: string }[] = [];
  await eventually(async () => (processes = (await ctx.processes(sandbox)).filter((p) => !/^(\S*\/)?(tini|docker-init)(\s|$)/.test(p.args))).length > 0);
  ev.expect(processes.length > 0, `${sandbox} has running processes`);
  for (const p of processes) ev.expect(p.uid === claim.uid, `process "${p.args}" runs as uid ${p.uid}, expected ${claim.uid}`);
});

/**
 * The 1.x rule in Docker's DOCKER-USER chain: no new connection from the reader's network
 * interface into the default bridge. With it, another host on the LAN reaches neither the
 * sandbox ports (published on every interface) nor what the app publishes on the bridge
 * address; the app still reaches its sandbox and the sandbox still calls the app back.
 * Without it (removed at the end), the host gets in again.
 */
export const dockerUserGuardBlocksLan = onContainer<'docker-user-guard-blocks-lan'>(async (claim, ctx, found, ev) => {
  if (!ctx.lan) return notVerifiable('no-lan-namespace');
  const lan = ctx.lan;
  const created = await firstSandbox(ctx, found.actual, ev);
  if (isResult(created)) return created;
  const sandbox = created.Name.replace(/^\//, '');
  ev.expect(await ctx.firewall.present(), 'the rule from the page is in the DOCKER-USER chain');
  const targets: { address: string; port: number }[] = [];
  for (const port of servicePorts(ctx, created)) {
    if (!(await listeningInside(ctx, sandbox, port.containerPort, ev))) continue;
    targets.push({ address: lan.hostAddress, port: Number(port.HostPort) });
  }
  for (const binding of publishedPorts(found.facts)) {
    if (binding.HostIp && !binding.HostIp.startsWith('127.') && binding.HostIp !== '0.0.0.0') targets.push({ address: binding.HostIp, port: Number(binding.HostPort) });
  }
  if (!(await listeningInside(ctx, found.actual, ctx.profile.appPort, ev))) return;
  for (const target of targets) {
    ev.expect(!(await lan.probe(target.address, target.port)), `with the rule, another host on the LAN is refused at ${target.address}:${target.port}`);
  }
  const gateway = await hostGatewayOf(ctx, found.actual);
  for (const port of servicePorts(ctx, created)) {
    ev.expect(!!gateway && (await eventually(() => ctx.probeFrom(found.actual, gateway, Number(port.HostPort)))), `with the rule, the app still reaches its sandbox at host.docker.internal (${gateway}):${port.HostPort}`);
  }
  const webhook = envOf(created, 'OH_WEBHOOKS_0_BASE_URL');
  if (webhook) {
    const url = new URL(webhook);
    const address = await resolveIn(ctx, sandbox, url.hostname);
    const reply = address ? await ctx.httpFrom(sandbox, address, Number(url.port || 80), `GET ${url.pathname} HTTP/1.0\r\n\r\n`) : undefined;
    ev.expect(/^HTTP\/1\.[01] \d{3}/.test(reply ?? ''), `with the rule, the sandbox still calls the app back at ${url.host}`);
  }
  await ctx.firewall.remove();
  for (const target of targets) {
    ev.expect(await lan.probe(target.address, target.port), `without the rule, the same host reaches ${target.address}:${target.port}: the rule is what closes it`);
  }
});

/**
 * What the app's sandboxes get whatever the app's own limits: 1.x creates them with no
 * mem_limit, nano_cpus or pids_limit (docker_sandbox_service.py start_sandbox at R1.11).
 */
export const sandboxUnlimited = onContainer<'sandbox-unlimited'>(async (claim, ctx, found, ev) => {
  const created = await firstSandbox(ctx, found.actual, ev);
  if (isResult(created)) return created;
  const host = created.HostConfig;
  ev.see(`${found.actual}: HostConfig.Memory = ${found.facts.HostConfig.Memory}, NanoCpus = ${found.facts.HostConfig.NanoCpus}`);
  ev.expect(host.Memory === 0, `${created.Name.replace(/^\//, '')}: HostConfig.Memory = ${host.Memory}, expected 0 (no limit)`);
  ev.expect(host.NanoCpus === 0 && (host.CpuQuota ?? 0) === 0, `HostConfig.NanoCpus = ${host.NanoCpus}, CpuQuota = ${host.CpuQuota ?? 0}, expected 0 (no limit)`);
  ev.expect((host.PidsLimit ?? 0) <= 0, `HostConfig.PidsLimit = ${host.PidsLimit ?? 'null'}, expected none`);
});
