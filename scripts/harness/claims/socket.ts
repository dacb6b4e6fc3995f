import { Evidence, isResult, notVerifiable, onContainer, requireContainer, type Checker, type ContainerFacts } from './context';
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
 * Tecnativa/docker-socket-proxy v0.4.1 filters by section and method (facts.md). The
 * local model forwards everything, so only the real image can show the filtering.
 */
export const proxyFiltersApi: Checker<'proxy-filters-api'> = async (claim, ctx) => {
  if (ctx.imageSource('socketProxy') === 'model') {
    return notVerifiable('proxy-filtering-needs-real-image');
  }
  const proxy = await requireContainer(ctx, claim.proxy);
  if (isResult(proxy)) return proxy;
  const ev = new Evidence();
  const [network, endpoint] = Object.entries(proxy.facts.NetworkSettings.Networks)[0] ?? [];
  if (!network || !endpoint) return { status: 'failed', evidence: [], reason: `${proxy.actual} is on no network` };
  const ask = async (request: string) => (await ctx.httpFrom(proxy.actual, endpoint.IPAddress, 2375, request))?.split('\r\n')[0] ?? '(nothing)';
  const allowed = await ask('GET /containers/json HTTP/1.0\r\n\r\n');
  ev.expect(/ 200 /.test(allowed), `GET /containers/json (CONTAINERS=1) answers ${allowed}`);
  const denied = await ask('POST /networks/create HTTP/1.0\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}');
  ev.expect(/ 403 /.test(denied), `POST /networks/create (NETWORKS not allowed) answers ${denied}`);
  const info = await ask('GET /info HTTP/1.0\r\n\r\n');
  ev.expect(/ 403 /.test(info), `GET /info (INFO not allowed) answers ${info}`);
  return ev.result();
};
