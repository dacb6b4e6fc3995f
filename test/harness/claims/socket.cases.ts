import type { ClaimContext } from '../../../scripts/harness/claims/context';
import { facts, fakeContext, reply, world, type FakeContainer } from './fake-context';
import type { CaseTable } from './scenario';
import { container, nothing, only } from './worlds';

const SOCKET = { Type: 'bind', Source: '/var/run/docker.sock', Destination: '/var/run/docker.sock' };
const NET = (address: string) => ({ 'openhands-network': { IPAddress: address, Gateway: '172.30.0.1' } });
const ID = 'c'.repeat(64);

/** Which section a Docker API path is in, as Tecnativa/docker-socket-proxy v0.4.1's haproxy.cfg matches it. */
const section = (path: string) => /^\/v[\d.]+\/(containers|images|info|networks|volumes|exec|version)/.exec(path)?.[1]?.toUpperCase();

/**
 * A proxy that forwards a section when its variable is 1 (VERSION on by default) and POSTs only
 * with POST=1; `open` forwards everything; `obeys` is the configuration it really applies, when
 * it is not the one its environment shows.
 */
function proxy(env: Record<string, string>, address = '172.30.0.3', open = false, obeys = env): FakeContainer {
  const on = (name: string | undefined) => open || (name === 'VERSION' ? obeys[name] !== '0' : name !== undefined && obeys[name] === '1');
  return container(facts('docker-socket-proxy', { env: Object.entries(env).map(([k, v]) => `${k}=${v}`), networks: NET(address), mounts: [SOCKET], config: { Image: 'tecnativa/docker-socket-proxy:0.4.1' } }), {
    listening: [2375],
    http: (_port, request) => {
      const [method, path] = request.split(' ');
      if (path === '/version') return reply(200, '{"Version":"20.10.24"}');
      if (!on(section(path!)) || (method === 'POST' && !open && obeys.POST !== '1')) return reply(403, 'Forbidden');
      if (method === 'POST' && path!.includes('/containers/create')) return reply(201, `{"Id":"${ID}","Warnings":[]}`);
      return reply(200, '[]');
    },
  });
}

const app = (more: { env?: string[]; socket?: boolean; networks?: Record<string, { IPAddress: string; Gateway: string }> } = {}) =>
  container(facts('openhands-app', { env: more.env ?? ['DOCKER_HOST=tcp://docker-socket-proxy:2375'], networks: more.networks ?? NET('172.30.0.2'), mounts: more.socket ? [SOCKET] : [] }), { listening: [3000] });

const SECTIONS = { CONTAINERS: '1', IMAGES: '1', POST: '1' };
const withProxy = (p: FakeContainer | undefined, a: FakeContainer = app(), start?: (args: readonly string[]) => FakeContainer): ClaimContext =>
  fakeContext(world({ 'openhands-app': a, ...(p ? { 'docker-socket-proxy': p } : {}) }, start), { probeImage: 'probe', sessionLabels: { 'ohg.session': 'test' } });

const socketClaim = { kind: 'no-docker-socket', container: 'openhands-app' } as const;
const viaProxy = { kind: 'docker-api-via-proxy', container: 'openhands-app', proxy: 'docker-socket-proxy' } as const;
const denies = { kind: 'proxy-denies-unlisted-sections', proxy: 'docker-socket-proxy' } as const;
const privileged = { kind: 'proxy-allows-privileged-create', proxy: 'docker-socket-proxy' } as const;
const alone = { kind: 'proxy-containers-alone-refuses-sandbox', proxy: 'docker-socket-proxy' } as const;

