import { describe, expect, it } from 'vitest';
import { reportProblem, siteReportFromReport } from '../../src/evidence/fromReport';
import type { EngineRun, VerificationReport } from '../../contracts/verification-report';
import type { Claim } from '../../src/snippets';

const run: EngineRun<Claim> = {
  engine: { id: 'host', kind: 'docker', version: '20.10.24', cgroupVersion: '2' },
  images: [{ name: 'openhands-0.33', reference: 'docker.all-hands.dev/all-hands-ai/openhands:0.33', source: 'stand-in' }],
  reader: { uid: 1000, switchedUser: true },
  lanNeighbour: true,
  probes: 'nsenter',
  snippets: [
    {
      version: '0.33',
      id: 'resource-limits',
      registryHash: 'abcd1234',
      texts: { en: 'docker run -v /path/to/workspace:/w ...', ja: 'docker run -v /path/to/workspace:/w ...' },
      ran: 'docker run --label x ...',
      ranOwn: 'docker run --label x ...',
      requires: [],
      rewrites: [{ rule: 'session-labels', reason: 'r', offset: 10, from: '', to: ' --label x', snippet: 'resource-limits' }],
      // The second was filled in a command this one requires, not in its own text.
      placeholders: [{ placeholder: '/path/to/workspace', value: '/tmp/ws' }, { placeholder: '/path/to/your/projects', value: '/tmp/p' }],
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

const report: VerificationReport<Claim> = {
  schema: 4,
  generatedAt: '2026-11-22T00:00:00.000Z',
  runs: [run, { ...run, engine: { id: 'podman', kind: 'podman', version: '5.4.2', cgroupVersion: '1' }, snippets: [], failure: { reason: 'no cgroups', log: 'long log' } }],
};

describe('siteReportFromReport', () => {
  const site = siteReportFromReport(report);
  it('keeps what a page shows, per engine', () => {
    expect(site.runs[0]!.engine).toMatchObject({ id: 'host', kind: 'docker', version: '20.10.24', cgroupVersion: '2', images: run.images });
    expect(site.runs[0]!.snippets[0]).toMatchObject({ version: '0.33', id: 'resource-limits', status: 'failed' });
    expect(site.runs[0]!.snippets[0]!.placeholders, 'only the placeholders of its own text').toEqual(['/path/to/workspace']);
    expect(site.runs[0]!.snippets[0]!.rewrites).toEqual([{ rule: 'session-labels', snippet: 'resource-limits', from: '', to: ' --label x' }]);
    expect(site.runs[1]!.engine).toMatchObject({ id: 'podman', failure: 'no cgroups' });
  });

  it('keeps a failure reason only for failed claims, and drops raw evidence, stderr and engine logs', () => {
    expect(site.runs[0]!.snippets[0]!.claims).toEqual([
      { kind: 'cpu-limit', status: 'failed', reason: 'NanoCpus is 4e9' },
      { kind: 'memory-limit', status: 'verified' },
    ]);
    expect(JSON.stringify(site)).not.toMatch(/secret noise|NanoCpus=4e9|\/tmp\/ws|long log/);
  });
});

describe('reportProblem', () => {
  it('accepts a report of the current schema', () => {
    expect(reportProblem(report)).toBeUndefined();
  });

  it.each([
    [null, /not a JSON object/],
    [{ schema: 2, snippets: [] }, /unexpected schema 2, expected 4/],
    // Schema 3 called the stand-ins `model`: a site reading it would name their images wrongly.
    [{ schema: 3, runs: [] }, /unexpected schema 3, expected 4/],
    [{ schema: 4 }, /no runs array/],
  ])('says what is wrong with %j', (value, message) => {
    expect(reportProblem(value)).toMatch(message);
  });
});
