/**
 * Judges a snippet's results on one engine by the engine expectations (src/engines/expectations.ts):
 * a failure they predict becomes `expected-failure` (a result: "does not work on this engine",
 * with what was observed), and a prediction that does not come true becomes a failure, so an
 * expectation that went out of date shows up at once.
 */
import type { ClaimResult, EngineInfo } from '../../contracts/verification-report';
import type { Claim } from '../../src/snippets/claims';
import { appliesTo, EXPECTATIONS, matchesClaim } from '../../src/engines/expectations';

type Result = ClaimResult & { claim: Claim };

export interface Judged {
  readonly claims: Result[];
  /** Set when the commands failed as an expectation predicts. */
  readonly commandExpectation?: string;
}

/** An expectation that says not to run the snippet on this engine at all. */
export function notRunHere(snippetKey: string, engine: Pick<EngineInfo, 'kind' | 'version' | 'cgroupVersion'>) {
  return EXPECTATIONS.find((e) => e.outcome.kind === 'not-run' && appliesTo(e, engine, snippetKey));
}

export function judge(snippetKey: string, engine: Pick<EngineInfo, 'kind' | 'version' | 'cgroupVersion'>, shell: { exitCode: number; stderr: string }, claims: readonly Result[]): Judged {
  const applicable = EXPECTATIONS.filter((e) => appliesTo(e, engine, snippetKey));
  const command = applicable.find((e) => e.outcome.kind === 'command-fails');
  if (command && command.outcome.kind === 'command-fails') {
    const observed = shell.exitCode !== 0 && shell.stderr.includes(command.outcome.error);
    if (observed) {
      // The snippet does not work here, as expected; its claims were never checked here, so
      // they are not "does not hold": they are out of reach, with the expectation that says why.
      const reason = `the commands fail on this engine, as expected (${command.id}): ${lastLine(shell.stderr)}`;
      return {
        claims: claims.map((c) => ({ ...c, status: 'not-verifiable', notVerifiable: 'command-failed-on-engine', reason, expectation: command.id })),
        commandExpectation: command.id,
      };
    }
    const why = shell.exitCode === 0 ? 'they succeeded' : `they failed otherwise: ${lastLine(shell.stderr)}`;
    const reason = `expected the commands to fail on this engine with "${command.outcome.error}" (${command.id}: ${command.source}), but ${why}: the expectation is out of date`;
    return { claims: claims.map((c) => ({ ...c, status: 'failed', reason })) };
  }
  return {
    claims: claims.map((result) => {
      const expectation = applicable.find((e) => e.outcome.kind === 'claim-fails' && e.outcome.claims.some((match) => matchesClaim(match, result.claim)));
      if (!expectation) return result;
      if (result.status === 'failed') return { ...result, status: 'expected-failure', expectation: expectation.id };
      if (result.status === 'verified') {
        return { ...result, status: 'failed', reason: `expected not to hold on this engine (${expectation.id}: ${expectation.source}), but it held: the expectation is out of date` };
      }
      return result;
    }),
  };
}

const lastLine = (text: string) => text.trim().split('\n').at(-1) ?? '';
