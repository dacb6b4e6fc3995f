import { Evidence, eventually, isResult, onContainer, requireContainer, type Checker, type ClaimContext, type ClaimResult, type ContainerFacts, type FoundContainer } from './context';
import { envOf } from './sandbox';

const SOCKET = '/var/run/docker.sock';
const socketMounts = (facts: ContainerFacts) => facts.Mounts.filter((m) => m.Destination === SOCKET || m.Source === SOCKET);

export const noDockerSocket = onContainer<'no-docker-socket'>(async (claim, ctx, found, ev) => {
  ev.expect(socketMounts(found.facts).length === 0, `Mounts of ${found.actual} include no ${SOCKET}: ${JSON.stringify(found.facts.Mounts.map((m) => m.Destination))}`);
});

export const dockerApiViaProxy = onContainer<'docker-api-via-proxy'>(async (claim, ctx, app, ev) => {
  const proxy = await requireContainer(ctx, claim.proxy);
  if (isResult(proxy)) return proxy;
  const expectedHost = `tcp://${proxy.actual}:2375`;
  ev.expect(envOf(app.facts, 'DOCKER_HOST') === expectedHost, `DOCKER_HOST in ${app.actual} = ${envOf(app.facts, 'DOCKER_HOST') ?? '(unset)'}, expected ${expectedHost}`);
  ev.expect(socketMounts(app.facts).length === 0, `${app.actual} has no ${SOCKET} mounted`);
  ev.expect(socketMounts(proxy.facts).length === 1, `${proxy.actual} has ${SOCKET} mounted`);
  const shared = Object.entries(proxy.facts.NetworkSettings.Networks).find(([name]) => name in app.facts.NetworkSettings.Networks);
  if (ev.expect(shared !== undefined, `${app.actual} and ${proxy.actual} share a network (${shared?.[0] ?? 'none'})`)) {
    const address = shared![1].IPAddress;
    const reply = await ctx.httpFrom(app.actual, address, 2375, 'GET /version HTTP/1.0\r\n\r\n');
    ev.expect(/^HTTP\/1\.[01] 200/.test(reply ?? ''), `from the app's network, GET /version at ${address}:2375 answers ${reply?.split('\r\n')[0] ?? '(nothing)'}`);
  }
});

/**
 * The sections a request exercises, and the variable that opens each in
 * Tecnativa/docker-socket-proxy v0.4.1 (haproxy.cfg; defaults in its Dockerfile: EVENTS,
 * PING and VERSION on, the rest off). `/exec/{id}/start` is how an exec runs: creating one
 * (`POST /containers/{id}/exec`) is part of CONTAINERS.
 */
const SECTION_PROBES = [
  { variable: 'CONTAINERS', request: 'GET /v1.41/containers/json HTTP/1.0\r\n\r\n', shown: 'GET /v1.41/containers/json' },
  { variable: 'IMAGES', request: 'GET /v1.41/images/json HTTP/1.0\r\n\r\n', shown: 'GET /v1.41/images/json' },
  { variable: 'INFO', request: 'GET /v1.41/info HTTP/1.0\r\n\r\n', shown: 'GET /v1.41/info' },
  { variable: 'NETWORKS', request: 'GET /v1.41/networks HTTP/1.0\r\n\r\n', shown: 'GET /v1.41/networks' },
  { variable: 'VOLUMES', request: 'GET /v1.41/volumes HTTP/1.0\r\n\r\n', shown: 'GET /v1.41/volumes' },
  { variable: 'EXEC', request: 'POST /v1.41/exec/0000/start HTTP/1.0\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}', shown: 'POST /v1.41/exec/0000/start' },
] as const;
const ON_BY_DEFAULT = new Set(['EVENTS', 'PING', 'VERSION']);

