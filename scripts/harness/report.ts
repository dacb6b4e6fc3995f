import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Claim } from '../../src/snippets';
import type { ClaimResult, ClaimStatus } from './claims/context';
import type { ProbeWay } from './run/probes';
import type { UnitTexts } from './run/unit';

/** The JSON report: what ran, how it was changed, and each claim with its evidence. */
/** Bumped when a field the site or the browser tests read changes meaning. */
export const REPORT_SCHEMA = 2;

export interface VerificationReport {
  readonly schema: typeof REPORT_SCHEMA;
  readonly generatedAt: string;
  readonly engine: { readonly version: string; readonly cgroupVersion: string };
  readonly images: readonly { name: string; reference: string; source: 'model' | 'real' }[];
  readonly reader: { readonly uid: number; readonly switchedUser: boolean };
  readonly lanNeighbour: boolean;
  /** How probes entered containers' network namespaces (scripts/harness/run/probes.ts). */
  readonly probes: ProbeWay;
  readonly snippets: readonly SnippetReport[];
}

export interface SnippetReport extends UnitTexts {
  readonly id: string;
  readonly requires: readonly string[];
  readonly exitCode: number;
  readonly stderr: string;
  readonly durationMs: number;
  readonly status: 'verified' | 'failed' | 'partly-verifiable';
  readonly claims: readonly (ClaimResult & { claim: Claim })[];
}

export interface Totals {
  readonly snippets: number;
  readonly claims: Record<ClaimStatus, number>;
}

export function totals(report: Pick<VerificationReport, 'snippets'>): Totals {
  const claims: Record<ClaimStatus, number> = { verified: 0, failed: 0, 'not-verifiable': 0 };
  for (const snippet of report.snippets) for (const c of snippet.claims) claims[c.status]++;
  return { snippets: report.snippets.length, claims };
}

export function snippetStatus(exitCode: number, claims: readonly ClaimResult[]): SnippetReport['status'] {
  if (exitCode !== 0 || claims.some((c) => c.status === 'failed')) return 'failed';
  return claims.some((c) => c.status === 'not-verifiable') ? 'partly-verifiable' : 'verified';
}

/** The closing summary of `npm test`. */
export function summarize(report: VerificationReport): string {
  const t = totals(report);
  const lines = [
    `Docker verification on Engine ${report.engine.version} (cgroup ${report.engine.cgroupVersion}), images: ${report.images.map((i) => `${i.name}=${i.source}`).join(', ')}`,
    `${t.snippets} snippets run; claims: ${t.claims.verified} verified, ${t.claims['not-verifiable']} not verifiable here, ${t.claims.failed} failed`,
  ];
  for (const snippet of report.snippets) {
    for (const c of snippet.claims) {
      if (c.status === 'verified') continue;
      lines.push(`  ${c.status === 'failed' ? 'FAILED' : 'NOT VERIFIABLE HERE'} ${snippet.id} ${c.claim.kind}: ${c.reason ?? ''}`);
    }
    if (snippet.exitCode !== 0) lines.push(`  FAILED ${snippet.id}: the commands exited ${snippet.exitCode}: ${snippet.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  }
  return lines.join('\n');
}

export const REPORT_PATH = 'reports/verification.json';

export async function writeReport(report: VerificationReport, path = REPORT_PATH): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(report, null, 2)}\n`);
}
