import { describe, expect, it } from 'vitest';
import { reportProblem, siteRunFromReport } from '../../src/evidence/fromReport';
import type { VerificationReport } from '../../scripts/harness/report';

const report: VerificationReport = {
  schema: 2,
  generatedAt: '2026-11-22T00:00:00.000Z',
  engine: { version: '20.10.24', cgroupVersion: '2' },
  images: [{ name: 'openhands', reference: 'docker.all-hands.dev/all-hands-ai/openhands:0.33', source: 'model' }],
  reader: { uid: 1000, switchedUser: true },
  lanNeighbour: true,
  probes: 'nsenter',
  snippets: [
    {
      id: 'resource-limits',
      registryHash: 'abcd1234',
      texts: { en: 'docker run ...', ja: 'docker run ...' },
      ran: 'docker run --label x ...',
      ranOwn: 'docker run --label x ...',
      requires: [],
      rewrites: [{ rule: 'session-labels', reason: 'r', offset: 10, from: '', to: ' --label x', snippet: 'resource-limits' }],
      placeholders: [{ placeholder: '/path/to/workspace', value: '/tmp/ws' }],
      exitCode: 0,
      stderr: 'secret noise',
      durationMs: 12,
      status: 'failed',
      claims: [
        { claim: { kind: 'cpu-limit', container: 'openhands-app', cpus: 2 }, status: 'failed', evidence: ['NanoCpus=4e9'], reason: 'NanoCpus is 4e9' },
        { claim: { kind: 'memory-limit', container: 'openhands-app', bytes: 1 }, status: 'verified', evidence: ['ok'], reason: 'ignored' },
      ],
    },
  ],
};

describe('siteRunFromReport', () => {
  const run = siteRunFromReport(report);
  it('keeps what a page shows', () => {
    expect(run).toMatchObject({ engineVersion: '20.10.24', cgroupVersion: '2', images: report.images });
    expect(run.snippets[0]).toMatchObject({ id: 'resource-limits', status: 'failed', placeholders: ['/path/to/workspace'] });
    expect(run.snippets[0]!.rewrites).toEqual([{ rule: 'session-labels', snippet: 'resource-limits', from: '', to: ' --label x' }]);
  });

  it('keeps a failure reason only for failed claims, and drops raw evidence and stderr', () => {
    expect(run.snippets[0]!.claims).toEqual([
      { kind: 'cpu-limit', status: 'failed', reason: 'NanoCpus is 4e9' },
      { kind: 'memory-limit', status: 'verified' },
    ]);
    expect(JSON.stringify(run)).not.toMatch(/secret noise|NanoCpus=4e9|\/tmp\/ws/);
  });
});

describe('reportProblem', () => {
  it('accepts a report of the current schema', () => {
    expect(reportProblem(report)).toBeUndefined();
  });

  it.each([
    [null, /not a JSON object/],
    [{ schema: 1, snippets: [] }, /unexpected schema 1, expected 2/],
    [{ schema: 2 }, /no snippets array/],
  ])('says what is wrong with %j', (value, message) => {
    expect(reportProblem(value)).toMatch(message);
  });
});
