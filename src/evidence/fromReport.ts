import { REPORT_SCHEMA, type VerificationReport } from '../../contracts/verification-report';
import type { Claim } from '../snippets';
import type { SiteReport } from './types';

/** Keeps what the pages show; drops raw evidence, stderr and the texts (the site renders its own). */
export function siteReportFromReport(report: VerificationReport<Claim>): SiteReport {
  return {
    generatedAt: report.generatedAt,
    runs: report.runs.map((run) => ({
      engine: {
        id: run.engine.id,
        kind: run.engine.kind,
        version: run.engine.version,
        cgroupVersion: run.engine.cgroupVersion,
        images: run.images,
        ...(run.failure ? { failure: run.failure.reason } : {}),
      },
      snippets: run.snippets.map((snippet) => ({
        version: snippet.version,
        id: snippet.id,
        registryHash: snippet.registryHash,
        status: snippet.status,
        ...(snippet.status === 'not-run' && snippet.expectation ? { expectation: snippet.expectation } : {}),
        exitCode: snippet.exitCode,
        requires: snippet.requires,
        claims: snippet.claims.map((c) => ({
          kind: c.claim.kind,
          status: c.status,
          ...(c.notVerifiable ? { notVerifiable: c.notVerifiable } : {}),
          ...(c.status === 'failed' && c.reason ? { reason: c.reason } : {}),
          ...(c.audit ? { audit: c.audit } : {}),
          ...(c.expectation ? { expectation: c.expectation } : {}),
        })),
        rewrites: snippet.rewrites.map(({ rule, snippet: part, from, to }) => ({ rule, snippet: part, from, to })),
        // Only the placeholders of this command's own text: a required command's fill belongs under that command.
        placeholders: snippet.placeholders.filter((p) => Object.values(snippet.texts).some((text) => text.includes(p.placeholder))).map((p) => p.placeholder),
      })),
    })),
  };
}

/** Why a parsed JSON value is not a report this site can show, or undefined if it is one. */
export function reportProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return 'it is not a JSON object';
  const schema = (value as { schema?: unknown }).schema;
  if (schema !== REPORT_SCHEMA) return `unexpected schema ${JSON.stringify(schema)}, expected ${REPORT_SCHEMA} (run the harness again: npm test)`;
  if (!Array.isArray((value as { runs?: unknown }).runs)) return 'it has no runs array';
  return undefined;
}
