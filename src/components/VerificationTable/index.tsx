import type { ReactNode } from 'react';
import Link from '@docusaurus/Link';
import { useActiveVersion, useDocById } from '@docusaurus/plugin-content-docs/client';
import type { Locale, MessageKey } from '../../i18n/messages';
import type { PageTranslate } from '../../i18n/format';
import { usePageLocale } from '../../i18n/usePageLocale';
import { getSnippet, isSnippetId } from '../../snippets';
import { claimText } from '../Snippet/claimText';
import { evidenceFor } from '../../evidence/evidenceFor';
import { formatRunDate } from '../../evidence/formatRunDate';
import type { SiteRun, SnippetPlacement, VerificationData } from '../../evidence/types';
import { useVerificationData } from '../../evidence/useVerificationData';
import styles from './styles.module.css';

function RunSummary({ run, t, locale }: { run: SiteRun | undefined; t: PageTranslate; locale: Locale }): ReactNode {
  if (!run) return <p data-verification-run="none">{t('verification.noRun')}</p>;
  const count = (status: string) => run.snippets.reduce((n, s) => n + s.claims.filter((c) => c.status === status).length, 0);
  return (
    <>
      <p data-verification-run={run.generatedAt}>
        {t('verification.run', {
          version: run.engineVersion,
          cgroup: run.cgroupVersion,
          date: formatRunDate(run.generatedAt, locale),
          snippets: run.snippets.length,
          verified: count('verified'),
          notVerifiable: count('not-verifiable'),
          failed: count('failed'),
        })}
      </p>
      <p className={styles.imagesTitle}>{t('verification.imagesTitle')}</p>
      <ul>
        {run.images.map((image) => (
          <li key={image.name}>
            <code>{image.reference}</code>: {t(`verification.image.${image.source}` satisfies MessageKey)}
          </li>
        ))}
      </ul>
    </>
  );
}

function Row({ placement, data, t, locale }: { placement: SnippetPlacement; data: VerificationData; t: PageTranslate; locale: Locale }): ReactNode {
  const doc = useDocById(placement.docId);
  const path = useActiveVersion(undefined)?.docs.find((d) => d.id === placement.docId)?.path;
  if (!isSnippetId(placement.snippetId)) return null;
  const snippet = getSnippet(placement.snippetId);
  const evidence = evidenceFor(snippet, data);
  const results = evidence.state === 'not-verified' ? undefined : evidence.result.claims;
  const anchor = `snippet-${snippet.id}`;
  return (
    <tr data-snippet-row={snippet.id} data-evidence={evidence.state}>
      <td>
        <Link to={`${path ?? `/${placement.docId}`}#${anchor}`}>{t(snippet.caption)}</Link>
        <br />
        <code className={styles.id}>{snippet.id}</code>
      </td>
      <td>{doc.title}</td>
      <td>
        {snippet.claims.length === 0 && evidence.state !== 'not-verified' ? t('verification.noClaims') : null}
        <ul className={styles.claims}>
          {snippet.claims.map((claim, index) => (
            <li key={index} data-claim-result={results?.[index]?.status ?? 'not-verified'}>
              <strong>{t(`evidence.result.${results?.[index]?.status ?? 'not-verified'}` satisfies MessageKey)}</strong>: {claimText(claim, { t, locale })}
            </li>
          ))}
        </ul>
      </td>
      <td>{t(`verification.state.${evidence.state}` satisfies MessageKey)}</td>
    </tr>
  );
}

/** Every snippet of the site with its page, claims and results, from the same data as the pages. */
export default function VerificationTable(): ReactNode {
  const { locale, t } = usePageLocale();
  const data = useVerificationData();
  return (
    <div className={styles.verification}>
      <RunSummary run={data.run} t={t} locale={locale} />
      <div className={styles.scroll}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('verification.column.command')}</th>
              <th scope="col">{t('verification.column.page')}</th>
              <th scope="col">{t('verification.column.claims')}</th>
              <th scope="col">{t('verification.column.result')}</th>
            </tr>
          </thead>
          <tbody>
            {data.placements.map((placement) => (
              <Row key={placement.snippetId} placement={placement} data={data} t={t} locale={locale} />
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
