import type { ReactNode } from 'react';
import clsx from 'clsx';
import type { Snippet } from '../../snippets';
import type { Locale, MessageKey } from '../../i18n/messages';
import type { PageTranslate } from '../../i18n/format';
import { formatRunDate } from '../../evidence/formatRunDate';
import type { EngineEvidence, SiteClaimResult, SiteEngine, SiteRewrite, SnippetEvidence } from '../../evidence/types';
import { VERSIONS, type VersionId } from '../../snippets/versions';
import { claimText } from './claimText';
import { claimShown, claimVerdict, uncheckedThere, type ClaimShown } from '../../evidence/claimVerdict';
import { statesRisk } from '../../snippets/claim-risk';
import { expectationById } from '../../engines/expectations';
import { HOST_ENGINE_ID } from '../../../contracts/verification-report';
import styles from './styles.module.css';

export interface EvidenceProps {
  readonly snippet: Snippet;
  /** From `evidenceFor`: the figure marks its state too, for readers' tools and the browser tests. */
  readonly evidence: SnippetEvidence;
  readonly t: PageTranslate;
  readonly locale: Locale;
}

const MARKS: Record<SnippetEvidence['state'] | ClaimShown, string> = {
  verified: '✓',
  'confirmed-risk': '⚠',
  'partly-verifiable': '✓',
  failed: '✗',
  'not-verifiable': '–',
  'not-verified': '○',
  'expected-failure': '⊘',
};

function imagesKey(engine: SiteEngine, version: VersionId): MessageKey {
  const appImage = VERSIONS[version].profile.appImage;
  const source = engine.images.find((image) => image.name === appImage)?.source ?? 'stand-in';
  return source === 'real' ? 'evidence.images.real' : 'evidence.images.stand-in';
}

function verdictKey(evidence: SnippetEvidence, claimCount: number): MessageKey {
  return evidence.state === 'verified' && claimCount === 0 ? 'evidence.state.ran' : `evidence.state.${evidence.state}`;
}

/**
 * "Docker Engine 20.10.24", "rootless Docker 28.5.2", "Podman 5.4.2", in the page's language; the
 * host run says it is this build's host, or it would read like the test engine of its version.
 */
export function engineName(engine: SiteEngine, t: PageTranslate): string {
  const name = t(`engine.kind.${engine.kind}` satisfies MessageKey, { version: engine.version });
  return engine.id === HOST_ENGINE_ID ? t('engine.host', { name }) : name;
}

function Verdict({ snippet, evidence, t, locale }: { snippet: Snippet; evidence: SnippetEvidence; t: PageTranslate; locale: Locale }): ReactNode {
  return (
    <p className={styles.verdict}>
      <span aria-hidden="true" className={styles.mark}>
        {MARKS[evidence.state]}
      </span>{' '}
      <strong>{t(verdictKey(evidence, snippet.claims.length))}</strong>{' '}
      {evidence.state === 'not-verified'
        ? t(`evidence.why.${evidence.why}` satisfies MessageKey)
        : t('evidence.ranAt', { date: formatRunDate(evidence.generatedAt, locale), version: t(`version.${snippet.version}` satisfies MessageKey), release: VERSIONS[snippet.version].profile.release })}
    </p>
  );
}

/** One compact line per engine: which engine, its version, its verdict. */
function EngineLines({ snippet, evidence, t }: { snippet: Snippet; evidence: SnippetEvidence; t: PageTranslate }): ReactNode {
  if (evidence.engines.length === 0) return null;
  return (
    <ul className={styles.engines}>
      {evidence.engines.map((e) => (
        <li key={e.engine.id} data-engine={e.engine.id} data-engine-result={e.state}>
          <span aria-hidden="true" className={styles.mark}>
            {MARKS[e.state]}
          </span>{' '}
          {t('evidence.engine-line', { engine: engineName(e.engine, t), version: String(e.engine.cgroupVersion) })} {t(`evidence.result.${e.state === 'partly-verifiable' ? 'verified' : e.state}` satisfies MessageKey)}
          {e.state === 'not-verified' ? <span className={styles.note}> {t(`evidence.why.${e.why}` satisfies MessageKey)}</span> : null}
          {e.state === 'not-verified' && e.why === 'not-run-here' ? <ExpectationNote id={e.expectation} t={t} /> : null}
          {e.state !== 'not-verified' ? <span className={styles.note}> {t(imagesKey(e.engine, snippet.version))}</span> : null}
        </li>
      ))}
    </ul>
  );
}

