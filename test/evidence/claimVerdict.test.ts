import { describe, expect, it } from 'vitest';
import { claimVerdict } from '../../src/evidence/claimVerdict';
import type { SiteClaimResult } from '../../src/evidence/types';

const r = (status: SiteClaimResult['status'], extra: Partial<SiteClaimResult> = {}): SiteClaimResult => ({ kind: 'sandbox-reachable', status, ...extra });
const unchecked = r('not-verifiable', { notVerifiable: 'command-failed-on-engine', expectation: 'rootless-binds-on-host' });

describe('claimVerdict', () => {
  it('judges over the engines where the claim was checked', () => {
    expect(claimVerdict([r('verified'), r('verified')])).toBe('verified');
    expect(claimVerdict([r('verified'), r('failed')])).toBe('failed');
    expect(claimVerdict([r('verified'), r('not-verifiable', { notVerifiable: 'no-lan-namespace' })])).toBe('not-verifiable');
  });

  it('leaves out an engine where it does not hold as expected, or where the commands failed as expected', () => {
    expect(claimVerdict([r('verified'), r('expected-failure', { expectation: 'x' })])).toBe('verified');
    expect(claimVerdict([r('verified'), unchecked])).toBe('verified');
  });

  it('says "not verifiable", never "does not hold", when the commands failed on every engine that ran them', () => {
    expect(claimVerdict([unchecked])).toBe('not-verifiable');
    expect(claimVerdict([r('expected-failure', { expectation: 'x' })])).toBe('expected-failure');
    expect(claimVerdict([])).toBe('not-verified');
  });
});
