import type { ClaimContext } from '../../../scripts/harness/claims/context';
import { facts, fakeContext, reply, world, type FakeContainer } from './fake-context';
import type { CaseTable } from './scenario';
import { container, only, PROFILES } from './worlds';

/**
 * Agent Canvas as its entrypoint and agent server behave (src/snippets/versions/canvas/CITATIONS.md):
 * the key in its state file, /api behind X-Session-API-Key, /alive open, the page at /canvas/.
 */
export const KEY = 'a'.repeat(64);
const KEY_FILE = '/home/openhands/.openhands/agent-canvas/api-key.txt';
const NETWORK = { 'openhands-network': { IPAddress: '172.30.0.2', Gateway: '172.30.0.1' } };

interface Canvas {
  /** What the API does without the right key: 401 (the claim) or 200 (open). */
  readonly api?: 'needs-key' | 'open';
  readonly alive?: number;
  /** The page carries the key, asks for it, or neither. */
  readonly page?: 'embeds' | 'asks' | 'plain';
  readonly key?: string;
  readonly stat?: string;
  readonly listening?: readonly number[];
  readonly networks?: Record<string, { IPAddress: string; Gateway: string }>;
  readonly env?: readonly string[];
}

export function canvas(c: Canvas = {}): FakeContainer {
  const key = c.key ?? KEY;
  return container(facts('agent-canvas', { networks: c.networks, env: c.env, config: { Image: 'ghcr.io/openhands/agent-canvas:1.12.0' } }), {
    listening: c.listening ?? [8000, 18000],
    exec: (command) => {
      if (command.join(' ') === `cat ${KEY_FILE}`) return `${key}\n`;
      if (command[0] === 'stat') return c.stat === undefined ? '600 10001\n' : c.stat;
      return undefined;
    },
    http: (_port, request) => {
      const path = request.split(' ')[1]!;
      if (path === '/alive') return reply(c.alive ?? 200, '{"status":"ok"}');
      if (path.startsWith('/api/')) return (c.api ?? 'needs-key') === 'open' || request.includes(`X-Session-API-Key: ${key}\r\n`) ? reply(200, '[]') : reply(401);
      if (path === '/canvas/') {
        const body = { embeds: `<script>window.__AGENT_CANVAS_SESSION_API_KEY__="${key}"</script>`, asks: '<script>window.__AGENT_CANVAS_AUTH_REQUIRED__=true</script>', plain: '' }[c.page ?? 'embeds'];
        return reply(200, `<html><head>${body}</head></html>`);
      }
      return reply(404);
    },
  });
}

const one = (c: Canvas, start?: (args: readonly string[]) => FakeContainer): ClaimContext =>
  fakeContext(world({ 'agent-canvas': canvas(c) }, start), { profile: PROFILES.canvas, probeImage: 'probe' });
const probe = () => container(facts('probe', { networks: { 'openhands-network': { IPAddress: '172.30.0.3', Gateway: '172.30.0.1' } } }));

const requiresKey = { kind: 'api-requires-key', container: 'agent-canvas', port: 8000 } as const;
const embedsKey = { kind: 'ui-embeds-key', container: 'agent-canvas', port: 8000 } as const;
const keyFile = { kind: 'api-key-file', container: 'agent-canvas' } as const;
const envKey = { kind: 'env-key-leaves-api-open', container: 'agent-canvas' } as const;
const internal = { kind: 'internal-port-reachable-on-network', container: 'agent-canvas', port: 18000 } as const;
const policy = (withoutVariable: 'embeds-key' | 'asks-for-key', withVariable: 'embeds-key' | 'asks-for-key') => ({ kind: 'ui-key-policy', container: 'agent-canvas', port: 8000, withoutVariable, withVariable }) as const;