/** An engine expectation as the page shows it: an optional lead, its note, and its source in the harness' words. */
function ExpectationNote({ id, t, lead }: { id: string; t: PageTranslate; lead?: string }): ReactNode {
  const expectation = expectationById(id);
  return (
    <span className={styles.note} data-expectation={id}>
      {' '}
      {lead ? `${lead} ` : null}
      {expectation ? t(expectation.note) : null} <span lang="en">({expectation?.source})</span>
    </span>
  );
}

function ClaimResults({ snippet, evidence, t, locale }: EvidenceProps): ReactNode {
  if (snippet.claims.length === 0) return null;
  const ran = evidence.engines.filter((e): e is Extract<EngineEvidence, { result: unknown }> => e.state !== 'not-verified');
  const several = evidence.engines.length > 1;
  return (
    <>
      <div className={styles.claimsTitle}>{t('snippet.claims')}</div>
      <ul className={styles.claimList}>
        {snippet.claims.map((claim, index) => {
          const results = ran.map((e) => ({ engine: e.engine, result: e.result.claims[index] }));
          // Engines where the claim does not hold, as an engine expectation says, are listed with the
          // expectation; where the commands failed as expected, the engine's line says so.
          const state = claimVerdict(results.map((r) => r.result));
          const risk = statesRisk(claim);
          const shown = claimShown(state, risk);
          const engineMark = (result: SiteClaimResult | undefined) => MARKS[claimShown(uncheckedThere(result) ? 'not-verified' : (result?.status ?? 'not-verified'), risk)];
          const expected = results.filter((r) => r.result?.status === 'expected-failure' && r.result.expectation);
          const notVerifiable = results.find((r) => r.result?.notVerifiable)?.result?.notVerifiable;
          const failures = results.filter((r) => r.result?.status === 'failed' && r.result.reason);
          return (
            <li key={index} data-claim-kind={claim.kind} data-claim-result={state} data-claim-risk={risk ? '' : undefined}>
              <span className={clsx(styles.badge, styles[`badge-${shown}`])} data-claim-badge={shown}>
                <span aria-hidden="true">{MARKS[shown]}</span> {t(`evidence.result.${shown}` satisfies MessageKey)}
              </span>{' '}
              {claimText(claim, { t, locale })}
              {several && ran.length > 0 ? (
                <span className={styles.note}>
                  {' '}
                  ({results.map((r) => `${r.engine.id} ${engineMark(r.result)}`).join(', ')})
                </span>
              ) : null}
              {notVerifiable ? <span className={styles.note}> {t(`notVerifiable.${notVerifiable}` satisfies MessageKey)}</span> : null}
              {expected.map((x) => (
                <ExpectationNote key={x.engine.id} id={x.result!.expectation!} t={t} lead={t('evidence.expected', { engine: engineName(x.engine, t) })} />
              ))}
              {failures.map((f) => (
                <span key={f.engine.id} className={styles.note} lang="en">
                  {' '}
                  {several ? `${f.engine.id}: ` : ''}
                  {f.result!.reason}
                </span>
              ))}
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
      <summary>{t('evidence.rewrites', { count: rewrites.length + placeholders.length })}</summary>
      {rules.length === 0 && placeholders.length === 0 ? <p>{t('evidence.noRewrites')}</p> : null}
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
  // The rewrites are the same on every engine but for the per-run names: the first run's show what changes.
  const first = evidence.engines.find((e): e is Extract<EngineEvidence, { result: unknown }> => e.state !== 'not-verified');
  // A box that confirms a risk is not framed in the success green, whatever its verdict.
  const ran = evidence.engines.filter((e): e is Extract<EngineEvidence, { result: unknown }> => e.state !== 'not-verified');
  const confirmsRisk = snippet.claims.some((claim, index) => claimShown(claimVerdict(ran.map((e) => e.result.claims[index])), statesRisk(claim)) === 'confirmed-risk');
  return (
    <div data-evidence-panel="" className={clsx(styles.evidence, styles[`evidence-${evidence.state}`], confirmsRisk && styles['evidence-confirms-risk'])}>
      <Verdict snippet={snippet} evidence={evidence} t={t} locale={locale} />
      <EngineLines snippet={snippet} evidence={evidence} t={t} />
      <ClaimResults snippet={snippet} evidence={evidence} t={t} locale={locale} />
      {first ? <Rewrites rewrites={first.result.rewrites.filter((r) => r.snippet === snippet.id)} placeholders={first.result.placeholders} t={t} /> : null}
    </div>
  );
}
