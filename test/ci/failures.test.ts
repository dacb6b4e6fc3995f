import { describe, expect, it } from 'vitest';
import type { EngineRun, SnippetReport, VerificationReport } from '../../contracts/verification-report';
import { REPORT_SCHEMA } from '../../contracts/verification-report';
import { annotation, failuresOf, markdown, placements } from '../../scripts/ci/failures';

function snippet(version: SnippetReport['version'], id: string, over: Partial<SnippetReport> = {}): SnippetReport {
  return {
    version, id, registryHash: 'x', texts: { en: '', ja: '' }, ran: '', ranOwn: '', requires: [], rewrites: [], placeholders: [],
    exitCode: 0, stderr: '', durationMs: 1, status: 'verified', claims: [], ...over,
  } as SnippetReport;
}

function report(snippets: SnippetReport[], extra: EngineRun[] = []): VerificationReport {
  const run = {
    engine: { id: 'host', kind: 'docker', version: '28.0.4', cgroupVersion: '2' },
    images: [{ name: 'openhands-0.33', reference: 'docker.all-hands.dev/all-hands-ai/openhands:0.33', source: 'real' }],
    reader: { uid: 1000, switchedUser: true }, lanNeighbour: true, probes: 'nsenter', snippets,
  } as EngineRun;
  return { schema: REPORT_SCHEMA, generatedAt: '2026-11-30T04:17:00Z', runs: [run, ...extra] };
}

describe('the failures the workflows print (scripts/ci/failures.ts)', () => {
  it('names each failed claim with its snippet, its page in both languages, its source and the harness\'s reason', async () => {
    const failed = snippet('0.33', 'network-binding', {
      status: 'failed',
      claims: [
        { claim: { kind: 'port-loopback-only', container: 'openhands-app', port: 3000 }, status: 'failed', reason: 'bound to 0.0.0.0', evidence: ['HostIp 0.0.0.0'] },
        { claim: { kind: 'sandbox-reachable' }, status: 'verified', evidence: [] },
      ] as unknown as SnippetReport['claims'],
    });
    const crashed = snippet('canvas', 'canvas-run', { exitCode: 125, status: 'failed', stderr: 'docker: Error response from daemon: pull access denied' });
    const fine = snippet('1.x', 'network-binding');
    const failures = failuresOf(report([failed, crashed, fine]), await placements());
    expect(failures).toEqual([
      {
        engine: 'host', snippet: '0.33/network-binding', what: 'claim port-loopback-only',
        pages: ['/0.33/hardened-installation#snippet-network-binding', '/ja/0.33/hardened-installation#snippet-network-binding'],
        source: 'versioned_docs/version-0.33/hardened-installation.mdx', reason: 'bound to 0.0.0.0', evidence: ['HostIp 0.0.0.0'],
      },
      {
        engine: 'host', snippet: 'canvas/canvas-run', what: 'commands',
        pages: ['/docker-runtime#snippet-canvas-run', '/ja/docker-runtime#snippet-canvas-run'],
        source: 'docs/docker-runtime.mdx', reason: 'the commands exited 125', evidence: ['docker: Error response from daemon: pull access denied'],
      },
    ]);
    const text = markdown(report([failed]), failures.slice(0, 1), 'https://example-org.github.io/openhands-docker-guide/');
    expect(text).toContain('## Verification: 1 failure');
    expect(text).toContain('[/0.33/hardened-installation#snippet-network-binding](https://example-org.github.io/openhands-docker-guide/0.33/hardened-installation#snippet-network-binding)');
    expect(text).toContain('docker.all-hands.dev/all-hands-ai/openhands:0.33 (published image)');
    expect(annotation(failures[0]!)).toBe(
      '::error file=versioned_docs/version-0.33/hardened-installation.mdx,title=0.33/network-binding claim port-loopback-only::claim port-loopback-only of snippet 0.33/network-binding on host no longer holds: bound to 0.0.0.0. Page: /0.33/hardened-installation#snippet-network-binding, /ja/0.33/hardened-installation#snippet-network-binding',
    );
  });

  it('says when every claim holds, and counts an engine that could not run as a failure', async () => {
    expect(failuresOf(report([snippet('1.x', 'network-binding')]), await placements())).toEqual([]);
    expect(markdown(report([]), [], undefined)).toContain('## Verification: every claim holds');
    const broken = { ...report([]).runs[0]!, engine: { id: 'podman', kind: 'podman', version: 'unknown', cgroupVersion: 'unknown' }, failure: { reason: 'no debootstrap', log: 'a\nb' } } as EngineRun;
    expect(failuresOf(report([], [broken]), await placements()).map((f) => `${f.engine}: ${f.reason}`)).toEqual(['podman: the engine could not run: no debootstrap']);
  });
});
