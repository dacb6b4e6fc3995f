import type { ReactNode } from 'react';
import clsx from 'clsx';
import type { Snippet } from '../../snippets';
import type { Locale, MessageKey } from '../../i18n/messages';
import type { PageTranslate } from '../../i18n/format';
import { formatRunDate } from '../../evidence/formatRunDate';
import type { SiteClaimResult, SiteRun, SiteRewrite, SnippetEvidence } from '../../evidence/types';
import { claimText } from './claimText';
import styles from './styles.module.css';

export interface EvidenceProps {
  readonly snippet: Snippet;
  /** From `evidenceFor`: the figure marks its state too, for readers' tools and the browser tests. */
  readonly evidence: SnippetEvidence;
  readonly t: PageTranslate;
  readonly locale: Locale;
}

type ClaimResultState = SiteClaimResult['status'] | 'not-verified';

const MARKS: Record<SnippetEvidence['state'] | ClaimResultState, string> = {
  verified: '✓',
  'partly-verifiable': '✓',
  failed: '✗',
  'not-verifiable': '–',
  'not-verified': '○',
};

function imagesKey(run: SiteRun): MessageKey {
  const sources = new Set(run.images.map((image) => image.source));
  if (sources.size > 1) return 'evidence.images.mixed';
  return sources.has('real') ? 'evidence.images.real' : 'evidence.images.model';
}

function verdictKey(evidence: SnippetEvidence, claimCount: number): MessageKey {
  return evidence.state === 'verified' && claimCount === 0 ? 'evidence.state.ran' : `evidence.state.${evidence.state}`;
}

function Verdict({ evidence, claimCount, t, locale }: { evidence: SnippetEvidence; claimCount: number; t: PageTranslate; locale: Locale }): ReactNode {
  return (
    <p className={styles.verdict}>
      <span aria-hidden="true" className={styles.mark}>
        {MARKS[evidence.state]}
      </span>{' '}
      <strong>{t(verdictKey(evidence, claimCount))}</strong>{' '}
      {evidence.state === 'not-verified'
        ? t(`evidence.why.${evidence.why}` satisfies MessageKey)
        : t('evidence.ranOn', {
            version: evidence.run.engineVersion,
            cgroup: evidence.run.cgroupVersion,
            date: formatRunDate(evidence.run.generatedAt, locale),
          })}
    </p>
  );
}

function ClaimResults({ snippet, results, t, locale }: Omit<EvidenceProps, 'evidence'> & { results: readonly SiteClaimResult[] | undefined }): ReactNode {
  if (snippet.claims.length === 0) return null;
  return (
    <>
      <div className={styles.claimsTitle}>{t('snippet.claims')}</div>
      <ul className={styles.claimList}>
        {snippet.claims.map((claim, index) => {
          const result = results?.[index];
          const state: ClaimResultState = result?.status ?? 'not-verified';
          return (
            <li key={index} data-claim-kind={claim.kind} data-claim-result={state}>
              <span className={clsx(styles.badge, styles[`badge-${state}`])}>
                <span aria-hidden="true">{MARKS[state]}</span> {t(`evidence.result.${state}` satisfies MessageKey)}
              </span>{' '}
              {claimText(claim, { t, locale })}
              {result?.notVerifiable ? <span className={styles.note}> {t(`notVerifiable.${result.notVerifiable}` satisfies MessageKey)}</span> : null}
              {result?.status === 'failed' && result.reason ? (
                <span className={styles.note} lang="en">
                  {' '}
                  {result.reason}
                </span>
              ) : null}
            </li>
          );
        })}
      </ul>
    </>
  );
}

function Rewrites({ rewrites, placeholders, t }: { rewrites: readonly SiteRewrite[]; placeholders: readonly string[]; t: PageTranslate }): ReactNode {
  const rules = [...new Set(rewrites.map((r) => r.rule))];
  return (
    <details className={styles.details}>
      <summary>{t('evidence.rewrites', { count: rewrites.length })}</summary>
      {rules.length === 0 ? <p>{t('evidence.noRewrites')}</p> : null}
      <ul>
        {rules.map((rule) => (
          <li key={rule} data-rewrite-rule={rule}>
            {t(`rewrite.${rule}` satisfies MessageKey)}
            <ul className={styles.edits}>
              {rewrites
                .filter((r) => r.rule === rule)
                .map((r, index) => (
                  <li key={index}>
                    <code>{r.from.trim() || '∅'}</code> → <code>{r.to.trim() || '∅'}</code>
                  </li>
                ))}
            </ul>
          </li>
        ))}
        {placeholders.map((placeholder) => (
          <li key={placeholder}>{t('evidence.placeholder', { placeholder })}</li>
        ))}
      </ul>
    </details>
  );
}

/**
 * What this build knows about a snippet: verified or not, on which engine and when, each
 * claim with its result, which images, and what the harness changed to run it. Without a
 * current report entry every claim shows "not checked": never a mark without a run.
 */
export default function Evidence({ snippet, evidence, t, locale }: EvidenceProps): ReactNode {
  const result = evidence.state === 'not-verified' ? undefined : evidence.result;
  return (
    <div data-evidence-panel="" className={clsx(styles.evidence, styles[`evidence-${evidence.state}`])}>
      <Verdict evidence={evidence} claimCount={snippet.claims.length} t={t} locale={locale} />
      <ClaimResults snippet={snippet} results={result?.claims} t={t} locale={locale} />
      {evidence.state !== 'not-verified' ? (
        <>
          <p className={styles.images}>{t(imagesKey(evidence.run))}</p>
          <Rewrites rewrites={evidence.result.rewrites.filter((r) => r.snippet === snippet.id)} placeholders={evidence.result.placeholders} t={t} />
        </>
      ) : null}
    </div>
  );
}
