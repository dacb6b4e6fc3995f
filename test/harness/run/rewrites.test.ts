import { describe, expect, it } from 'vitest';
import { allSnippets, getSnippet, snippetKey } from '../../../src/snippets';
import { snippetCommands } from '../../../scripts/harness/parse';
import { replayRewrites, type RewriteContext } from '../../../scripts/harness/run/rewrites';
import { buildUnit, type WordParser } from '../../../scripts/harness/run/unit';

const parse: WordParser = (snippet, text) => snippetCommands(snippet, text);

const context: RewriteContext = {
  names: new Map([
    ['openhands-app', 'openhands-app-t3st'],
    ['openhands-network', 'openhands-network-t3st'],
    ['docker-socket-proxy', 'docker-socket-proxy-t3st'],
    ['agent-canvas', 'agent-canvas-t3st'],
    ['agent-canvas-state', 'agent-canvas-state-t3st'],
  ]),
  hostPorts: new Map([
    [3000, 41234],
    [8000, 41235],
  ]),
  labelFlags: ['--label', 'org.openhands-guide.session=t3st'],
  dropPull: true,
  firewallComment: 'openhands-guide-t3st',
  sessionFilter: 'label=org.openhands-guide.session=t3st',
};
const fill = { workspaceDir: '/tmp/ws-t3st', wslWorkspaceDir: '/tmp/ws-t3st', projectsDir: '/tmp/ws-t3st', apiKey: 'k3y-t3st', lanInterface: 'ohgtest0', llmHost: 'llm.t3st.test' };

