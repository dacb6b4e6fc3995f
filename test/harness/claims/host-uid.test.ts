import { describe, expect, it } from 'vitest';
import { hostUidIn } from '../../../scripts/harness/claims/agent-writes';
import { facts, fakeContext, world } from './fake-context';

/** Which host uid a file the agent makes belongs to, read from the container's uid map. */
function inContainer(uidMap: string | undefined) {
  return fakeContext(world({ agent: { facts: facts('agent'), listening: [], exec: (command: readonly string[]) => (command.join(' ') === 'cat /proc/self/uid_map' ? uidMap : undefined) } }));
}

describe('hostUidIn', () => {
  it('is the uid itself without a user namespace (the whole range maps to itself)', async () => {
    expect(await hostUidIn(inContainer('         0          0 4294967295\n'), 'agent', 10001)).toBe(10001);
  });

  it('is the subordinate uid on rootless Docker (seen here: 10001 is 110000)', async () => {
    expect(await hostUidIn(inContainer('         0       1000          1\n         1     100000      65536\n'), 'agent', 10001)).toBe(110000);
    expect(await hostUidIn(inContainer('         0       1000          1\n         1     100000      65536\n'), 'agent', 0)).toBe(1000);
  });

  it('falls back to the uid itself when the map cannot be read', async () => {
    expect(await hostUidIn(inContainer(undefined), 'agent', 10001)).toBe(10001);
  });
});