export const API: CaseTable<'api-requires-key' | 'ui-embeds-key' | 'api-key-file' | 'env-key-leaves-api-open' | 'internal-port-reachable-on-network' | 'ui-key-policy'> = {
  'api-requires-key': {
    holds: [
      { name: '401 without or with a wrong key, 200 with it, /alive open', claim: requiresKey, context: () => one({}), expect: { status: 'verified' } },
      { name: 'the key set in the environment is the one the API takes', claim: requiresKey, context: () => one({ key: 'b'.repeat(64), env: [`OH_SESSION_API_KEYS_0=${'b'.repeat(64)}`] }), expect: { status: 'verified' } },
    ],
    fails: [
      { name: 'the API answers without a key', claim: requiresKey, context: () => one({ api: 'open' }), expect: { status: 'failed', reason: 'GET /api/file/home without a key answers 200, expected 401' } },
      { name: 'the health check needs a key too', claim: requiresKey, context: () => one({ alive: 401 }), expect: { status: 'failed', reason: 'GET /alive without a key answers 401, expected 200' } },
      { name: 'the key is not where the entrypoint keeps it', claim: requiresKey, context: () => one({ key: '' }), expect: { status: 'failed', reason: 'the API key is in' } },
      { name: 'the app does not serve', claim: requiresKey, context: () => one({ listening: [] }), expect: { status: 'failed', reason: 'listens on port 8000' } },
    ],
  },
  'ui-embeds-key': {
    holds: [{ name: 'the page carries the key', claim: embedsKey, context: () => one({}), expect: { status: 'verified' } }],
    fails: [{ name: 'the page asks for the key', claim: embedsKey, context: () => one({ page: 'asks' }), expect: { status: 'failed', reason: 'contains the API key' } }],
  },
  'api-key-file': {
    holds: [{ name: 'mode 600, owned by 10001', claim: keyFile, context: () => one({}), expect: { status: 'verified' } }],
    fails: [
      { name: 'readable by everyone', claim: keyFile, context: () => one({ stat: '644 10001\n' }), expect: { status: 'failed', reason: 'mode and owner 644 10001, expected 600 10001' } },
      { name: 'owned by root', claim: keyFile, context: () => one({ stat: '600 0' }), expect: { status: 'failed', reason: 'mode and owner 600 0' } },
    ],
  },
  'env-key-leaves-api-open': {
    holds: [{ name: 'a container with LOCAL_BACKEND_API_KEY serves the API without any key', claim: envKey, context: () => one({}, () => canvas({ api: 'open' })), expect: { status: 'verified' } }],
    fails: [{ name: 'the variable does protect the API (a fixed entrypoint)', claim: envKey, context: () => one({}, () => canvas()), expect: { status: 'failed', reason: 'without any key answers 401, expected 200' } }],
  },
  'internal-port-reachable-on-network': {
    holds: [{ name: 'a neighbour gets /alive and a 401 from the API', claim: internal, context: () => one({ networks: NETWORK }, probe), expect: { status: 'verified' } }],
    fails: [
      { name: 'the agent server answers the neighbour without a key', claim: internal, context: () => one({ networks: NETWORK, api: 'open' }, probe), expect: { status: 'failed', reason: 'and 200 from /api/file/home without a key, expected 401' } },
      { name: 'nothing listens on the port', claim: internal, context: () => one({ networks: NETWORK, listening: [8000] }, probe), expect: { status: 'failed', reason: 'listens on port 18000' } },
      { name: 'the container is on no network', claim: internal, context: () => one({ networks: {} }, probe), expect: { status: 'failed', reason: 'agent-canvas is on a network' } },
    ],
  },
  'ui-key-policy': {
    holds: [
      { name: 'both pages carry the key (1.12.0)', claim: policy('embeds-key', 'embeds-key'), context: () => one({}, () => canvas()), expect: { status: 'verified' } },
      { name: 'asks without the variable, carries it with (after 1.20.0)', claim: policy('asks-for-key', 'embeds-key'), context: () => one({ page: 'asks' }, () => canvas()), expect: { status: 'verified' } },
    ],
    fails: [
      { name: 'the page with the variable asks instead', claim: policy('embeds-key', 'embeds-key'), context: () => one({}, () => canvas({ page: 'asks' })), expect: { status: 'failed', reason: 'with AGENT_CANVAS_ALLOW_LAN_SESSION_KEY=true: the page asks for the API key, expected it carries the API key' } },
      { name: 'a page with neither', claim: policy('asks-for-key', 'embeds-key'), context: () => one({ page: 'plain' }, () => canvas()), expect: { status: 'failed', reason: 'is unclear' } },
      { name: 'the snippet\'s container sets the variable itself', claim: policy('embeds-key', 'embeds-key'), context: () => one({ env: ['AGENT_CANVAS_ALLOW_LAN_SESSION_KEY=true'] }, () => canvas()), expect: { status: 'failed', reason: 'sets AGENT_CANVAS_ALLOW_LAN_SESSION_KEY itself' } },
    ],
  },
};
