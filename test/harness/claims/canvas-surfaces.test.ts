import { describe, expect, it } from 'vitest';
import { pagePolicyOf, uiKeyPolicy } from '../../../scripts/harness/claims/api';
import { editorReachableOnNetwork, editorRoute } from '../../../scripts/harness/claims/editor';
import { facts, fakeContext, reply, world, type FakeContainer } from './fake-context';

/**
 * The Agent Canvas checkers of the key in the page and of the editor, driven without Docker
 * through each branch: each must answer "failed" when the container does the opposite of
 * what the claim says, so a checker that always said "verified" fails here.
 */
const KEY = 'a'.repeat(64);
const page = (body: string) => (port: number, request: string) =>
  port === 8000 && request.startsWith('GET /canvas/ ') ? reply(200, `<html><head>${body}</head></html>`) : reply(404);
const embeds = (key: string) => page(`<script>window.__AGENT_CANVAS_SESSION_API_KEY__="${key}"</script>`);
const asks = page('<script>window.__AGENT_CANVAS_AUTH_REQUIRED__=true</script>');
const canvas = (http: FakeContainer['http'], extra: Partial<FakeContainer> = {}): FakeContainer => ({
  facts: facts('agent-canvas'),
  listening: [8000],
  exec: (command) => (command.join(' ').startsWith('cat ') ? KEY : undefined),
  http,
  ...extra,
});

describe('pagePolicyOf', () => {
  it('tells a page that carries the key from one that asks for it, and names anything else', () => {
    expect(pagePolicyOf(embeds(KEY)(8000, 'GET /canvas/ ')!, KEY)).toBe('embeds-key');
    expect(pagePolicyOf(asks(8000, 'GET /canvas/ ')!, KEY)).toBe('asks-for-key');
    expect(pagePolicyOf(page('')(8000, 'GET /canvas/ ')!, KEY)).toMatch(/neither the key nor/);
    expect(pagePolicyOf(reply(502), KEY)).toBe('the page answers 502');
  });
});

describe('ui-key-policy', () => {
  const claim = { kind: 'ui-key-policy', container: 'agent-canvas', port: 8000, withoutVariable: 'embeds-key', withVariable: 'embeds-key' } as const;

  it('is verified when both pages carry the key, and starts the second container with the variable, then removes it', async () => {
    const w = world({ 'agent-canvas': canvas(embeds(KEY)) }, () => canvas(embeds(KEY)));
    const result = await uiKeyPolicy(claim, fakeContext(w));
    expect(result.status, result.evidence.join('\n')).toBe('verified');
    expect(w.started[0]).toContain('AGENT_CANVAS_ALLOW_LAN_SESSION_KEY=true');
    expect(w.removed).toEqual(['fake-0']);
  });

  it('fails when the container with the variable asks for the key instead', async () => {
    const result = await uiKeyPolicy(claim, fakeContext(world({ 'agent-canvas': canvas(embeds(KEY)) }, () => canvas(asks))));
    expect(result.status).toBe('failed');
    expect(result.reason).toContain('with AGENT_CANVAS_ALLOW_LAN_SESSION_KEY=true: the page asks for the API key, expected it carries the API key');
  });

  it('fails when the page carries another key than the container\'s own', async () => {
    const result = await uiKeyPolicy(claim, fakeContext(world({ 'agent-canvas': canvas(embeds('b'.repeat(64))) }, () => canvas(embeds(KEY)))));
    expect(result.status).toBe('failed');
  });

  it('refuses a snippet container that sets the variable itself', async () => {
    const own = canvas(embeds(KEY), { facts: facts('agent-canvas', { env: ['AGENT_CANVAS_ALLOW_LAN_SESSION_KEY=true'] }) });
    const result = await uiKeyPolicy(claim, fakeContext(world({ 'agent-canvas': own })));
    expect(result.status).toBe('failed');
  });
});

describe('editor-reachable-on-network', () => {
  const claim = { kind: 'editor-reachable-on-network', container: 'agent-canvas', port: 8001 } as const;
  const networks = { 'openhands-network': { IPAddress: '172.30.0.2', Gateway: '172.30.0.1' } };
  const editor = (answer: (request: string) => string) =>
    canvas((port, request) => (port === 8001 ? answer(request) : undefined), { facts: facts('agent-canvas', { networks }), listening: [8000, 8001] });
  const tokenChecked = (request: string) => (request.includes(`tkn=${KEY}`) ? reply(200) : reply(403, 'Forbidden.'));
  const probe: FakeContainer = { facts: facts('probe', { networks: { 'openhands-network': { IPAddress: '172.30.0.3', Gateway: '172.30.0.1' } } }), listening: [] };

  it('is verified when a neighbour gets 403 without the token and an answer with the API key as the token', async () => {
    const w = world({ 'agent-canvas': editor(tokenChecked) }, () => probe);
    const result = await editorReachableOnNetwork(claim, fakeContext(w));
    expect(result.status, result.evidence.join('\n')).toBe('verified');
    expect(w.started[0]).toEqual(['--network', 'openhands-network', 'probe', 'sleep', '120']);
  });

  it('fails when the editor answers without a token', async () => {
    const result = await editorReachableOnNetwork(claim, fakeContext(world({ 'agent-canvas': editor(() => reply(200)) }, () => probe)));
    expect(result.status).toBe('failed');
    expect(result.reason).toContain('gets 200 from 172.30.0.2:8001/ without a token, expected 403');
  });

  it('fails when the API key is not the token', async () => {
    const result = await editorReachableOnNetwork(claim, fakeContext(world({ 'agent-canvas': editor(() => reply(403)) }, () => probe)));
    expect(result.reason).toContain('and 403 with the API key as the token');
  });

  it('fails when the port is published on the host', async () => {
    const published = editor(tokenChecked);
    const withPort = { ...published, facts: facts('agent-canvas', { networks, ports: { '8001/tcp': [{ HostIp: '', HostPort: '8001' }] } }) };
    const result = await editorReachableOnNetwork(claim, fakeContext(world({ 'agent-canvas': withPort }, () => probe)));
    expect(result.reason).toContain('port 8001 is not published on the host (it is)');
  });
});

describe('editor-route', () => {
  const redirect = canvas((_port, request) => (request.startsWith('GET /vscode/ ') ? reply(308, '', ['Location: /canvas/vscode/']) : reply(404)));
  const toEditor = canvas((_port, request) => (request.startsWith('GET /vscode/ ') ? reply(403, 'Forbidden.') : reply(404)));
  const claim = (route: 'not-routed' | 'asks-token') => ({ kind: 'editor-route', container: 'agent-canvas', port: 8000, route }) as const;

  it('is verified for "not routed" on a redirect into /canvas, and fails on the editor\'s 403', async () => {
    expect((await editorRoute(claim('not-routed'), fakeContext(world({ 'agent-canvas': redirect })))).status).toBe('verified');
    expect((await editorRoute(claim('not-routed'), fakeContext(world({ 'agent-canvas': toEditor })))).status).toBe('failed');
  });

  it('is verified for "asks for the token" on the editor\'s 403, and fails on the redirect', async () => {
    expect((await editorRoute(claim('asks-token'), fakeContext(world({ 'agent-canvas': toEditor })))).status).toBe('verified');
    expect((await editorRoute(claim('asks-token'), fakeContext(world({ 'agent-canvas': redirect })))).status).toBe('failed');
  });
});
