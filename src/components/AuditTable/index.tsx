import type { ReactNode } from 'react';
import { useDocsVersion } from '@docusaurus/plugin-content-docs/client';
import type { AuditRow } from '../../../contracts/verification-report';
import { versionOfDocs } from '../../evidence/docsVersion';
import { evidenceFor } from '../../evidence/evidenceFor';
import { useVerificationData } from '../../evidence/useVerificationData';
import type { MessageKey } from '../../i18n/messages';
import { usePageLocale } from '../../i18n/usePageLocale';
import { resolveSnippet } from '../Snippet/resolveSnippet';
import styles from './styles.module.css';

export interface AuditTableProps {
  /** The snippet (of the page's version) whose `audit` claim produced the rows. */
  readonly snippet: string;
}

/**
 * The docker-bench-security section 5 table of a hardened example, as the harness read it
 * from the live container (scripts/harness/claims/audit.ts): nothing here is typed by hand,
 * so the table cannot drift from the command. One table per engine whose rows differ.
 */
export default function AuditTable({ snippet: id }: AuditTableProps): ReactNode {
  const { t } = usePageLocale();
  const snippet = resolveSnippet(versionOfDocs(useDocsVersion().version), id);
  const evidence = evidenceFor(snippet, useVerificationData());
  const tables = evidence.engines.flatMap((engine) => {
    if (engine.state === 'not-verified') return [];
    const rows = engine.result.claims.find((claim) => claim.kind === 'audit')?.audit;
    return rows ? [{ engine: engine.engine, rows }] : [];
  });
  if (tables.length === 0) return <p className={styles.missing}>{t('audit.noReport')}</p>;
  const distinct = tables.filter((table, index) => tables.findIndex((other) => sameRows(other.rows, table.rows)) === index);
  return (
    <>
      {distinct.map(({ engine, rows }) => (
        <table key={engine.id} className={styles.audit} data-audit-for={id} data-engine={engine.id}>
          {distinct.length > 1 ? <caption>{`${engine.kind} ${engine.version}`}</caption> : null}
          <thead>
            <tr>
              <th>{t('audit.column.check')}</th>
              <th>{t('audit.column.result')}</th>
              <th>{t('audit.column.basis')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.check} data-met={row.met}>
                <td>{t(`audit.check.${row.check}` satisfies MessageKey)}</td>
                <td>{row.met ? t('audit.met') : t('audit.notMet')}</td>
                <td>
                  <code>{row.basis}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </>
  );
}

const sameRows = (a: readonly AuditRow[], b: readonly AuditRow[]) =>
  a.length === b.length && a.every((row, index) => row.check === b[index]!.check && row.met === b[index]!.met);
