import { describe, expect, it } from 'vitest';
import type { ClaimKind } from '../../../src/snippets';
import { checkClaim } from '../../../scripts/harness/claims/index';
import type { Checker } from '../../../scripts/harness/claims/context';
import { AGENT_WRITES } from './agent-writes.cases';
import { API } from './api.cases';
import { AUDIT } from './audit.cases';
import { EDITOR } from './editor.cases';
import { EGRESS } from './egress.cases';
import { IDENTITY } from './identity.cases';
import { LIFECYCLE } from './lifecycle.cases';
import { LIMITS } from './limits.cases';
import { NETWORKS } from './networks.cases';
import { PORTS } from './ports.cases';
import { SANDBOX } from './sandbox.cases';
import { SOCKET_CASES } from './socket.cases';
import { WORKSPACE_CHOWN } from './workspace-chown.cases';
import { isRoot, judge, runScenario, type CaseTable, type Scenario } from './scenario';

/**
 * Every claim kind's cases in one table, typed by the Claim union: a new kind without a world
 * where it holds and one where it fails does not compile. Then the table is turned on a checker
 * that always answers "verified": each kind's failing worlds must reject it, so no checker can
 * pass its tests without looking.
 */
export const CASES: CaseTable<ClaimKind> = {
  ...LIMITS, ...PORTS, ...IDENTITY, ...LIFECYCLE, ...AUDIT, ...NETWORKS, ...SOCKET_CASES, ...API, ...EDITOR, ...AGENT_WRITES, ...WORKSPACE_CHOWN, ...SANDBOX, ...EGRESS,
};
const KINDS = Object.keys(CASES) as ClaimKind[];

const alwaysVerified: Checker<ClaimKind> = async () => ({ status: 'verified', evidence: [] });

describe('a checker that always answered "verified"', () => {
  it(`is rejected for each of the ${KINDS.length} claim kinds`, () => {
    expect(KINDS.length).toBeGreaterThanOrEqual(50);
  });
  for (const kind of KINDS) {
    it(`fails every failing world of ${kind}`, async () => {
      for (const scenario of CASES[kind].fails as readonly Scenario<ClaimKind, 'failed' | 'not-verifiable'>[]) {
        const result = await runScenario(alwaysVerified, scenario);
        expect(() => judge(result, scenario.expect), `${kind}: "${scenario.name}" accepts a checker that always answers verified`).toThrow();
      }
    });
  }
});

/** The registry (CHECKERS) sends each kind to the checker its cases were written for: a swapped entry fails here. */
describe('checkClaim', () => {
  for (const kind of KINDS) {
    const [holds] = CASES[kind].holds;
    const [fails] = CASES[kind].fails;
    it.skipIf(holds.needsRoot && !isRoot)(`judges ${kind} as its checker does`, async () => {
      const viaRegistry: Checker<ClaimKind> = (claim, ctx) => checkClaim(claim, ctx);
      judge(await runScenario(viaRegistry, holds as Scenario<ClaimKind, 'verified'>), holds.expect);
      judge(await runScenario(viaRegistry, fails as Scenario<ClaimKind, 'failed' | 'not-verifiable'>), fails.expect);
    });
  }
});
