import { describe, expect, it } from 'vitest';
import { whileCreatingNetworks, withNoNetworkCreated } from '../../../scripts/harness/run/network-quiet';

const tick = (ms = 20) => new Promise((resolve) => setTimeout(resolve, ms));

describe('isolation probes and network creation (run/network-quiet.ts)', () => {
  it('lets several network creations run at once', async () => {
    const order: string[] = [];
    await Promise.all(
      ['a', 'b'].map((name) =>
        whileCreatingNetworks(async () => {
          order.push(`${name} start`);
          await tick();
          order.push(`${name} end`);
        }),
      ),
    );
    expect(order.slice(0, 2).sort()).toEqual(['a start', 'b start']);
  });

  it('runs probes only after the creations in flight have ended, and holds new ones off until they end', async () => {
    const order: string[] = [];
    const creating = whileCreatingNetworks(async () => {
      order.push('create 1 start');
      await tick(40);
      order.push('create 1 end');
    });
    await tick(5);
    const probes = withNoNetworkCreated(async () => {
      order.push('probes start');
      await tick(40);
      order.push('probes end');
    });
    await tick(60);
    const later = whileCreatingNetworks(async () => {
      order.push('create 2 start');
    });
    await Promise.all([creating, probes, later]);
    expect(order).toEqual(['create 1 start', 'create 1 end', 'probes start', 'probes end', 'create 2 start']);
  });

  it('releases the probes when they throw', async () => {
    await expect(withNoNetworkCreated(async () => Promise.reject(new Error('probe failed')))).rejects.toThrow('probe failed');
    await expect(whileCreatingNetworks(async () => 'created')).resolves.toBe('created');
  });
});
