/**
 * What Agent Canvas does with its API key (OpenHands/agent-canvas v1.6.1 docker/entrypoint.sh,
 * scripts/static-server.mjs; software-agent-sdk v1.37.0 agent_server/config.py and
 * dependencies.py): /api needs X-Session-API-Key, health checks do not, and the web page
 * carries the key to whoever loads it. Requests go to the app from its own network
 * namespace, as a browser on this machine sends them to the loopback-published port.
 */
import { randomBytes } from 'node:crypto';
import { envOf } from './sandbox';
import { eventually, listeningInside, onContainer, type ClaimContext } from './context';

/** entrypoint.sh: ${HOME}/.openhands/agent-canvas/api-key.txt, HOME /home/openhands. */
const KEY_FILE = '/home/openhands/.openhands/agent-canvas/api-key.txt';
/** A route of the agent server that needs the key (agent_server/file_router.py at v1.37.0). */
const API_PATH = '/api/file/home';

const status = (reply: string | undefined) => Number(/^HTTP\/1\.[01] (\d{3})/.exec(reply ?? '')?.[1] ?? 0);
const get = (path: string, key?: string) => `GET ${path} HTTP/1.0\r\n${key ? `X-Session-API-Key: ${key}\r\n` : ''}\r\n`;

/** The key the app uses: the one its environment sets, else the file the entrypoint keeps. */
async function keyOf(ctx: ClaimContext, container: string, env: string | undefined): Promise<string | undefined> {
  if (env) return env;
  let key: string | undefined;
  await eventually(async () => (key = (await ctx.exec(container, ['cat', KEY_FILE]))?.trim()) !== undefined && key !== '');
  return key;
}

export const apiRequiresKey = onContainer<'api-requires-key'>(async (claim, ctx, found, ev) => {
  if (!(await listeningInside(ctx, found.actual, claim.port, ev))) return;
  const key = await keyOf(ctx, found.actual, envOf(found.facts, 'OH_SESSION_API_KEYS_0'));
  if (!ev.expect(key !== undefined, `the API key is in ${KEY_FILE} (${key ? `${key.length} characters` : 'missing'})`)) return;
  let alive = 0;
  await eventually(async () => (alive = status(await ctx.httpFrom(found.actual, '127.0.0.1', claim.port, get('/alive')))) === 200);
  ev.expect(alive === 200, `GET /alive without a key answers ${alive}, expected 200`);
  const without = status(await ctx.httpFrom(found.actual, '127.0.0.1', claim.port, get(API_PATH)));
  ev.expect(without === 401, `GET ${API_PATH} without a key answers ${without}, expected 401`);
  const wrong = status(await ctx.httpFrom(found.actual, '127.0.0.1', claim.port, get(API_PATH, randomBytes(32).toString('hex'))));
  ev.expect(wrong === 401, `GET ${API_PATH} with a wrong key answers ${wrong}, expected 401`);
  const right = status(await ctx.httpFrom(found.actual, '127.0.0.1', claim.port, get(API_PATH, key)));
  ev.expect(right === 200, `GET ${API_PATH} with the key answers ${right}, expected 200`);
});

export const uiEmbedsKey = onContainer<'ui-embeds-key'>(async (claim, ctx, found, ev) => {
  if (!(await listeningInside(ctx, found.actual, claim.port, ev))) return;
  const key = await keyOf(ctx, found.actual, envOf(found.facts, 'OH_SESSION_API_KEYS_0'));
  if (!ev.expect(key !== undefined, `the API key is in ${KEY_FILE}`)) return;
  let page = '';
  await eventually(async () => status((page = (await ctx.httpFrom(found.actual, '127.0.0.1', claim.port, get('/canvas/'))) ?? '')) === 200);
  ev.expect(status(page) === 200, `GET /canvas/ without a key answers ${status(page)}`);
  ev.expect(page.includes(key!), 'the page it serves, to any client, contains the API key');
});

export const apiKeyFile = onContainer<'api-key-file'>(async (claim, ctx, found, ev) => {
  let stat: string | undefined;
  await eventually(async () => (stat = (await ctx.exec(found.actual, ['stat', '-c', '%a %u', KEY_FILE]))?.trim()) !== undefined);
  ev.expect(stat === '600 10001', `${KEY_FILE}: mode and owner ${stat ?? '(no such file)'}, expected 600 10001`);
});

/**
 * The entrypoint exports OH_SESSION_API_KEYS_0, which the agent server reads, only when it
 * reads or generates the key itself (lines 92-105); a LOCAL_BACKEND_API_KEY set by the reader
 * reaches the ingress but not the agent server (config.py reads OH_SESSION_API_KEYS_0 or
 * SESSION_API_KEY only). Checked with a container of the same image the check starts.
 */
export const envKeyLeavesApiOpen = onContainer<'env-key-leaves-api-open'>(async (claim, ctx, found, ev) => {
  const port = ctx.profile.appPort;
  const clone = await ctx.startContainer(['-e', `LOCAL_BACKEND_API_KEY=${randomBytes(32).toString('hex')}`, found.facts.Config.Image]);
  try {
    if (!(await listeningInside(ctx, clone, port, ev))) return;
    let open = 0;
    await eventually(async () => (open = status(await ctx.httpFrom(clone, '127.0.0.1', port, get(API_PATH)))) !== 0 && open !== 502);
    ev.expect(open === 200, `with LOCAL_BACKEND_API_KEY set, GET ${API_PATH} without any key answers ${open}, expected 200 (the agent server got no key)`);
  } finally {
    await ctx.removeContainer(clone);
  }
});

/** Another container on the app's network reaches the agent server's own port, past the ingress (it still needs the key). */
export const internalPortReachableOnNetwork = onContainer<'internal-port-reachable-on-network'>(async (claim, ctx, found, ev) => {
  const [network, endpoint] = Object.entries(found.facts.NetworkSettings.Networks)[0] ?? [];
  if (!ev.expect(network !== undefined && endpoint !== undefined, `${found.actual} is on a network`)) return;
  if (!(await listeningInside(ctx, found.actual, claim.port, ev))) return;
  const neighbour = await ctx.startContainer(['--network', network!, ctx.probeImage, 'sleep', '120']);
  try {
    const alive = status(await ctx.httpFrom(neighbour, endpoint!.IPAddress, claim.port, get('/alive')));
    ev.expect(alive === 200, `a container on ${network} gets ${alive} from ${endpoint!.IPAddress}:${claim.port}/alive`);
    const api = status(await ctx.httpFrom(neighbour, endpoint!.IPAddress, claim.port, get(API_PATH)));
    ev.expect(api === 401, `and ${api} from ${API_PATH} without a key, expected 401`);
  } finally {
    await ctx.removeContainer(neighbour);
  }
});


