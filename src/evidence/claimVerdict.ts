import type { SiteClaimResult } from './types';

export type ClaimVerdict = SiteClaimResult['status'] | 'not-verified';

/** The commands failed on that engine as an expectation predicts: the claim was never checked there. */
export const uncheckedThere = (result: SiteClaimResult | undefined): boolean => result?.notVerifiable === 'command-failed-on-engine';

/**
 * One claim's verdict over the engines that ran its snippet (one result per engine). Engines
 * where it does not hold as an expectation says, or where it was never checked because the
 * commands failed as expected, are shown on their own; the verdict is over the others.
 */
export function claimVerdict(results: readonly (SiteClaimResult | undefined)[]): ClaimVerdict {
  if (results.length === 0) return 'not-verified';
  const judged = results.filter((r) => r?.status !== 'expected-failure' && !uncheckedThere(r));
  if (judged.length === 0) return results.some((r) => r?.status === 'expected-failure') ? 'expected-failure' : 'not-verifiable';
  const states = judged.map((r) => r?.status ?? 'not-verified');
  if (states.includes('failed')) return 'failed';
  return states.every((s) => s === 'verified') ? 'verified' : 'not-verifiable';
}

/** What the page shows for one claim: its verdict, or a confirmed risk for a verified claim that states one. */
export type ClaimShown = ClaimVerdict | 'confirmed-risk';

/** A verified claim that states a risk (src/snippets/claim-risk.ts) reads as a warning, never as a check. */
export const claimShown = (verdict: ClaimVerdict, risk: boolean): ClaimShown => (verdict === 'verified' && risk ? 'confirmed-risk' : verdict);
