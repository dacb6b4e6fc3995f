import { expect, it } from 'vitest';
import type { EngineRun } from '../../contracts/verification-report';
import { unexpectedResults } from '../../scripts/engines/outcomes';

const run = (evidence: string[]): EngineRun =>
  ({
    engine: { id: 'podman', kind: 'podman', version: '5.4.2', cgroupVersion: 1 },
    images: [],
    reader: { uid: 1000, switchedUser: true },
    lanNeighbour: true,
    probes: 'nsenter',
    snippets: [
      {
        version: 'canvas', id: 'subnet-guard', requires: [], exitCode: 0, stderr: '', durationMs: 1, status: 'failed',
        claims: [{ claim: { kind: 'subnet-guard-blocks-lan', container: 'agent-canvas', port: 8000 }, status: 'failed', reason: '127.0.0.1:1 still answers', evidence }],
      },
    ],
  }) as unknown as EngineRun;

it('names the engine, the snippet, the claim and what failed, with the evidence\'s explanation of a failed probe', () => {
  expect(unexpectedResults(run(['FAILED: 127.0.0.1:1 still answers', 'why: route to 10.89.0.2: dev podman1']))).toEqual([
    'podman canvas/subnet-guard: subnet-guard-blocks-lan: 127.0.0.1:1 still answers (why: route to 10.89.0.2: dev podman1)',
  ]);
  expect(unexpectedResults(run(['FAILED: 127.0.0.1:1 still answers']))).toEqual(['podman canvas/subnet-guard: subnet-guard-blocks-lan: 127.0.0.1:1 still answers']);
});
