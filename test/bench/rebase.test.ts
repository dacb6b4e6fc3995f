import { describe, expect, it } from 'vitest';
import { getSnippet } from '../../src/snippets';

type SnippetId = string;
import { snippetCommands } from '../../scripts/harness/parse';
import type { RewriteContext } from '../../scripts/harness/run/rewrites';
import { buildUnit, type WordParser } from '../../scripts/harness/run/unit';
import { addsFirewallRule, movedHostPorts, rebaseRan, sessionIdsIn, type FreshValues, type HarnessRun } from '../../scripts/bench/rebase';

const parse: WordParser = (snippet, text) => snippetCommands(snippet, text);

/** What the harness's session puts into a rewrite context, for a session id and a port. */
function session(id: string, port: number, workspace: string) {
  const suffix = id.slice(0, 6);
  const labelFlags = [`--label org.openhands-guide.session=${id}`, '--label org.openhands-guide.pid=4242', '--label org.openhands-guide.host=vm', '--label org.openhands-guide.role=snippet'];
  const context: RewriteContext = {
    names: new Map(['openhands-app', 'openhands-network', 'docker-socket-proxy'].map((n) => [n, `${n}-${suffix}`])),
    hostPorts: new Map([[3000, port]]),
    labelFlags,
    dropPull: true,
    firewallComment: `openhands-guide-${id}`,
    sessionFilter: `label=org.openhands-guide.session=${id}`,
  };
  const fresh: FreshValues = {
    uniqueName: (name) => `${name}-${suffix}`,
    labelFlags,
    firewallComment: context.firewallComment,
    sessionFilter: context.sessionFilter,
    hostPort: () => port,
    workspace,
  };
  return { context, fresh, fill: { workspaceDir: workspace, wslWorkspaceDir: workspace, projectsDir: workspace, apiKey: 'k3y-t3st', lanInterface: 'ohgtest0', llmHost: 'llm.t3st.test' } };
}

const OLD = 'aaaaaa11111111111111111111111111';
const NEW = 'bbbbbb22222222222222222222222222';

async function harnessRun(id: SnippetId, s: ReturnType<typeof session>, version: '0.33' | '1.x' = '0.33'): Promise<HarnessRun & { asRoot: boolean }> {
  const context = version === '1.x' ? { ...s.context, callbackPort: { variable: 'SANDBOX_HOST_PORT', containerPort: 3000 } } : s.context;
  const unit = await buildUnit(getSnippet(version, id), parse, context, s.fill);
  return { id, ran: unit.ran, rewrites: unit.rewrites, placeholders: unit.placeholders, asRoot: unit.asRoot };
}

describe('rebaseRan on what the harness really runs', () => {
  const ids: SnippetId[] = ['workspace-run', 'network-binding', 'loopback-guard', 'socket-proxy', 'hardened-complete'];
  for (const id of ids) {
    it(`${id}: gives exactly the text the harness would run under the fresh session`, async () => {
      const old = await harnessRun(id, session(OLD, 41111, '/tmp/ohg-aaaaaa-x/workspace'));
      const fresh = session(NEW, 42222, '/tmp/ohg-bench-raw-bbbbbb-y/workspace');
      const expected = await harnessRun(id, fresh);
      const rebased = rebaseRan(old, fresh.fresh);
      expect(rebased.text).toBe(expected.ran);
      expect(rebased.text).not.toContain(OLD);
      expect(rebased.text).not.toContain('-aaaaaa');
      expect(rebased.text).not.toContain('41111');
    });
  }

  it('1.x network-binding: moves the app port it told the app (SANDBOX_HOST_PORT) with its publishes', async () => {
    const old = await harnessRun('network-binding', session(OLD, 41111, '/w'), '1.x');
    expect(old.ran).toContain('SANDBOX_HOST_PORT=41111');
    const fresh = session(NEW, 42222, '/w2');
    const rebased = rebaseRan(old, fresh.fresh);
    expect(rebased.text).toBe((await harnessRun('network-binding', fresh, '1.x')).ran);
    expect(rebased.text).toContain('SANDBOX_HOST_PORT=42222');
    expect(rebased.text).not.toContain('41111');
  });

  it('knows which snippet adds a firewall rule, and which host ports were moved', async () => {
    const guard = await harnessRun('loopback-guard', session(OLD, 41111, '/w'));
    expect(addsFirewallRule(guard)).toBe(guard.asRoot);
    expect(addsFirewallRule(guard)).toBe(true);
    expect(addsFirewallRule(await harnessRun('socket-proxy', session(OLD, 41111, '/w')))).toBe(false);
    expect(movedHostPorts(guard)).toEqual([3000]);
    expect(sessionIdsIn(guard)).toEqual([OLD]);
  });
});

describe('rebaseRan refuses what it cannot rebase safely', () => {
  const fresh = session(NEW, 42222, '/new').fresh;
  it('a rewrite rule it does not know (it might carry session values)', () => {
    const run: HarnessRun = { id: 'x', ran: 'docker run --secret-thing s1', rewrites: [{ rule: 'new-rule', from: '', to: ' --secret-thing s1' }], placeholders: [] };
    expect(() => rebaseRan(run, fresh)).toThrow(/unknown rewrite rule "new-rule"/);
  });
  it('a text where the old session id survives (a value no rewrite declared)', () => {
    const run: HarnessRun = {
      id: 'x',
      ran: `docker run --label org.openhands-guide.session=${OLD} img\necho ${OLD}`,
      rewrites: [{ rule: 'session-labels', from: '', to: ` --label org.openhands-guide.session=${OLD}` }],
      placeholders: [],
    };
    expect(() => rebaseRan(run, fresh)).toThrow(/still in the text/);
  });
  it('leaves a text without session values alone', () => {
    const run: HarnessRun = { id: 'x', ran: 'export WORKSPACE_BASE=/old', rewrites: [], placeholders: [{ placeholder: '/path/to/your/code', value: '/old' }] };
    expect(rebaseRan(run, fresh).text).toBe('export WORKSPACE_BASE=/new');
  });
});
