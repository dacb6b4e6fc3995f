import type { ClaimKind } from '../snippets';
import type { VersionId } from '../snippets/versions/ids';
import type { AuditRow, ClaimStatus, EngineKind, ImageSource, NotVerifiableReason, RewriteRule } from '../../contracts/verification-report';

/**
 * The part of the harness report the site shows. The plugin trims the report to this
 * before it reaches the browser: raw evidence lines and stderr stay in the JSON file.
 */
export interface SiteClaimResult {
  readonly kind: ClaimKind;
  readonly status: ClaimStatus;
  readonly notVerifiable?: NotVerifiableReason;
  /** Only for failures: the harness' own (English) words. */
  readonly reason?: string;
  /** For an audit claim: the table generated from the live container. */
  readonly audit?: readonly AuditRow[];
  /** An engine expectation (src/engines/expectations.ts) that predicted this result. */
  readonly expectation?: string;
}

export interface SiteRewrite {
  readonly rule: RewriteRule;
  readonly snippet: string;
  readonly from: string;
  readonly to: string;
}

export interface SiteSnippetResult {
  readonly version: VersionId;
  readonly id: string;
  readonly registryHash: string;
  readonly status: 'verified' | 'failed' | 'partly-verifiable' | 'expected-failure' | 'not-run';
  /** For `not-run`: the engine expectation that says not to run it there. */
  readonly expectation?: string;
  readonly exitCode: number;
  readonly requires: readonly string[];
  readonly claims: readonly SiteClaimResult[];
  readonly rewrites: readonly SiteRewrite[];
  readonly placeholders: readonly string[];
}

export interface SiteEngine {
  readonly id: string;
  readonly kind: EngineKind;
  readonly version: string;
  readonly cgroupVersion: string;
  readonly images: readonly { readonly name: string; readonly reference: string; readonly source: ImageSource }[];
  /** Why the engine could not run any snippet. */
  readonly failure?: string;
}

export interface SiteRun {
  readonly engine: SiteEngine;
  readonly snippets: readonly SiteSnippetResult[];
}

export interface SiteReport {
  readonly generatedAt: string;
  readonly runs: readonly SiteRun[];
}

/** Where each snippet appears: its version and the doc it is on, the same in every locale. */
export interface SnippetPlacement {
  readonly version: VersionId;
  readonly snippetId: string;
  readonly docId: string;
}

export type ReportAbsence = 'no-report' | 'unreadable';

/** The plugin's global data. */
export interface VerificationData {
  readonly report: SiteReport | undefined;
  /** Why there is no report, when there is none. */
  readonly absence: ReportAbsence | undefined;
  readonly placements: readonly SnippetPlacement[];
}

/** `expected-failure`: does not work on that engine, as an engine expectation with its source says. */
export type ResultState = 'verified' | 'partly-verifiable' | 'failed' | 'expected-failure';

/** What one engine's run says of a snippet: a report entry only when it verified this very registry entry. */
export type EngineEvidence =
  | { readonly engine: SiteEngine; readonly state: ResultState; readonly result: SiteSnippetResult }
  | { readonly engine: SiteEngine; readonly state: 'not-verified'; readonly why: 'not-run' | 'stale' | 'engine-failed' }
  /** Not run on that engine, as the engine expectation `expectation` says (its note and source say why). */
  | { readonly engine: SiteEngine; readonly state: 'not-verified'; readonly why: 'not-run-here'; readonly expectation: string }
  /** A variant written for other engines (the snippet's `engines`): not run on this one. */
  | { readonly engine: SiteEngine; readonly state: 'not-verified'; readonly why: 'written-for-other-engines' };

/** What a snippet shows: the verdict over every engine that ran it, and each engine's own. */
export type SnippetEvidence =
  | { readonly state: ResultState; readonly generatedAt: string; readonly engines: readonly EngineEvidence[] }
  | { readonly state: 'not-verified'; readonly why: ReportAbsence | 'not-run' | 'stale'; readonly engines: readonly EngineEvidence[] };

export type EvidenceState = SnippetEvidence['state'];