/** The proxy's address on a network it shares with a client, and the client container. */
async function proxyEndpoint(ctx: ClaimContext, proxy: FoundContainer): Promise<{ client: string; address: string } | ClaimResult> {
  const clients = (await Promise.all(DOCUMENTED_CLIENTS.map((name) => ctx.inspect(ctx.containerName(name))))).filter(
    (facts): facts is NonNullable<typeof facts> => facts !== undefined && facts.Name.replace(/^\//, '') !== proxy.actual,
  );
  for (const client of clients) {
    const shared = Object.entries(proxy.facts.NetworkSettings.Networks).find(([name]) => name in client.NetworkSettings.Networks);
    if (shared) return { client: client.Name.replace(/^\//, ''), address: shared[1].IPAddress };
  }
  return { status: 'failed', evidence: [], reason: `no container of the snippet shares a network with ${proxy.actual}` };
}
const DOCUMENTED_CLIENTS = ['openhands-app'] as const;

const statusLine = (reply: string | undefined) => reply?.split('\r\n')[0] ?? '(nothing)';

/**
 * Asked from the client's network, as the app asks: each section answers as the proxy's
 * own variables say, 200 (or the engine's own error) when on, 403 from the proxy when off.
 */
export const proxyDeniesUnlistedSections: Checker<'proxy-denies-unlisted-sections'> = async (claim, ctx) => {
  const proxy = await requireContainer(ctx, claim.proxy);
  if (isResult(proxy)) return proxy;
  const endpoint = await proxyEndpoint(ctx, proxy);
  if (isResult(endpoint)) return endpoint;
  const ev = new Evidence();
  const on = (variable: string) => {
    const value = envOf(proxy.facts, variable);
    return value === undefined ? ON_BY_DEFAULT.has(variable) : Number(value) !== 0 && !Number.isNaN(Number(value));
  };
  for (const probe of SECTION_PROBES) {
    const reply = statusLine(await ctx.httpFrom(endpoint.client, endpoint.address, 2375, probe.request));
    const denied = / 403 /.test(reply);
    ev.expect(
      on(probe.variable) ? !denied && /^HTTP\/1\.[01] \d{3}/.test(reply) : denied,
      `${probe.shown} (${probe.variable}=${envOf(proxy.facts, probe.variable) ?? 'default'}) answers ${reply}, expected ${on(probe.variable) ? 'the engine\'s answer' : '403 from the proxy'}`,
    );
  }
  return ev.result();
};

/**
 * What POST=1 lets through: the proxy reads no request body, so a client allowed to
 * create containers may create a privileged one with the host's root mounted. The
 * container is created with this run's labels, never started, and removed at once.
 */
export const proxyAllowsPrivilegedCreate: Checker<'proxy-allows-privileged-create'> = async (claim, ctx) => {
  const proxy = await requireContainer(ctx, claim.proxy);
  if (isResult(proxy)) return proxy;
  const endpoint = await proxyEndpoint(ctx, proxy);
  if (isResult(endpoint)) return endpoint;
  const ev = new Evidence();
  const body = JSON.stringify({
    Image: ctx.probeImage,
    Cmd: ['true'],
    Labels: ctx.sessionLabels,
    HostConfig: { Privileged: true, Binds: ['/:/host'] },
  });
  const request =
    'POST /v1.41/containers/create HTTP/1.0\r\nContent-Type: application/json\r\n' +
    `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
  const reply = await ctx.httpFrom(endpoint.client, endpoint.address, 2375, request);
  const id = /"Id"\s*:\s*"([0-9a-f]{64})"/.exec(reply ?? '')?.[1];
  try {
    ev.expect(
      /^HTTP\/1\.[01] 201/.test(reply ?? '') && id !== undefined,
      `from ${endpoint.client}, POST /v1.41/containers/create with HostConfig.Privileged=true and / bound at /host answers ${statusLine(reply)}${id ? ` (container ${id.slice(0, 12)}, never started)` : ''}`,
    );
    if (id) {
      const created = await ctx.inspect(id);
      ev.see(`the engine recorded it: Privileged=${String((created?.HostConfig as { Privileged?: boolean } | undefined)?.Privileged)}`);
    }
  } finally {
    if (id) await ctx.removeContainer(id);
  }
  return ev.result();
};

/**
 * What older versions of the page configured: the same proxy image with CONTAINERS=1 and
 * nothing else, started next to the snippet's proxy on its network. Asked as the app asks,
 * it lists containers but refuses to create one or to pull an image (POST=0): the app
 * cannot start a sandbox through it (Tecnativa/docker-socket-proxy v0.4.1 haproxy.cfg).
 */
export const proxyContainersAloneRefusesSandbox: Checker<'proxy-containers-alone-refuses-sandbox'> = async (claim, ctx) => {
  const proxy = await requireContainer(ctx, claim.proxy);
  if (isResult(proxy)) return proxy;
  const endpoint = await proxyEndpoint(ctx, proxy);
  if (isResult(endpoint)) return endpoint;
  const [network] = Object.keys(proxy.facts.NetworkSettings.Networks);
  const ev = new Evidence();
  const name = await ctx.startContainer([
    '--network', network!, '-e', 'CONTAINERS=1', '-v', '/var/run/docker.sock:/var/run/docker.sock', proxy.facts.Config.Image,
  ]);
  try {
    const facts = await ctx.inspect(name);
    const address = facts?.NetworkSettings.Networks[network!]?.IPAddress;
    if (!ev.expect(address !== undefined, `a second ${proxy.facts.Config.Image} with CONTAINERS=1 alone runs on ${network} as ${name}`)) return ev.result();
    const ask = async (request: string) => statusLine(await ctx.httpFrom(endpoint.client, address!, 2375, request));
    const body = JSON.stringify({ Image: ctx.probeImage, Labels: ctx.sessionLabels });
    const post = (path: string, payload: string) =>
      `POST ${path} HTTP/1.0\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(payload)}\r\n\r\n${payload}`;
    let listing = '';
    await eventually(async () => / 200 /.test((listing = await ask('GET /v1.41/containers/json HTTP/1.0\r\n\r\n'))));
    ev.expect(/ 200 /.test(listing), `GET /v1.41/containers/json answers ${listing}: listing is allowed`);
    const create = await ask(post('/v1.41/containers/create', body));
    ev.expect(/ 403 /.test(create), `POST /v1.41/containers/create answers ${create}, expected 403: no sandbox can be created`);
    const pull = await ask(post('/v1.41/images/create?fromImage=busybox&tag=latest', '{}'));
    ev.expect(/ 403 /.test(pull), `POST /v1.41/images/create answers ${pull}, expected 403: no image can be pulled`);
  } finally {
    await ctx.removeContainer(name);
  }
  return ev.result();
};
