import type { ReactNode } from 'react';
import Link from '@docusaurus/Link';
import { useAllDocsData } from '@docusaurus/plugin-content-docs/client';
import type { Locale, MessageKey } from '../../i18n/messages';
import type { PageTranslate } from '../../i18n/format';
import { usePageLocale } from '../../i18n/usePageLocale';
import { getSnippet, isSnippetId, VERSION_IDS, VERSIONS, type VersionId } from '../../snippets';
import { claimText } from '../Snippet/claimText';
import { engineName } from '../Snippet/Evidence';
import { DOCS_VERSION_OF } from '../../evidence/docsVersion';
import { claimShown, claimVerdict } from '../../evidence/claimVerdict';
import { statesRisk } from '../../snippets/claim-risk';
import { evidenceFor } from '../../evidence/evidenceFor';
import { formatRunDate } from '../../evidence/formatRunDate';
import type { EngineEvidence, SiteReport, SiteRun, SnippetPlacement, VerificationData } from '../../evidence/types';
import { useVerificationData } from '../../evidence/useVerificationData';
import styles from './styles.module.css';

const MARK: Readonly<Record<EngineEvidence['state'], string>> = { verified: '✓', 'partly-verifiable': '✓', failed: '✗', 'not-verified': '○', 'expected-failure': '⊘' };

function EngineSummary({ run, t }: { run: SiteRun; t: PageTranslate }): ReactNode {
  const claims = run.snippets.flatMap((s) => s.claims);
  const count = (status: string) => claims.filter((c) => c.status === status).length;
  return (
    <li data-engine-summary={run.engine.id}>
      <strong>{engineName(run.engine, t)}</strong> (<code>{run.engine.id}</code>, cgroup v{run.engine.cgroupVersion}):{' '}
      {run.engine.failure
        ? t('verification.engineFailed', { reason: run.engine.failure })
        : t('verification.engineTotals', { snippets: run.snippets.length, verified: count('verified'), notVerifiable: count('not-verifiable'), failed: count('failed'), expected: count('expected-failure') })}
    </li>
  );
}

function RunSummary({ report, t, locale }: { report: SiteReport | undefined; t: PageTranslate; locale: Locale }): ReactNode {
  if (!report) return <p data-verification-run="none">{t('verification.noRun')}</p>;
  const images = report.runs.find((run) => !run.engine.failure)?.engine.images ?? [];
  return (
    <>
      <p data-verification-run={report.generatedAt}>{t('verification.run', { date: formatRunDate(report.generatedAt, locale), engines: report.runs.length })}</p>
      <ul>
        {report.runs.map((run) => (
          <EngineSummary key={run.engine.id} run={run} t={t} />
        ))}
      </ul>
      <p className={styles.imagesTitle}>{t('verification.imagesTitle')}</p>
      <ul>
        {images.map((image) => (
          <li key={image.name}>
            <code>{image.reference}</code>: {t(`verification.image.${image.source}` satisfies MessageKey)}
          </li>
        ))}
      </ul>
    </>
  );
}

/** The path of a doc of a docs version, from the docs plugin's data (the same in every locale's build). */
function useDocPath(): (version: VersionId, docId: string) => string | undefined {
  const versions = useAllDocsData().default?.versions ?? [];
  return (version, docId) => versions.find((v) => v.name === DOCS_VERSION_OF[version])?.docs.find((d) => d.id === docId)?.path;
}

function Row({ placement, data, path, t, locale }: { placement: SnippetPlacement; data: VerificationData; path: string | undefined; t: PageTranslate; locale: Locale }): ReactNode {
  if (!isSnippetId(placement.version, placement.snippetId)) return null;
  const snippet = getSnippet(placement.version, placement.snippetId);
  const evidence = evidenceFor(snippet, data);
  const ran = evidence.engines.filter((e): e is Extract<EngineEvidence, { result: unknown }> => e.state !== 'not-verified');
  const anchor = `snippet-${snippet.id}`;
  return (
    <tr data-snippet-row={`${snippet.version}/${snippet.id}`} data-evidence={evidence.state}>
      <td>
        <Link to={`${path ?? `/${placement.docId}`}#${anchor}`}>{t(snippet.caption)}</Link>
        <br />
        <code className={styles.id}>{snippet.id}</code>
      </td>
      <td>
        {snippet.claims.length === 0 && evidence.state !== 'not-verified' ? t('verification.noClaims') : null}
        <ul className={styles.claims}>
          {snippet.claims.map((claim, index) => {
            const status = claimVerdict(ran.map((e) => e.result.claims[index]));
            const risk = statesRisk(claim);
            const shown = claimShown(status, risk);
            return (
              <li key={index} data-claim-result={status} data-claim-risk={risk ? '' : undefined}>
                <strong data-claim-badge={shown}>
                  {shown === 'confirmed-risk' ? <span aria-hidden="true">⚠</span> : null} {t(`evidence.result.${shown}` satisfies MessageKey)}
                </strong>
                : {claimText(claim, { t, locale })}
              </li>
            );
          })}
        </ul>
      </td>
      {(data.report?.runs ?? []).map((run) => {
        const engine = evidence.engines.find((e) => e.engine.id === run.engine.id);
        const state = engine?.state ?? 'not-verified';
        return (
          <td key={run.engine.id} data-engine-cell={run.engine.id} data-engine-result={state}>
            <span aria-hidden="true">{MARK[state]}</span> {t(`verification.state.${state}` satisfies MessageKey)}
          </td>
        );
      })}
      {data.report ? null : <td>{t('verification.state.not-verified')}</td>}
    </tr>
  );
}

/**
 * Every snippet of the site, grouped by OpenHands version, with its claims and the result
 * on each engine (one column per engine: the engine × snippet matrix), from the same data
 * as the pages.
 */
export default function VerificationTable(): ReactNode {
  const { locale, t } = usePageLocale();
  const data = useVerificationData();
  const docPath = useDocPath();
  const runs = data.report?.runs ?? [];
  return (
    <div className={styles.verification}>
      <RunSummary report={data.report} t={t} locale={locale} />
      {VERSION_IDS.map((version) => {
        const placements = data.placements.filter((p) => p.version === version);
        if (placements.length === 0) return null;
        return (
          <section key={version} data-verification-version={version}>
            <h3 id={`version-${version.replace('.', '-')}`}>{t(`version.${version}` satisfies MessageKey)}</h3>
            <p>{t('verification.versionModelled', { version: t(`version.${version}` satisfies MessageKey), release: VERSIONS[version].profile.release })}</p>
            <div className={styles.scroll}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('verification.column.command')}</th>
                    <th scope="col">{t('verification.column.claims')}</th>
                    {runs.map((run) => (
                      <th key={run.engine.id} scope="col">
                        {engineName(run.engine, t)}
                      </th>
                    ))}
                    {data.report ? null : <th scope="col">{t('verification.column.result')}</th>}
                  </tr>
                </thead>
                <tbody>
                  {placements.map((placement) => (
                    <Row key={placement.snippetId} placement={placement} data={data} path={docPath(version, placement.docId)} t={t} locale={locale} />
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        );
      })}
    </div>
  );
}
