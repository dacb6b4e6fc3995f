import { describe, expect, it } from 'vitest';
import { countPackets, egressChainName } from '../../scripts/harness/egress-guard';

// `iptables -t mangle -L OHG-…-EGRESS -v -x -n` as iptables 1.8.9 prints it.
const LISTING = `Chain OHG-1a2b3c-EGRESS (1 references)
    pkts      bytes target     prot opt in     out     source               destination
       0        0 DROP       17   --  *      eth0    0.0.0.0/0            0.0.0.0/0            udp dpt:53 STRING match  "|06316132623363047465737400|" ALGO name bm TO 65535
       2       98 DROP       6    --  *      eth0    0.0.0.0/0            0.0.0.0/0            tcp dpt:53 STRING match  "|06316132623363047465737400|" ALGO name bm TO 65535
       3      180 DROP       0    --  *      eth0    172.18.0.2           0.0.0.0/0
`;

describe('countPackets', () => {
  it('sums the packet column of every rule, not the bytes and not the header', () => {
    expect(countPackets(LISTING)).toBe(5);
  });

  it('is zero for a chain whose rules matched nothing, or that has none', () => {
    expect(countPackets(LISTING.replace(/^( +)[23]( +)/gm, '$10$2'))).toBe(0);
    expect(countPackets(LISTING.split('\n').slice(0, 2).join('\n'))).toBe(0);
  });
});

describe('egressChainName', () => {
  it('fits the 28 characters iptables allows a chain name', () => {
    expect(egressChainName('1a2b3c')).toBe('OHG-1a2b3c-EGRESS');
    expect(egressChainName('1a2b3c').length).toBeLessThanOrEqual(28);
  });
});
