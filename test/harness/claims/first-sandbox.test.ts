import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Evidence, type ClaimContext, type ContainerFacts, type StandInStatus } from '../../../scripts/harness/claims/context';
import { firstSandbox } from '../../../scripts/harness/claims/sandbox';
import { VERSIONS } from '../../../src/snippets/versions';
import { facts, fakeContext, world } from './fake-context';

/**
 * firstSandbox's wait: it stops early only on the stand-in app's own word that it failed,
 * and still takes a sandbox that is there. Counted in calls, not timed; the clock is vitest's
 * fake one, so the half-second pauses cost nothing.
 */
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** Runs the wait to its end on the fake clock. */
async function settle<T>(promise: Promise<T>): Promise<T> {
  await vi.runAllTimersAsync();
  return promise;
}
function appWorld(status: () => StandInStatus | undefined, sandboxes: () => ContainerFacts[]) {
  let lookups = 0;
  let statusReads = 0;
  const ctx = fakeContext(
    world({}),
    {
      profile: VERSIONS['0.33'].profile,
      imageSource: () => 'stand-in',
      sandboxesOf: async () => {
        lookups++;
        return sandboxes();
      },
      standInStatus: async () => {
        statusReads++;
        return status();
      },
    } satisfies Partial<ClaimContext>,
  );
  return { ctx, lookups: () => lookups, statusReads: () => statusReads };
}

const sandbox = facts('openhands-runtime-x', { ports: { '30000/tcp': [{ HostIp: '172.17.0.1', HostPort: '30000' }] } });

describe('firstSandbox', () => {
  it('stops waiting once the stand-in app reports that creating its sandbox failed, and says why', async () => {
    const w = appWorld(() => ({ error: 'creating the sandbox runtime container failed: Cannot connect to the Docker daemon' }), () => []);
    const ev = new Evidence();
    const result = await settle(firstSandbox(w.ctx, 'app', ev));
    expect('status' in result && result.status).toBe('failed');
    expect(w.statusReads()).toBe(2); // once to stop, once for the evidence
    expect(w.lookups()).toBe(5); // four rounds, then once more after the report
    expect(ev.lines.join('\n')).toContain('Cannot connect to the Docker daemon');
  });

  it('takes a sandbox that appears while the app has no error', async () => {
    let round = 0;
    const w = appWorld(() => ({ error: null }), () => (++round >= 6 ? [sandbox] : []));
    const result = await settle(firstSandbox(w.ctx, 'app', new Evidence()));
    expect(result).toBe(sandbox);
    expect(w.statusReads()).toBeGreaterThan(0);
  });

  it('takes the sandbox that came in just as the failure was reported', async () => {
    let round = 0;
    const w = appWorld(() => ({ error: 'a later request failed' }), () => (++round >= 5 ? [sandbox] : []));
    expect(await settle(firstSandbox(w.ctx, 'app', new Evidence()))).toBe(sandbox);
  });
});