describe('applyRewrites through buildUnit', () => {
  it('gives the egress section its own names, the stand-in resolver and no build', async () => {
    const egress: RewriteContext = {
      ...context,
      names: new Map([...context.names, ['openhands-egress', 'openhands-egress-t3st'], ['openhands-egress-proxy', 'openhands-egress-proxy-t3st'], ['agent-canvas-ui', 'agent-canvas-ui-t3st'], ['oh-egress0', 'oht3st1']]),
      resolver: '203.0.113.3',
    };
    const unit = await buildUnit(getSnippet('canvas', 'egress-host-guard'), parse, egress, fill);
    // The bridge is renamed in the network that names it and in the rule that drops its packets.
    expect(unit.ran).toContain('com.docker.network.bridge.name=oht3st1 openhands-egress-t3st');
    expect(unit.ranOwn).toContain('-i oht3st1 -j DROP');
    // The proxy's name inside the proxy URL and socat's target are renamed too.
    expect(unit.ran).toContain('HTTPS_PROXY=http://openhands-egress-proxy-t3st:3128');
    expect(unit.ran).toContain('TCP:agent-canvas-t3st:8000');
    expect(unit.ran).toContain('docker network connect openhands-egress-t3st agent-canvas-ui-t3st');
    // Every container resolves through the stand-in, and the image is not built.
    expect(unit.ran.match(/--dns 203\.0\.113\.3/g)).toHaveLength(3);
    expect(unit.ran).toContain("docker image inspect --format '{{.Id}}' openhands-egress-proxy:bookworm");
    expect(unit.ran).not.toContain('docker build');
    // The allow-list holds the stand-in's name, not the example.
    expect(unit.ran).toContain('llm.t3st.test');
    expect(unit.ran).not.toContain('api.your-llm-provider.example');
    // Without a resolver (a unit that reaches nothing outside), no --dns is added.
    expect((await buildUnit(getSnippet('canvas', 'egress-host-guard'), parse, { ...egress, resolver: undefined }, fill)).ran).not.toContain('--dns');
  });


  it('turns -it into -d, drops --pull, moves the host port and keeps its address', async () => {
    const unit = await buildUnit(getSnippet('0.33', 'network-binding'), parse, context, fill);
    expect(unit.ranOwn).toContain(' -d ');
    expect(unit.ranOwn).not.toContain('-it');
    expect(unit.ranOwn).not.toContain('--pull');
    expect(unit.ranOwn).toMatch(/-p 127\.0\.0\.1:41234:3000|-p 41234:3000/);
    expect(unit.ranOwn).toContain('--name openhands-app-t3st');
    expect(unit.rewrites.map((r) => r.rule)).toEqual(expect.arrayContaining(['no-tty', 'no-pull', 'free-host-port', 'unique-name', 'session-labels']));
  });

  it('runs a snippet in the shell of its required snippets when it expands a guarded variable they export (a second terminal would not have it)', async () => {
    // 1.x workspace-grant: workspace-run starts the app, and the grant expands "${WORKSPACE_BASE:?...}" from workspace-base-linux.
    const unit = await buildUnit(getSnippet('1.x', 'workspace-grant'), parse, context, fill);
    expect(unit.ranOwn).toContain('"${WORKSPACE_BASE:?set it first (see above)}"');
    expect(unit.terminals.kind).toBe('one');
    // A snippet after a started container that expands nothing its requires export gets a second terminal.
    const cleanup = await buildUnit(getSnippet('1.x', 'socket-proxy-cleanup'), parse, context, fill);
    expect(cleanup.terminals.kind).toBe('two');
  });

  it('tells a 1.x app its moved port, once, for both of its publishes', async () => {
    const callback = { ...context, callbackPort: { variable: 'SANDBOX_HOST_PORT', containerPort: 3000 } };
    const unit = await buildUnit(getSnippet('1.x', 'network-binding'), parse, callback, fill);
    expect(unit.ranOwn).toContain('-p 127.0.0.1:41234:3000');
    expect(unit.ranOwn).toContain('-p "${BRIDGE_GATEWAY:?set it first (see above)}":41234:3000');
    expect(unit.ranOwn.match(/-e SANDBOX_HOST_PORT=41234/g)).toHaveLength(1);
    expect(unit.rewrites.filter((r) => r.rule === 'app-host-port')).toHaveLength(1);
    // Without a callback variable (0.33, Agent Canvas) nothing is added.
    const plain = await buildUnit(getSnippet('0.33', 'network-binding'), parse, context, fill);
    expect(plain.ranOwn).not.toContain('SANDBOX_HOST_PORT');
  });

  it('renames the Agent Canvas state volume and its container, never the image', async () => {
    const unit = await buildUnit(getSnippet('canvas', 'canvas-run'), parse, context, fill);
    expect(unit.ranOwn).toContain('-v agent-canvas-state-t3st:/home/openhands/.openhands');
    expect(unit.ranOwn).toContain('--name agent-canvas-t3st');
    expect(unit.ranOwn).toContain('ghcr.io/openhands/agent-canvas:');
    expect(unit.ranOwn).not.toContain('ghcr.io/openhands/agent-canvas-t3st');
    expect(unit.ranOwn).toContain('-p 127.0.0.1:41235:8000');
  });

  it('renames the network a substituted `docker network inspect` reads, so it reads the run\'s own network, never the reader\'s', async () => {
    const unit = await buildUnit(getSnippet('1.x', 'bridge-guard'), parse, context, fill);
    expect(unit.ranOwn).toContain('export APP_SUBNET=$(docker network inspect openhands-network-t3st --format');
    // The default bridge is nobody's to rename.
    expect(unit.ranOwn).toContain('export BRIDGE_SUBNET=$(docker network inspect bridge --format');
    expect(unit.rewrites.filter((r) => r.rule === 'unique-name' && r.snippet === 'bridge-guard').map((r) => r.from)).toEqual(['openhands-network']);
  });

  it('never renames an image reference that contains a documented name', async () => {
    const unit = await buildUnit(getSnippet('0.33', 'socket-proxy'), parse, context, fill);
    expect(unit.ranOwn).toContain('tecnativa/docker-socket-proxy:');
    expect(unit.ranOwn).not.toContain('tecnativa/docker-socket-proxy-t3st');
  });
});

describe.each(allSnippets().map((s) => [snippetKey(s), s] as const))('replayRewrites on snippet %s', (_key, snippet) => {
  const id = snippet.id;
  it('gives back exactly what ran from the text a reader copies', async () => {
    const unit = await buildUnit(snippet, parse, context, fill);
    expect(replayRewrites(unit.texts.en, id, unit.rewrites, unit.placeholders)).toBe(unit.ranOwn);
  });

  it('refuses a copy that differs where the harness rewrote it', async () => {
    const unit = await buildUnit(snippet, parse, context, fill);
    const own = unit.rewrites.filter((r) => r.snippet === id && r.from.length > 0);
    if (own.length === 0) {
      // Insert-only rewrites (labels, comments) cannot detect a changed word; the browser test also compares the whole text.
      expect(unit.rewrites.filter((r) => r.snippet === id).every((r) => r.from === '')).toBe(true);
      return;
    }
    const first = own[0]!;
    const tampered = `${unit.texts.en.slice(0, first.offset)}X${unit.texts.en.slice(first.offset + 1)}`;
    expect(() => replayRewrites(tampered, id, unit.rewrites, unit.placeholders)).toThrow(new RegExp(`Snippet "${id}": unexpected .* expected`));
  });
});
