/**
 * The verification report: what the harness (scripts/harness) writes and what the site
 * (src/plugins/verification-report, src/evidence) and the browser tests (test/site) read.
 * One neutral module both sides import, so neither owns the contract: it imports nothing
 * but the other modules of contracts/ (test/architecture/import-graph.test.ts enforces that).
 */
import type { Locale } from './locales';
import type { VersionId } from './versions';

/**
 * A claim as the report stores it: its kind and the fields of its registry entry. The
 * registry types claims (src/snippets/claims.ts `Claim`); code that has that type passes it
 * as the parameter of the report types below (`VerificationReport<Claim>`).
 */
export interface ReportedClaim {
  readonly kind: string;
}

/** Bumped when a field the site or the browser tests read changes meaning (4: image source `model` became `stand-in`). */
export const REPORT_SCHEMA = 4;

/** The engine id of a run on the machine's own daemon (`npm test`), as opposed to a test engine of the matrix. */
export const HOST_ENGINE_ID = 'host';

/**
 * `expected-failure`: the claim does not hold on this engine, as an engine expectation with its
 * source says (src/engines/expectations.ts): a result, shown as "does not work on this engine".
 */
export type ClaimStatus = 'verified' | 'failed' | 'not-verifiable' | 'expected-failure';

/** Every reason a claim can be out of reach on a machine; each has a message in src/i18n. */
export type NotVerifiableReason =
  | 'no-lan-namespace'
  /** The stand-in internet (a network namespace, routes, iptables) could not be made: it needs root. */
  | 'no-stand-in-internet'
  | 'no-agent-writes'
  | 'real-app-sandbox-needs-conversation'
  /** An engine expectation (src/engines/expectations.ts) says not to run the snippet on this engine. */
  | 'not-run-on-engine'
  /** The snippet is a variant for other engines (its registry entry's `engines`). */
  | 'written-for-other-engines'
  /** The commands failed on this engine as an engine expectation predicts, so the claim was never checked there. */
  | 'command-failed-on-engine';

/**
 * The container checks of docker-bench-security section 5 the audit table shows, as numbered in
 * docker/docker-bench-security@v1.6.0 (b7a5284c) tests/5_container_runtime.sh: memory 5.10,
 * cpu 5.11, pids 5.28, ports 5.13, host-network 5.9, privileged 5.4, docker-socket 5.31,
 * read-only 5.12, no-new-privileges 5.25, health-check 5.26, default-bridge 5.29.
 */
export const AUDIT_CHECKS = [
  'memory',
  'cpu',
  'pids',
  'ports',
  'host-network',
  'privileged',
  'docker-socket',
  'read-only',
  'no-new-privileges',
  'health-check',
  'default-bridge',
] as const;
export type AuditCheck = (typeof AUDIT_CHECKS)[number];

/** One row of a generated audit table (docker-bench-security section 5, from `docker inspect`). */
export interface AuditRow {
  /** Which check; each has an `audit.check.*` message in src/i18n. */
  readonly check: AuditCheck;
  readonly met: boolean;
  /** The inspect field and value the verdict rests on, e.g. `HostConfig.Memory = 4294967296`. */
  readonly basis: string;
}

export interface ClaimResult {
  readonly status: ClaimStatus;
  /** What was observed, one fact per line, for the report and the site. */
  readonly evidence: readonly string[];
  /** Why it failed or could not be verified here. */
  readonly reason?: string;
  /** Why it could not be verified here, as a key the site translates (src/i18n: notVerifiable.*). */
  readonly notVerifiable?: NotVerifiableReason;
  /** For an audit claim: the table, generated from the live container. */
  readonly audit?: readonly AuditRow[];
  /** The engine expectation this result was judged by (src/engines/expectations.ts). */
  readonly expectation?: string;
}

/**
 * The only changes the harness makes to the text a reader copies (scripts/harness/run/rewrites.ts).
 * The verification page lists them from here, so the list cannot leave one out.
 */