export const SOCKET_CASES: CaseTable<'no-docker-socket' | 'docker-api-via-proxy' | 'proxy-denies-unlisted-sections' | 'proxy-allows-privileged-create' | 'proxy-containers-alone-refuses-sandbox'> = {
  'no-docker-socket': {
    holds: [{ name: 'no socket among the mounts', claim: socketClaim, context: () => only({ 'openhands-app': app() }), expect: { status: 'verified' } }],
    fails: [
      { name: 'the socket is mounted', claim: socketClaim, context: () => only({ 'openhands-app': app({ socket: true }) }), expect: { status: 'failed', reason: 'include no /var/run/docker.sock' } },
      { name: 'the container is gone', claim: socketClaim, context: () => nothing(), expect: { status: 'failed', reason: 'does not exist' } },
    ],
  },
  'docker-api-via-proxy': {
    holds: [{ name: 'DOCKER_HOST names the proxy, which alone has the socket and answers /version', claim: viaProxy, context: () => withProxy(proxy(SECTIONS)), expect: { status: 'verified' } }],
    fails: [
      { name: 'the app has the socket too', claim: viaProxy, context: () => withProxy(proxy(SECTIONS), app({ socket: true })), expect: { status: 'failed', reason: 'openhands-app has no /var/run/docker.sock mounted' } },
      { name: 'DOCKER_HOST unset: the app uses its own socket', claim: viaProxy, context: () => withProxy(proxy(SECTIONS), app({ env: [] })), expect: { status: 'failed', reason: 'DOCKER_HOST in openhands-app = (unset)' } },
      { name: 'they share no network', claim: viaProxy, context: () => withProxy(proxy(SECTIONS), app({ networks: { bridge: { IPAddress: '172.17.0.2', Gateway: '172.17.0.1' } } })), expect: { status: 'failed', reason: 'share a network (none)' } },
      { name: 'the proxy is gone', claim: viaProxy, context: () => withProxy(undefined), expect: { status: 'failed', reason: 'container docker-socket-proxy (documented as docker-socket-proxy) does not exist' } },
    ],
  },
  'proxy-denies-unlisted-sections': {
    holds: [{ name: 'CONTAINERS and IMAGES forwarded, INFO, NETWORKS, VOLUMES and EXEC refused', claim: denies, context: () => withProxy(proxy(SECTIONS)), expect: { status: 'verified' } }],
    fails: [
      { name: 'the proxy forwards every section', claim: denies, context: () => withProxy(proxy(SECTIONS, undefined, true)), expect: { status: 'failed', reason: 'GET /v1.41/info (INFO=default) answers HTTP/1.0 200 X, expected 403 from the proxy' } },
      { name: 'a section its variables enable is refused', claim: denies, context: () => withProxy(proxy(SECTIONS, undefined, false, { CONTAINERS: '1' })), expect: { status: 'failed', reason: 'GET /v1.41/images/json (IMAGES=1) answers HTTP/1.0 403 X, expected the engine\'s answer' } },
      { name: 'no client shares its network', claim: denies, context: () => withProxy(proxy(SECTIONS), app({ networks: {} })), expect: { status: 'failed', reason: 'no container of the snippet shares a network with docker-socket-proxy' } },
    ],
  },
  'proxy-allows-privileged-create': {
    holds: [{ name: 'with POST=1 a privileged create with / bound gets 201, and is removed', claim: privileged, context: () => withProxy(proxy(SECTIONS)), expect: { status: 'verified' } }],
    fails: [{ name: 'POST=0: the proxy refuses the create', claim: privileged, context: () => withProxy(proxy({ CONTAINERS: '1', IMAGES: '1' })), expect: { status: 'failed', reason: 'answers HTTP/1.0 403 X' } }],
  },
  'proxy-containers-alone-refuses-sandbox': {
    holds: [{ name: 'a proxy with CONTAINERS=1 alone lists, refuses create and pull', claim: alone, context: () => withProxy(proxy(SECTIONS), app(), () => proxy({ CONTAINERS: '1' }, '172.30.0.9')), expect: { status: 'verified' } }],
    fails: [
      { name: 'the second proxy forwards the create', claim: alone, context: () => withProxy(proxy(SECTIONS), app(), () => proxy({ CONTAINERS: '1' }, '172.30.0.9', true)), expect: { status: 'failed', reason: 'expected 403: no sandbox can be created' } },
      { name: 'the second proxy refuses even the listing', claim: alone, context: () => withProxy(proxy(SECTIONS), app(), () => proxy({}, '172.30.0.9')), expect: { status: 'failed', reason: 'listing is allowed' } },
    ],
  },
};
