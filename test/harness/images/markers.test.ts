/**
 * whenFree (scripts/harness/images/markers.ts) without Docker: the daemon's marker list is
 * faked (the docker module mocked) and so are the timers, so its 1 s polls and 20 min
 * deadline run in an instant. It retries until an attempt succeeds, gives up naming the
 * holder only after the deadline, and never abandons an attempt in progress.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { whenFree } from '../../../scripts/harness/images/markers';

// The real docker module is never loaded: markers.ts gets these instead.
const dockerSync = vi.hoisted(() => vi.fn());
vi.mock('../../../scripts/harness/docker', () => ({ dockerSync, dockerResult: vi.fn() }));

const REFERENCE = 'ghcr.io/example/app:1.0';
/** A preload marker of a session on another host (which counts as live), holding REFERENCE, as `docker container ls --format {{.Labels}}` prints it. */
const MARKER = [
  'org.openhands-guide.role=image-marker',
  'org.openhands-guide.session=other-session',
  'org.openhands-guide.pid=4242',
  'org.openhands-guide.host=other-host.invalid',
  'org.openhands-guide.image-set=published-stand-ins',
  `org.openhands-guide.image-references=${REFERENCE}`,
].join(',');
const HOLD_WAIT_MS = 1_200_000;

beforeEach(() => {
  vi.useFakeTimers();
  dockerSync.mockReturnValue({ exitCode: 0, stdout: `${MARKER}\n`, stderr: '' });
});
afterEach(() => {
  vi.useRealTimers();
  dockerSync.mockReset();
});

describe('whenFree', () => {
  it('retries the attempt 1 s apart until it succeeds, and returns its value', async () => {
    const times: number[] = [];
    const result = whenFree([REFERENCE], (marker) => marker.preload, async () => (times.push(Date.now()), times.length === 3 ? 'tagged' : undefined));
    await vi.advanceTimersByTimeAsync(5_000);
    expect(await result).toBe('tagged');
    expect(times.map((t) => t - times[0]!)).toEqual([0, 1_000, 2_000]);
  });

  it('gives up only once 20 min have passed, naming the references and the session holding them', async () => {
    const times: number[] = [];
    const result = whenFree([REFERENCE], (marker) => marker.preload, async () => (times.push(Date.now()), undefined));
    const failed = expect(result).rejects.toThrow(
      `Waited 20 min for ${REFERENCE}, held by published stand-ins of session other-session (pid 4242 on other-host.invalid)`,
    );
    await vi.advanceTimersByTimeAsync(HOLD_WAIT_MS - 1_000);
    expect(times.length, 'attempts in the first 19 min 59 s').toBe(HOLD_WAIT_MS / 1_000);
    await vi.advanceTimersByTimeAsync(5_000);
    await failed;
    const gaps = new Set(times.slice(1).map((t, i) => t - times[i]!));
    expect([...gaps], 'ms between attempts').toEqual([1_000]);
    expect(times.at(-1)! - times[0]!, 'ms from the first attempt to the last').toBeGreaterThan(HOLD_WAIT_MS);
    // Faked time runs in an instant: a deadline that faked timers cannot reach fails here, not after 120 s.
  }, 10_000);

  it('awaits an attempt still running at the deadline, and returns what it gives', async () => {
    const start = Date.now();
    const result = whenFree([REFERENCE], (marker) => marker.preload, async () => {
      if (Date.now() - start < HOLD_WAIT_MS) return undefined;
      // The attempt that runs as the deadline passes: it takes a while (tagging under the lock), then succeeds.
      await new Promise((resolve) => setTimeout(resolve, 30_000));
      return 'tagged late';
    });
    await vi.advanceTimersByTimeAsync(HOLD_WAIT_MS + 60_000);
    expect(await result).toBe('tagged late');
  });
});
