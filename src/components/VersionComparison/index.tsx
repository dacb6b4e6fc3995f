import { Fragment, type ReactNode } from 'react';
import Link from '@docusaurus/Link';
import { useAllDocsData } from '@docusaurus/plugin-content-docs/client';
import type { ClaimStatus } from '../../../contracts/verification-report';
import { DOCS_VERSION_OF } from '../../evidence/docsVersion';
import { evidenceFor } from '../../evidence/evidenceFor';
import type { VerificationData } from '../../evidence/types';
import { useVerificationData } from '../../evidence/useVerificationData';
import type { MessageKey } from '../../i18n/messages';
import { usePageLocale } from '../../i18n/usePageLocale';
import { getSnippet } from '../../snippets';
import { COMPARISON, type Backing, type ComparisonCell } from '../../snippets/versions/comparison';
import { VERSION_IDS, type VersionId } from '../../snippets/versions/ids';
import styles from './styles.module.css';

type Mark = { readonly state: ClaimStatus | 'not-verified'; readonly to: string | undefined } | { readonly state: 'source'; readonly source: string };

/** The latest result of the backing claim over every engine that ran it: as good as its worst. */
function claimState(version: VersionId, backing: Extract<Backing, { kind: 'claim' }>, data: VerificationData): ClaimStatus | 'not-verified' {
  const evidence = evidenceFor(getSnippet(version, backing.snippet), data);
  const results = evidence.engines.flatMap((engine) => (engine.state === 'not-verified' ? [] : engine.result.claims.filter((c) => c.kind === backing.claim)));
  if (results.length === 0) return 'not-verified';
  if (results.some((r) => r.status === 'failed')) return 'failed';
  // Engines where it does not work, as expected, are shown under the command; the cell speaks for the others.
  const judged = results.filter((r) => r.status !== 'expected-failure');
  return judged.length > 0 && judged.every((r) => r.status === 'verified') ? 'verified' : 'not-verifiable';
}

/**
 * The settings of each OpenHands version side by side (src/snippets/versions/comparison.ts).
 * A cell backed by a claim shows that claim's latest result and links to the command that
 * showed it; a cell backed by an upstream source says so and names it.
 */
export default function VersionComparison(): ReactNode {
  const { t } = usePageLocale();
  const data = useVerificationData();
  const versions = useAllDocsData().default?.versions ?? [];
  const pathOf = (version: VersionId, snippet: string) => {
    const docId = data.placements.find((p) => p.version === version && p.snippetId === snippet)?.docId;
    const doc = versions.find((v) => v.name === DOCS_VERSION_OF[version])?.docs.find((d) => d.id === docId);
    return doc ? `${doc.path}#snippet-${snippet}` : undefined;
  };
  const markOf = (version: VersionId, cell: ComparisonCell): Mark =>
    cell.backing.kind === 'source'
      ? { state: 'source', source: cell.backing.source }
      : { state: claimState(version, cell.backing, data), to: pathOf(version, cell.backing.snippet) };
  return (
    <table className={styles.comparison}>
      <thead>
        <tr>
          <th>{t('comparison.column.setting')}</th>
          {VERSION_IDS.map((version) => (
            <th key={version}>{t(`version.${version}` satisfies MessageKey)}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {COMPARISON.map((row) => (
          <tr key={row.id} data-row={row.id}>
            <th scope="row">{t(row.label)}</th>
            {VERSION_IDS.map((version) => {
              const cell = row.cells[version];
              const mark = markOf(version, cell);
              return (
                <td key={version} data-version={version} data-backing={mark.state}>
                  {cell.text ? `${t(cell.text)} ` : null}
                  {(cell.code ?? []).map((code, index) => (
                    <Fragment key={code}>
                      {index > 0 ? ', ' : null}
                      <code>{code}</code>
                    </Fragment>
                  ))}
                  <br />
                  <MarkView mark={mark} t={t} />
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function MarkView({ mark, t }: { readonly mark: Mark; readonly t: (key: MessageKey) => string }): ReactNode {
  if (mark.state === 'source') {
    return (
      <small className={styles.source} title={mark.source}>
        {t('comparison.source')}: {mark.source}
      </small>
    );
  }
  const LABELS = {
    verified: 'comparison.checked',
    failed: 'comparison.failed',
    'not-verifiable': 'comparison.notVerifiable',
    'not-verified': 'comparison.notVerified',
    'expected-failure': 'comparison.notVerifiable',
  } as const;
  const label = t(LABELS[mark.state]);
  const text = <small className={styles[mark.state === 'verified' ? 'checked' : 'unchecked']}>{label}</small>;
  return mark.to ? <Link to={mark.to}>{text}</Link> : text;
}
