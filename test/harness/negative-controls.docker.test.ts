import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getSnippet, type Snippet } from '../../src/snippets';
import type { DockerRun } from '../../src/snippets/commands';
import { verifySnippets } from '../../scripts/harness/verify';
import type { EngineRun, SnippetReport } from '../../scripts/harness/report';

/**
 * The checks must be able to fail. Each case runs a page's snippet with the one thing
 * the page says matters taken away, on the real daemon, and expects its claim to fail:
 * - the bridge rule left out of its snippet;
 * - the socket proxy with CONTAINERS=1 alone, as older versions of the page had it;
 * - the workspace run without WORKSPACE_MOUNT_PATH;
 * - 1.x: the folder grant left out; the app on loopback only (not on the bridge gateway);
 *   the DOCKER-USER rule left out; the bridge rule left out, with the app on its own network;
 * - Agent Canvas: published on every interface; run without no-new-privileges; on its own
 *   network without the subnet rule.
 * - the rootless-Docker command run with this engine's own socket, where app and sandbox meet.
 */
const runOf = (snippet: Snippet, step: number) => snippet.steps[step]!.command as DockerRun;

function withoutRule(): Snippet {
  const snippet = getSnippet('0.33', 'bridge-guard');
  return { ...snippet, steps: [] };
}

function proxyWithContainersAlone(): Snippet {
  const snippet = getSnippet('0.33', 'socket-proxy');
  const proxy = runOf(snippet, 1);
  return { ...snippet, steps: snippet.steps.map((step, i) => (i === 1 ? { ...step, command: { ...proxy, env: { CONTAINERS: '1' } } as DockerRun } : step)) };
}

function workspaceWithoutMountPath(): Snippet {
  const snippet = getSnippet('0.33', 'workspace-run');
  const app = runOf(snippet, 0);
  const { WORKSPACE_MOUNT_PATH: _dropped, ...env } = app.env as Record<string, unknown>;
  return { ...snippet, steps: [{ command: { ...app, env } as DockerRun }] };
}

const withoutSteps = (version: Snippet['version'], id: string): Snippet => ({ ...getSnippet(version, id), steps: [] });

function appOnLoopbackOnly(): Snippet {
  const snippet = getSnippet('1.x', 'network-binding');
  const app = runOf(snippet, 0);
  return { ...snippet, steps: [{ command: { ...app, publish: app.publish!.filter((p) => p.hostIp === '127.0.0.1') } as DockerRun }] };
}

function canvasOnEveryInterface(): Snippet {
  const snippet = getSnippet('canvas', 'network-binding');
  const app = runOf(snippet, 0);
  return { ...snippet, steps: [{ command: { ...app, publish: [{ hostPort: 8000, containerPort: 8000 }] } as DockerRun }] };
}

function canvasWithoutNoNewPrivileges(): Snippet {
  const snippet = getSnippet('canvas', 'no-new-privileges');
  const app = runOf(snippet, 0);
  return { ...snippet, steps: [{ command: { ...app, securityOpts: undefined } as DockerRun }] };
}

/**
 * The rootless-Docker command run where the app and its sandbox do meet: this engine, with its
 * own socket in place of rootless Docker's. Its claims that they do not meet must fail here.
 */
function rootlessRunOnThisEngine(version: '0.33' | '1.x'): Snippet {
  const { engines: _only, ...snippet } = getSnippet(version, 'rootless-run');
  const app = runOf(snippet as Snippet, 0);
  const mounts = app.mounts!.map((mount) => (mount.target === '/var/run/docker.sock' ? { source: '/var/run/docker.sock', target: mount.target } : mount));
  return { ...snippet, steps: [{ command: { ...app, mounts } as DockerRun }] } as Snippet;
}

let report: EngineRun;
beforeAll(async () => {
  report = await verifySnippets({
    snippets: [
      withoutRule(),
      proxyWithContainersAlone(),
      workspaceWithoutMountPath(),
      withoutSteps('1.x', 'workspace-grant'),
      appOnLoopbackOnly(),
      withoutSteps('1.x', 'docker-user-guard'),
      withoutSteps('1.x', 'bridge-guard'),
      withoutSteps('canvas', 'subnet-guard'),
      canvasOnEveryInterface(),
      canvasWithoutNoNewPrivileges(),
      rootlessRunOnThisEngine('0.33'),
      rootlessRunOnThisEngine('1.x'),
    ],
  });
}, 600_000);

const claim = (id: string, kind: string, version: Snippet['version'] = '0.33'): SnippetReport['claims'][number] => {
  const found = report.snippets.find((s) => s.id === id && s.version === version)?.claims.find((c) => c.claim.kind === kind);
  if (!found) throw new Error(`no ${kind} result for ${id}`);
  return found;
};

