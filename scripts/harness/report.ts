import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type * as Contract from '../../contracts/verification-report';
import { REPORT_SCHEMA, type ClaimResult, type ClaimStatus } from '../../contracts/verification-report';
import type { Claim } from '../../src/snippets';

export { REPORT_SCHEMA } from '../../contracts/verification-report';

/** The report as the harness writes it, its claims typed by the registry (src/snippets/claims.ts). */
export type SnippetReport = Contract.SnippetReport<Claim>;
export type EngineRun = Contract.EngineRun<Claim>;
export type VerificationReport = Contract.VerificationReport<Claim>;

export interface Totals {
  readonly snippets: number;
  readonly claims: Record<ClaimStatus, number>;
}

export function totals(run: Pick<Contract.EngineRun, 'snippets'>): Totals {
  const claims: Record<ClaimStatus, number> = { verified: 0, failed: 0, 'not-verifiable': 0, 'expected-failure': 0 };
  for (const snippet of run.snippets) for (const c of snippet.claims) claims[c.status]++;
  return { snippets: run.snippets.length, claims };
}

export function snippetStatus(exitCode: number, claims: readonly ClaimResult[]): Contract.SnippetReport['status'] {
  if (exitCode !== 0 || claims.some((c) => c.status === 'failed')) return 'failed';
  if (claims.some((c) => c.status === 'expected-failure')) return 'expected-failure';
  return claims.some((c) => c.status === 'not-verifiable') ? 'partly-verifiable' : 'verified';
}

/**
 * " (2 not run there, as an expectation says; 2 written for other engines)", or "" when every
 * snippet ran: the harness summary and the matrix say it the same way.
 */
export function notRunNote(run: Pick<Contract.EngineRun, 'snippets'>): string {
  const byExpectation = run.snippets.filter((s) => s.status === 'not-run' && s.expectation).length;
  const forOthers = run.snippets.filter((s) => s.status === 'not-run' && !s.expectation).length;
  const parts = [
    ...(byExpectation > 0 ? [`${byExpectation} not run there, as an expectation says`] : []),
    ...(forOthers > 0 ? [`${forOthers} written for other engines`] : []),
  ];
  return parts.length > 0 ? ` (${parts.join('; ')})` : '';
}

/** The closing summary of a verification: per engine, the totals and every claim that did not verify. */
export function summarize(report: Contract.VerificationReport): string {
  const lines: string[] = [];
  for (const run of report.runs) {
    if (run.failure) {
      lines.push(`Engine ${run.engine.id}: COULD NOT RUN: ${run.failure.reason}`);
      continue;
    }
    const t = totals(run);
    lines.push(
      `Docker verification on ${run.engine.id} (${run.engine.kind} ${run.engine.version}, cgroup ${run.engine.cgroupVersion}), images: ${run.images.map((i) => `${i.name}=${i.source}`).join(', ')}`,
      `${t.snippets} snippets${notRunNote(run)}; claims: ${t.claims.verified} verified, ${t.claims['expected-failure']} fail as expected, ${t.claims['not-verifiable']} not verifiable here, ${t.claims.failed} failed`,
    );
    for (const snippet of run.snippets) {
      const key = `${snippet.version}/${snippet.id}`;
      if (snippet.status === 'not-run') {
        lines.push(`  NOT RUN ON THIS ENGINE ${key}: ${snippet.stderr.trim()}`);
        continue;
      }
      for (const c of snippet.claims) {
        if (c.status === 'verified') continue;
        lines.push(`  ${c.status === 'failed' ? 'FAILED' : c.status === 'expected-failure' ? 'FAILS AS EXPECTED' : 'NOT VERIFIABLE HERE'} ${key} ${c.claim.kind}: ${c.reason ?? ''}`);
      }
      if (snippet.exitCode !== 0 && snippet.status !== 'expected-failure') lines.push(`  FAILED ${key}: the commands exited ${snippet.exitCode}: ${snippet.stderr.trim().split('\n').slice(-3).join(' | ')}`);
    }
  }
  return lines.join('\n');
}

export const REPORT_PATH = 'reports/verification.json';

export async function writeReport(report: Contract.VerificationReport, path = REPORT_PATH): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(report, null, 2)}\n`);
}

/** Where `npm run test:engines` (scripts/engines/matrix.ts) leaves one report per engine. */
export const ENGINE_REPORTS_DIR = 'reports/engines';

/**
 * The engine runs `npm run test:engines` left, to go next to the host's run in the report the
 * site shows. Each snippet's entry carries the hash of the registry entry it ran, so a run made
 * from other commands shows as "not verified in this build" for those, never as evidence.
 */
export async function engineRunsOnDisk(dir = ENGINE_REPORTS_DIR): Promise<EngineRun[]> {
  let files: string[];
  try {
    files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  } catch {
    return [];
  }
  const runs: EngineRun[] = [];
  for (const file of files) {
    try {
      const report = JSON.parse(await readFile(join(dir, file), 'utf8')) as VerificationReport;
      if (report.schema === REPORT_SCHEMA) runs.push(...report.runs);
    } catch {
      // A report cut off by a killed run: that engine simply shows no evidence.
    }
  }
  return runs;
}
