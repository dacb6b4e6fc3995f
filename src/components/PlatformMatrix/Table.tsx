import type { ReactNode } from 'react';
import { platformRows, type PlatformVerdict } from '../../evidence/platformEvidence';
import type { VerificationData } from '../../evidence/types';
import type { PageTranslate } from '../../i18n/format';
import type { MessageKey } from '../../i18n/messages';
import { VERSIONS, type VersionId } from '../../snippets/versions';
import { engineName } from '../Snippet/Evidence';
import styles from './styles.module.css';

const MARKS: Record<PlatformVerdict | 'cited-only', string> = {
  works: '✓',
  caveats: '⚠',
  'not-supported': '⊘',
  failed: '✗',
  'not-verified': '○',
  'cited-only': '–',
};

export interface PlatformMatrixTableProps {
  readonly version: VersionId;
  readonly data: VerificationData;
  readonly t: PageTranslate;
}

/** The engines of the report, then the platforms nothing ran on, each with its bottom line and section. */
export function PlatformMatrixTable({ version, data, t }: PlatformMatrixTableProps): ReactNode {
  const { measures, platforms } = VERSIONS[version];
  return (
    <table className={styles.table} data-platforms={version}>
      <thead>
        <tr>
          <th>{t('platforms.column.platform')}</th>
          <th>{t('platforms.column.verdict')}</th>
          <th>{t('platforms.column.details')}</th>
        </tr>
      </thead>
      <tbody>
        {platformRows(version, data).map((row) => (
          <tr key={row.engine.id} data-platform={row.engine.id} data-verdict={row.verdict}>
            <td>
              <a href={`#${platforms.engines[row.engine.kind]}`}>{engineName(row.engine, t)}</a>
            </td>
            <td>
              <span aria-hidden="true">{MARKS[row.verdict]}</span> {t(`platforms.verdict.${row.verdict}` satisfies MessageKey)}
            </td>
            <td>
              {row.differs.length === 0 ? null : (
                <ul className={styles.differs}>
                  {row.differs.map((d) => (
                    <li key={d.measure} data-measure={d.measure} data-state={d.state}>
                      <a href={`#${measures[d.measure]!.section}`}>{t(measures[d.measure]!.name)}</a>: {t(`platforms.state.${d.state}` satisfies MessageKey)}
                    </li>
                  ))}
                </ul>
              )}
            </td>
          </tr>
        ))}
        {platforms.cited.map((cited) => (
          <tr key={cited.section} data-platform={cited.section} data-verdict="cited-only">
            <td>
              <a href={`#${cited.section}`}>{t(cited.name)}</a>
            </td>
            <td>
              <span aria-hidden="true">{MARKS['cited-only']}</span> {t('platforms.verdict.cited-only')}
            </td>
            <td />
          </tr>
        ))}
      </tbody>
    </table>
  );
}
