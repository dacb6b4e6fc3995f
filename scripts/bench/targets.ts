import { ratio, verdict, type Verdict } from './stats';

/** The targets of the performance and versions issues, in one place. */
export const TARGETS = {
  /** The static checks plus the Docker part of `npm test`, all OpenHands versions, on 2 cores. */
  staticDockerMs: 120_000,
  /** `npm run test:unit`: every test that needs no Docker and no browser, on 2 cores (issue 17). */
  testUnitMs: 60_000,
  /** Full `npm test` on 2 cores with dependencies installed. */
  npmTestMs: 180_000,
  /** `npm run test:engines`'s matrix, every engine (images cached), on 2 cores. */
  matrixMs: 600_000,
  /** `.ci/run`: the matrix and the whole of `npm test` (installs not counted), on 2 cores. */
  ciRunMs: 1_200_000,
  /** Harness cost at most this times the raw Docker cost of the same operations. */
  harnessOverhead: 1.3,
  /** Production build of both locales and every docs version at most this times a blank site's with the same versions and locales. */
  buildRatio: 1.5,
  /** JS and CSS a reader downloads for a docs page: within 20% of a blank site's. */
  pageBytesRatio: 1.2,
} as const;

export interface TargetResult {
  readonly name: string;
  readonly measured: string;
  readonly target: string;
  readonly verdict: Verdict;
  /** Said next to the verdict: what the number includes. */
  readonly note?: string;
}

export function budgetVerdict(ms: number | undefined, budgetMs: number): Verdict {
  return ms === undefined ? 'not measured' : verdict(ratio(ms, budgetMs), 1);
}