describe('negative controls', () => {
  afterAll(() => undefined);

  it('the bridge rule claim fails when the snippet adds no rule', () => {
    const result = claim('bridge-guard', 'bridge-guard-blocks-lan');
    expect(result.status).toBe('failed');
    expect(result.reason).toContain('the rule from the page is in the raw table');
  });

  it('the sandbox claim fails behind a proxy with CONTAINERS=1 alone', () => {
    const result = claim('socket-proxy', 'sandbox-reachable');
    expect(result.status).toBe('failed');
    expect(result.evidence.join('\n')).toMatch(/403|Forbidden/);
  });

  it('the workspace ownership claim fails without WORKSPACE_MOUNT_PATH, saying where the file went', () => {
    const result = claim('workspace-run', 'workspace-files-owned-by-user');
    expect(result.status).toBe('failed');
    expect(result.reason).toMatch(/appears in the mounted workspace on the host \(the sandbox wrote it at \/workspace\//);
  });

  it('1.x: the agent cannot write the folder without the grant', () => {
    const result = claim('workspace-grant', 'agent-write-allowed', '1.x');
    expect(result.status).toBe('failed');
    expect(result.reason).toMatch(/uid 10001 creates agent-\w+\.txt/);
  });

  it('1.x: on loopback only, the sandbox can no longer call the app back', () => {
    const result = claim('network-binding', 'sandbox-calls-back-app', '1.x');
    expect(result.status).toBe('failed');
    expect(result.reason).toMatch(/answers HTTP/);
  });

  it('1.x: the DOCKER-USER claim fails when the snippet adds no rule', () => {
    const result = claim('docker-user-guard', 'docker-user-guard-blocks-lan', '1.x');
    expect(result.status).toBe('failed');
    expect(result.reason).toContain('the rule from the page is in the DOCKER-USER chain');
  });

  it('rootless Docker: where the app reaches its sandbox, "does not reach it" fails (0.33 and 1.x)', () => {
    for (const version of ['0.33', '1.x'] as const) {
      const result = claim('rootless-run', 'sandbox-unreachable', version);
      expect(result.status, version).toBe('failed');
      expect(result.evidence.join('\n'), version).toMatch(/ok: .* listens on port \d+ inside its own network namespace/);
      expect(result.reason, version).toMatch(/host\.docker\.internal \([\d.]+\):\d+ does not answer/);
    }
  });

  it('rootless Docker: where the callback reaches the app, "unanswered" fails (1.x)', () => {
    const result = claim('rootless-run', 'sandbox-callback-unanswered', '1.x');
    expect(result.status).toBe('failed');
    expect(result.reason).toMatch(/gives no HTTP answer: HTTP\/1\.[01] \d{3}/);
  });

  it('1.x: with the app on its own network and no bridge rule, a host routing the bridge subnet reaches the app at the gateway', () => {
    const result = claim('bridge-guard', 'bridge-guard-blocks-lan-app', '1.x');
    expect(result.status).toBe('failed');
    expect(result.reason).toContain('the rule from the page is in the raw table');
    expect(result.reason).toMatch(/with the rule, a host routing Docker's subnets via this machine is refused at [\d.]+:\d+/);
  });

  it('Agent Canvas: on its own network and without the subnet rule, a host routing that subnet reaches the container (Engine < 28)', () => {
    const result = claim('subnet-guard', 'subnet-guard-blocks-lan', 'canvas');
    expect(result.status).toBe('failed');
    expect(result.reason).toContain('the rule from the page is in the raw table');
    // Engine 28 refuses that host itself (moby PR #49325); before it, only the rule did.
    if (report.engine.kind === 'docker' && Number.parseInt(report.engine.version, 10) < 28) {
      expect(result.reason).toMatch(/with the rule, a host routing the app's subnet via this machine is refused at [\d.]+:8000/);
    }
  });

  it('Agent Canvas: published on every interface, the port answers another host', () => {
    const result = claim('network-binding', 'port-loopback-only', 'canvas');
    expect(result.status).toBe('failed');
    expect(result.reason).toMatch(/expected HostIp 127\.0\.0\.1 only|another host on the LAN is refused/);
  });

  it('Agent Canvas: without the option, processes may gain privileges', () => {
    const result = claim('no-new-privileges', 'no-new-privileges', 'canvas');
    expect(result.status).toBe('failed');
    expect(result.reason).toMatch(/NoNewPrivs of its first process: 0/);
  });
});
