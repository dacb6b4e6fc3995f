import { facts, fakeContext, reply, world, type FakeContainer } from './fake-context';
import { canvas, KEY } from './api.cases';
import type { CaseTable } from './scenario';
import { container, PROFILES } from './worlds';

const NETWORK = { 'openhands-network': { IPAddress: '172.30.0.2', Gateway: '172.30.0.1' } };
const probe = () => container(facts('probe', { networks: { 'openhands-network': { IPAddress: '172.30.0.3', Gateway: '172.30.0.1' } } }));

/** Agent Canvas with its editor on 8001 (`token`: what it answers without and with the key as ?tkn=), `published` on the host or not. */
function withEditor(token: (request: string) => string, published = false) {
  const base = canvas({ networks: NETWORK, listening: [8000, 8001] });
  const f = published ? facts('agent-canvas', { networks: NETWORK, ports: { '8001/tcp': [{ HostIp: '', HostPort: '8001' }] } }) : base.facts;
  const editor: FakeContainer = { ...base, facts: f, http: (port, request) => (port === 8001 ? token(request) : base.http!(port, request)) };
  return fakeContext(world({ 'agent-canvas': editor }, probe), { profile: PROFILES.canvas, probeImage: 'probe' });
}
const checksToken = (request: string) => (request.includes(`tkn=${KEY}`) ? reply(200) : reply(403, 'Forbidden.'));

/** The web port's answer to GET /vscode/. */
const route = (answer: string) => fakeContext(world({ 'agent-canvas': { ...canvas(), http: (_p, request) => (request.startsWith('GET /vscode/ ') ? answer : reply(404)) } }), { profile: PROFILES.canvas });
const REDIRECT = reply(308, '', ['Location: /canvas/vscode/']);
const FORBIDDEN = reply(403, 'Forbidden.');

const reachable = { kind: 'editor-reachable-on-network', container: 'agent-canvas', port: 8001 } as const;
const editorRoute = (r: 'not-routed' | 'asks-token') => ({ kind: 'editor-route', container: 'agent-canvas', port: 8000, route: r }) as const;

export const EDITOR: CaseTable<'editor-reachable-on-network' | 'editor-route'> = {
  'editor-reachable-on-network': {
    holds: [{ name: '403 without the token, an answer with the API key as the token', claim: reachable, context: () => withEditor(checksToken), expect: { status: 'verified' } }],
    fails: [
      { name: 'the editor answers without a token', claim: reachable, context: () => withEditor(() => reply(200)), expect: { status: 'failed', reason: 'gets 200 from 172.30.0.2:8001/ without a token, expected 403' } },
      { name: 'the API key is not the token', claim: reachable, context: () => withEditor(() => FORBIDDEN), expect: { status: 'failed', reason: 'and 403 with the API key as the token' } },
      { name: 'the port is published on the host', claim: reachable, context: () => withEditor(checksToken, true), expect: { status: 'failed', reason: 'port 8001 is not published on the host (it is)' } },
    ],
  },
  'editor-route': {
    holds: [
      { name: 'not routed: a redirect into /canvas', claim: editorRoute('not-routed'), context: () => route(REDIRECT), expect: { status: 'verified' } },
      { name: 'asks for the token: the editor\'s 403', claim: editorRoute('asks-token'), context: () => route(FORBIDDEN), expect: { status: 'verified' } },
    ],
    fails: [
      { name: '"not routed", yet the editor answers', claim: editorRoute('not-routed'), context: () => route(FORBIDDEN), expect: { status: 'failed', reason: 'expected 308 to /canvas/vscode/' } },
      { name: '"asks for the token", yet it redirects', claim: editorRoute('asks-token'), context: () => route(REDIRECT), expect: { status: 'failed', reason: 'answers 308, expected 403' } },
    ],
  },
};
