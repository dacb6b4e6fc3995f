import type { ClaimKind } from '../snippets';
import type { ClaimStatus, NotVerifiableReason } from '../../scripts/harness/claims/context';
import type { RewriteRule } from '../../scripts/harness/run/rewrites';

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
}

export interface SiteRewrite {
  readonly rule: RewriteRule;
  readonly snippet: string;
  readonly from: string;
  readonly to: string;
}

export interface SiteSnippetResult {
  readonly id: string;
  readonly registryHash: string;
  readonly status: 'verified' | 'failed' | 'partly-verifiable';
  readonly exitCode: number;
  readonly requires: readonly string[];
  readonly claims: readonly SiteClaimResult[];
  readonly rewrites: readonly SiteRewrite[];
  readonly placeholders: readonly string[];
}

export interface SiteRun {
  readonly generatedAt: string;
  readonly engineVersion: string;
  readonly cgroupVersion: string;
  readonly images: readonly { readonly name: string; readonly reference: string; readonly source: 'model' | 'real' }[];
  readonly snippets: readonly SiteSnippetResult[];
}

/** Where each snippet appears: the doc it is on (docs plugin id), the same in every locale. */
export interface SnippetPlacement {
  readonly snippetId: string;
  readonly docId: string;
}

export type ReportAbsence = 'no-report' | 'unreadable';

/** The plugin's global data. */
export interface VerificationData {
  readonly run: SiteRun | undefined;
  /** Why there is no run, when there is none. */
  readonly absence: ReportAbsence | undefined;
  readonly placements: readonly SnippetPlacement[];
}

/** What a snippet shows: a report entry only when it verified this very registry entry. */
export type SnippetEvidence =
  | { readonly state: 'verified' | 'partly-verifiable' | 'failed'; readonly run: SiteRun; readonly result: SiteSnippetResult }
  | { readonly state: 'not-verified'; readonly why: ReportAbsence | 'not-run' | 'stale' };

export type EvidenceState = SnippetEvidence['state'];
