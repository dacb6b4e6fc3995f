import { expect, it } from 'vitest';
import { routeFacts } from '../../../scripts/harness/run/route-facts';

// Read-only: `ip route get`, one /proc/sys file and `iptables -S`; nothing is sent or changed.
it('says which interface an address is routed through, its route_localnet, and that no rule of the run is in place', async () => {
  const facts = await routeFacts('127.0.0.1', 'openhands-guide-no-such-session');
  expect(facts).toMatch(/^route to 127\.0\.0\.1: local 127\.0\.0\.1 dev lo\b/);
  expect(facts).toMatch(/; route_localnet on lo = [01];/);
  expect(facts).toMatch(/this run's rules: none$/);
});

