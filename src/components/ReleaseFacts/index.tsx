import type { ReactNode } from 'react';
import { useDocsVersion } from '@docusaurus/plugin-content-docs/client';
import { versionOfDocs } from '../../evidence/docsVersion';
import { usePageLocale } from '../../i18n/usePageLocale';
import { VERSIONS } from '../../snippets/versions';
import { inRange, type ReleaseFact } from '../../snippets/versions/release-facts';
import styles from './styles.module.css';

/**
 * The findings of the page's version that hold for some of its releases only, each with the
 * releases it holds for, what later releases change and what a reader of another release
 * should do: rendered from src/snippets/versions/<version>/releases.ts, so the ranges on the
 * page are the ranges in the data (scripts/docs-lint/rules/release-range.ts checks the rest).
 */
export default function ReleaseFacts(): ReactNode {
  const { t } = usePageLocale();
  const version = versionOfDocs(useDocsVersion().version);
  const { releases: line, profile } = VERSIONS[version];
  if (!line) throw new Error(`<ReleaseFacts/> on a page of ${version}, which has no release line (src/snippets/versions/${version}/releases.ts)`);
  const documented = profile.release;
  const holds = (fact: ReleaseFact) =>
    fact.holds.from === fact.holds.to ? t('releaseFacts.single', { from: fact.holds.from }) : t('releaseFacts.range', { from: fact.holds.from, to: fact.holds.to });
  const how = (fact: ReleaseFact) =>
    fact.claims.length > 0 && inRange(line, fact.holds, documented) ? t('releaseFacts.verified', { documented }) : t('releaseFacts.fromSource');
  return (
    <table className={styles.facts} data-release-facts={version}>
      <thead>
        <tr>
          <th>{t('releaseFacts.column.finding')}</th>
          <th>{t('releaseFacts.column.holds')}</th>
          <th>{t('releaseFacts.column.later')}</th>
          <th>{t('releaseFacts.column.advice')}</th>
        </tr>
      </thead>
      <tbody>
        {Object.entries(line.facts).map(([id, fact]) => (
          <tr key={id} data-fact={id} data-from={fact.holds.from} data-to={fact.holds.to}>
            <td>{t(fact.statement)}</td>
            <td>
              {holds(fact)}
              {fact.begins ? (
                <>
                  <br />
                  {t('releaseFacts.begins', { after: fact.begins.after, by: fact.begins.by })}
                </>
              ) : null}
              <br />
              <small>{how(fact)}</small>
            </td>
            <td>
              {fact.changes
                ? t('releaseFacts.changes', { after: fact.changes.after, by: fact.changes.by, what: t(fact.changes.what) })
                : t('releaseFacts.noChange')}
            </td>
            <td>{t(fact.advice, { from: fact.holds.from, to: fact.holds.to })}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