export const REWRITE_RULES = ['no-tty', 'no-pull', 'unique-name', 'session-labels', 'free-host-port', 'firewall-comment', 'session-filter', 'app-host-port', 'no-build', 'stand-in-resolver'] as const;
export type RewriteRule = (typeof REWRITE_RULES)[number];

export interface ReportedRewrite {
  readonly rule: RewriteRule;
  readonly reason: string;
  /** Where `from` starts in the copied (en) text of the snippet it applies to. */
  readonly offset: number;
  readonly from: string;
  readonly to: string;
  /** The snippet (of the same version) whose text it changed. */
  readonly snippet: string;
}

/** What a reader copies for one snippet and what the harness ran instead. */
export interface UnitTexts {
  /** Hash of the registry entry and its requires, so the site can tell a stale report. */
  readonly registryHash: string;
  /** The snippet's own text as its copy button gives it, in every locale. */
  readonly texts: Readonly<Record<Locale, string>>;
  /** What ran: required snippets first, as a reader pastes them in order, after rewrites. */
  readonly ran: string;
  /** The snippet's own part of `ran`. */
  readonly ranOwn: string;
  readonly rewrites: readonly ReportedRewrite[];
  readonly placeholders: readonly { placeholder: string; value: string }[];
}

export interface SnippetReport<C extends ReportedClaim = ReportedClaim> extends UnitTexts {
  readonly version: VersionId;
  readonly id: string;
  readonly requires: readonly string[];
  readonly exitCode: number;
  readonly stderr: string;
  readonly durationMs: number;
  /**
   * `expected-failure`: the commands or claims do not work on this engine, as an engine expectation says.
   * `not-run`: an engine expectation says not to run them here (what was seen there was not repeatable);
   * nothing is known of this engine, and its claims are `not-verifiable` with that reason.
   */
  readonly status: 'verified' | 'failed' | 'partly-verifiable' | 'expected-failure' | 'not-run';
  readonly claims: readonly (ClaimResult & { claim: C })[];
  /** The engine expectation the commands' failure was judged by. */
  readonly expectation?: string;
}

/** Which engine a run used (scripts/engines). */
export const ENGINE_KINDS = ['docker', 'rootless-docker', 'podman'] as const;
export type EngineKind = (typeof ENGINE_KINDS)[number];

export interface EngineInfo {
  /** Stable id: `host` for the daemon `npm test` uses, else the matrix engine's (src/engines/index.ts: `docker28`, `rootless`, `podman`, ...). */
  readonly id: string;
  readonly kind: EngineKind;
  /** What the engine reports of itself (`docker version`'s Server version). */
  readonly version: string;
  readonly cgroupVersion: string;
}

/**
 * Where an image a run used came from: the published image, or a stand-in the harness built
 * because none could be pulled (schema 3 called it `model`).
 */
export const IMAGE_SOURCES = ['stand-in', 'real'] as const;
export type ImageSource = (typeof IMAGE_SOURCES)[number];

/** How probes entered containers' network namespaces (scripts/harness/run/probes.ts). */
export type ProbeWay = 'nsenter' | 'container';

/** Everything one engine did: its snippets, or why it could not run them. */
export interface EngineRun<C extends ReportedClaim = ReportedClaim> {
  readonly engine: EngineInfo;
  readonly images: readonly { readonly name: string; readonly reference: string; readonly source: ImageSource }[];
  readonly reader: { readonly uid: number; readonly switchedUser: boolean };
  readonly lanNeighbour: boolean;
  readonly probes: ProbeWay;
  readonly snippets: readonly SnippetReport<C>[];
  /** Set when the engine could not start or run: the reason and the end of its log. */
  readonly failure?: { readonly reason: string; readonly log: string };
}

export interface VerificationReport<C extends ReportedClaim = ReportedClaim> {
  readonly schema: typeof REPORT_SCHEMA;
  readonly generatedAt: string;
  readonly runs: readonly EngineRun<C>[];
}
