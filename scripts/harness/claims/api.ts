/**
 * What Agent Canvas does with its API key (Agent Canvas 1.12.0 docker/entrypoint.sh,
 * scripts/static-server.mjs; software-agent-sdk v1.40.1 agent_server/config.py and
 * dependencies.py; src/snippets/versions/canvas/CITATIONS.md): /api needs X-Session-API-Key,
 * health checks do not, and the web page carries the key to whoever loads it. Requests go to
 * the app from its own network namespace, as a browser on this machine sends them to the
 * loopback-published port.
 */
import { randomBytes } from 'node:crypto';
import type { PagePolicy } from '../../../src/snippets';
import { eventually, listeningInside, onContainer, type ClaimContext, type ContainerFacts, type Evidence } from './context';
import { envOf } from './sandbox';

/** entrypoint.sh: ${HOME}/.openhands/agent-canvas/api-key.txt, HOME /home/openhands. */
const KEY_FILE = '/home/openhands/.openhands/agent-canvas/api-key.txt';
/** A route of the agent server that needs the key (agent_server/file_router.py). */
const API_PATH = '/api/file/home';

export const status = (reply: string | undefined) => Number(/^HTTP\/1\.[01] (\d{3})/.exec(reply ?? '')?.[1] ?? 0);
export const get = (path: string, key?: string) => `GET ${path} HTTP/1.0\r\n${key ? `X-Session-API-Key: ${key}\r\n` : ''}\r\n`;

/**
 * The key the app uses, and where it was found: the container's own OH_SESSION_API_KEYS_0
 * (the key of every part when set, entrypoint.sh lines 92 and 108), else the file the
 * entrypoint keeps. Recorded as evidence; undefined when there is none.
 */
export async function keyOf(ctx: ClaimContext, container: ContainerFacts | string, ev: Evidence, label = ''): Promise<string | undefined> {
  const name = typeof container === 'string' ? container : container.Name.replace(/^\//, '');
  const env = typeof container === 'string' ? undefined : envOf(container, 'OH_SESSION_API_KEYS_0');
  if (env) {
    ev.see(`${label}the API key is the one OH_SESSION_API_KEYS_0 sets in ${name}'s environment (${env.length} characters)`);
    return env;
  }
  let key: string | undefined;
  await eventually(async () => (key = (await ctx.exec(name, ['cat', KEY_FILE]))?.trim()) !== undefined && key !== '');
  return ev.expect(key !== undefined && key !== '', `${label}the API key is in ${KEY_FILE} in ${name} (${key ? `${key.length} characters` : 'missing'})`) ? key : undefined;
}

export const apiRequiresKey = onContainer<'api-requires-key'>(async (claim, ctx, found, ev) => {
  if (!(await listeningInside(ctx, found.actual, claim.port, ev))) return;
  const key = await keyOf(ctx, found.facts, ev);
  if (key === undefined) return;
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
  const key = await keyOf(ctx, found.facts, ev);
  if (key === undefined) return;
  const page = await canvasPage(ctx, found.actual, claim.port);
  ev.expect(status(page) === 200, `GET /canvas/ without a key answers ${status(page)}`);
  ev.expect(page.includes(key!), 'the page it serves, to any client, contains the API key');
});

/** GET /canvas/ from the container's own namespace, once it answers 200; the whole reply. */
async function canvasPage(ctx: ClaimContext, container: string, port: number): Promise<string> {
  let page = '';
  await eventually(async () => status((page = (await ctx.httpFrom(container, '127.0.0.1', port, get('/canvas/'))) ?? '')) === 200);
  return page;
}

/**
 * The variable that releases after 1.20.0 read before they put the key into the page (upstream
 * README at 071ee97c, which pins 1.25.0); a page that asks for the key carries the static
 * server's auth-required flag instead (static-server.mjs, --auth-required).
 */
const LAN_KEY_VARIABLE = 'AGENT_CANVAS_ALLOW_LAN_SESSION_KEY';
const AUTH_REQUIRED_FLAG = '__AGENT_CANVAS_AUTH_REQUIRED__';

/** Whether a page carries `key` or asks for one; undefined (with the reason) when it does neither clearly. */
export function pagePolicyOf(page: string, key: string): PagePolicy | string {
  if (status(page) !== 200) return `the page answers ${status(page)}`;
  const carries = page.includes(key);
  const asks = page.includes(AUTH_REQUIRED_FLAG);
  if (carries && !asks) return 'embeds-key';
  if (asks && !carries) return 'asks-for-key';
  return carries ? `the page carries the key and the ${AUTH_REQUIRED_FLAG} flag` : `the page carries neither the key nor the ${AUTH_REQUIRED_FLAG} flag`;
}

const POLICY_TEXT: Record<PagePolicy, string> = { 'embeds-key': 'carries the API key', 'asks-for-key': 'asks for the API key' };

/**
 * The page as the snippet's container serves it, and as a container of the same image with
 * AGENT_CANVAS_ALLOW_LAN_SESSION_KEY=true serves it (a container the check starts, with its own
 * state and so its own key).
 */
export const uiKeyPolicy = onContainer<'ui-key-policy'>(async (claim, ctx, found, ev) => {
  if (envOf(found.facts, LAN_KEY_VARIABLE) !== undefined) {
    return { status: 'failed', evidence: [], reason: `${found.actual} sets ${LAN_KEY_VARIABLE} itself; the claim compares a container without it to one with it` };
  }
  const judge = async (container: string, key: string | undefined, expected: PagePolicy, setting: string) => {
    if (key === undefined) return;
    const policy = pagePolicyOf(await canvasPage(ctx, container, claim.port), key);
    ev.expect(policy === expected, `${setting}: the page ${policy === 'embeds-key' || policy === 'asks-for-key' ? POLICY_TEXT[policy] : `is unclear (${policy})`}, expected it ${POLICY_TEXT[expected]}`);
  };
  if (!(await listeningInside(ctx, found.actual, claim.port, ev))) return;
  const without = `without ${LAN_KEY_VARIABLE}`;
  await judge(found.actual, await keyOf(ctx, found.facts, ev, `${without}: `), claim.withoutVariable, without);
  const clone = await ctx.startContainer(['-e', `${LAN_KEY_VARIABLE}=true`, found.facts.Config.Image]);
  try {
    if (!(await listeningInside(ctx, clone, claim.port, ev))) return;
    const withIt = `with ${LAN_KEY_VARIABLE}=true`;
    await judge(clone, await keyOf(ctx, clone, ev, `${withIt}: `), claim.withVariable, withIt);
  } finally {
    await ctx.removeContainer(clone);
  }
});

export const apiKeyFile = onContainer<'api-key-file'>(async (claim, ctx, found, ev) => {
  let stat: string | undefined;
  await eventually(async () => (stat = (await ctx.exec(found.actual, ['stat', '-c', '%a %u', KEY_FILE]))?.trim()) !== undefined);
  ev.expect(stat === '600 10001', `${KEY_FILE}: mode and owner ${stat ?? '(no such file)'}, expected 600 10001`);
});

/**
 * The entrypoint exports OH_SESSION_API_KEYS_0, which the agent server reads, only when it
 * reads or generates the key itself (lines 92-103); a LOCAL_BACKEND_API_KEY set by the reader
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


