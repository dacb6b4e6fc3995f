import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { AuditCheck } from '../../../contracts/verification-report';
import type { Claim, ClaimKind } from '../../../src/snippets';
import type { Checker, ClaimContext, ClaimResult, ClaimStatus, NotVerifiableReason } from '../../../scripts/harness/claims/context';

/**
 * One world a checker is driven through, and what it must answer there. A claim kind's cases
 * are a table entry: at least one world where the claim holds and one where it does not, so a
 * checker that always answered "verified" (or always "failed") fails a test.
 */
export type ClaimOf<K extends ClaimKind> = Extract<Claim, { kind: K }>;

/** What a scenario expects: a status and, where the checker tells them apart, which reason. */
export interface Expectation<S extends ClaimStatus> {
  readonly status: S;
  /** A part of the result's reason (failed, not verifiable). */
  readonly reason?: string;
  readonly notVerifiable?: NotVerifiableReason;
  /** For an audit claim: the table's verdict per check (the rows are what the claim states). */
  readonly audit?: Readonly<Partial<Record<AuditCheck, boolean>>>;
}

/** Folders a scenario makes; removed after it ran. */
export interface Scratch {
  dir(): string;
}

export interface Scenario<K extends ClaimKind, S extends ClaimStatus> {
  readonly name: string;
  readonly claim: ClaimOf<K>;
  readonly context: (scratch: Scratch) => ClaimContext;
  readonly expect: Expectation<S>;
  /** For what this process cannot play unless it is root (giving files to other users). */
  readonly needsRoot?: boolean;
}

type NonEmpty<T> = readonly [T, ...T[]];
export type NotVerified = Exclude<ClaimStatus, 'verified' | 'expected-failure'>;

export interface Cases<K extends ClaimKind> {
  readonly holds: NonEmpty<Scenario<K, 'verified'>>;
  readonly fails: NonEmpty<Scenario<K, NotVerified>>;
}

/** The cases of some claim kinds: every kind named must have a world where it holds and one where it fails. */
export type CaseTable<Ks extends ClaimKind> = { readonly [K in Ks]: Cases<K> };

export const isRoot = process.getuid?.() === 0;

/**
 * Runs a checker in its scenario's world. Checkers wait for services (up to 30 s, polling every
 * 500 ms): the clock is faked and moved on whenever the checker waits on a timer, so a failing
 * world costs no real time; real I/O (files, the reader's shell) still runs.
 */
export async function runScenario<K extends ClaimKind>(checker: Checker<K>, scenario: Scenario<K, ClaimStatus>): Promise<ClaimResult> {
  const made: string[] = [];
  const scratch: Scratch = {
    dir: () => {
      const dir = mkdtempSync(join(tmpdir(), 'ohg-claim-test-'));
      made.push(dir);
      return dir;
    },
  };
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  try {
    const ctx = scenario.context(scratch);
    let outcome: { result: ClaimResult } | { error: unknown } | undefined;
    void checker(scenario.claim, ctx).then(
      (result) => (outcome = { result }),
      (error: unknown) => (outcome = { error }),
    );
    // No checker waits ten minutes: past that it is polling a deadline it can never reach.
    const giveUp = Date.now() + 600_000;
    while (outcome === undefined) {
      if (Date.now() > giveUp) throw new Error(`the checker still waits after 600 s of faked time: ${scenario.name}`);
      if (vi.getTimerCount() > 0) await vi.advanceTimersToNextTimerAsync();
      else await new Promise((resolve) => setImmediate(resolve));
    }
    if ('error' in outcome) throw outcome.error;
    return outcome.result;
  } finally {
    vi.useRealTimers();
    for (const dir of made) rmSync(dir, { recursive: true, force: true });
  }
}

/** Fails (throws) unless the result is what the scenario expects. */
export function judge(result: ClaimResult, expected: Expectation<ClaimStatus>): void {
  const evidence = [`reason: ${result.reason ?? '(none)'}`, ...result.evidence].join('\n');
  expect(result.status, evidence).toBe(expected.status);
  if (expected.reason !== undefined) expect(result.reason ?? '', evidence).toContain(expected.reason);
  if (expected.notVerifiable !== undefined) expect(result.notVerifiable, evidence).toBe(expected.notVerifiable);
  if (expected.audit !== undefined) {
    const met = Object.fromEntries((result.audit ?? []).map((row) => [row.check, row.met]));
    expect(met, evidence).toMatchObject(expected.audit);
  }
}

/** Registers one test per scenario of each kind, driven through its real checker. */
export function describeCases<Ks extends ClaimKind>(table: CaseTable<Ks>, checkers: { readonly [K in Ks]: Checker<K> }): void {
  for (const kind of Object.keys(table) as Ks[]) {
    const cases = table[kind] as Cases<Ks>;
    const checker = checkers[kind] as Checker<Ks>;
    describe(kind, () => {
      for (const scenario of [...cases.holds, ...cases.fails] as Scenario<Ks, ClaimStatus>[]) {
        it.skipIf(scenario.needsRoot && !isRoot)(`${scenario.expect.status === 'verified' ? 'holds' : scenario.expect.status}: ${scenario.name}`, async () => {
          judge(await runScenario(checker, scenario), scenario.expect);
        });
      }
    });
  }
}
