import { describe, expect, it } from 'vitest';
import { judge, notRunHere } from '../../scripts/harness/expectations';
import { appliesTo, EXPECTATIONS, loopbackGap } from '../../src/engines/expectations';
import type { Claim } from '../../src/snippets/claims';
import { allSnippets, snippetKey } from '../../src/snippets';

const rootless = { kind: 'rootless-docker', version: '28.5.2', cgroupVersion: '1' } as const;
const docker28 = { kind: 'docker', version: '28.5.2+dfsg4', cgroupVersion: '1' } as const;
const podman = { kind: 'podman', version: '5.4.2', cgroupVersion: '1' } as const;
const claim = (kind: Claim['kind']) => ({ kind, container: 'openhands-app' }) as Claim;
const result = (kind: Claim['kind'], status: 'verified' | 'failed') => ({ claim: claim(kind), status, evidence: [] });

describe('engine expectations', () => {
  it('name only snippets and claims that exist', () => {
    const keys = new Set(allSnippets().map(snippetKey));
    const ids = new Set(allSnippets().map((s) => s.id));
    for (const e of EXPECTATIONS) {
      for (const s of e.snippets) expect(s.startsWith('*/') ? ids.has(s.slice(2)) : keys.has(s), `${e.id}: ${s}`).toBe(true);
      expect(e.source.length, e.id).toBeGreaterThan(20);
    }
  });

  it('turn a predicted command failure into a result on that engine only', () => {
    const failing = { exitCode: 125, stderr: 'docker: listen tcp4 172.17.0.1:20174: bind: cannot assign requested address' };
    const judged = judge('1.x/network-binding', rootless, failing, [result('sandbox-reachable', 'failed')]);
    expect(judged.commandExpectation).toBe('rootless-binds-on-host');
    // The snippet does not work there, as expected; its claims were never checked there.
    expect(judged.claims[0]).toMatchObject({ status: 'not-verifiable', notVerifiable: 'command-failed-on-engine', expectation: 'rootless-binds-on-host' });
    // The same failure on Docker Engine is a failure.
    expect(judge('1.x/network-binding', docker28, failing, [result('sandbox-reachable', 'failed')]).claims[0]!.status).toBe('failed');
  });

  it('fail when a predicted failure does not happen: the expectation went out of date', () => {
    const judged = judge('1.x/network-binding', rootless, { exitCode: 0, stderr: '' }, [result('sandbox-reachable', 'verified')]);
    expect(judged.claims[0]!.status).toBe('failed');
    expect(judged.claims[0]!.reason).toMatch(/expectation is out of date/);
    const limits = judge('canvas/resource-limits', rootless, { exitCode: 0, stderr: '' }, [result('cpu-limit', 'verified'), result('api-requires-key', 'verified')]);
    expect(limits.claims.map((c) => c.status)).toEqual(['failed', 'verified']);
  });

  it('apply by engine kind and cgroup version', () => {
    const limits = EXPECTATIONS.find((e) => e.id === 'rootless-cgroup-v1-limits')!;
    expect(appliesTo(limits, rootless, '0.33/resource-limits')).toBe(true);
    expect(appliesTo(limits, { ...rootless, cgroupVersion: '2' }, '0.33/resource-limits')).toBe(false);
    expect(appliesTo(limits, docker28, '0.33/resource-limits')).toBe(false);
    expect(notRunHere('1.x/loopback-guard', podman)?.id).toBe('podman-bridge-gateway-publish');
    expect(notRunHere('1.x/loopback-guard', docker28)).toBeUndefined();
  });

  it('say where the loopback gap is open', () => {
    expect(loopbackGap({ kind: 'docker', version: '20.10.24+dfsg1' }).open).toBe(true);
    expect(loopbackGap({ kind: 'docker', version: '28.5.2' }).open).toBe(false);
    expect(loopbackGap(podman).open).toBe(true);
    expect(loopbackGap(rootless).open).toBe(false);
  });
});
