import { Fragment, type ReactNode } from 'react';
import Link from '@docusaurus/Link';
import { useAllDocsData, useDocsVersion } from '@docusaurus/plugin-content-docs/client';
import { useDoc } from '@docusaurus/plugin-content-docs/client';
import type { MessageKey } from '../../i18n/messages';
import { usePageLocale } from '../../i18n/usePageLocale';
import { VERSION_IDS, VERSIONS } from '../../snippets/versions';
import { DOCS_VERSION_OF, versionOfDocs } from '../../evidence/docsVersion';
import styles from './styles.module.css';

/**
 * A page's first paragraph: which OpenHands version (and release) it covers, and the
 * same page (same doc id) in the other versions, so a reader on the wrong version finds
 * theirs in one click. Versions without that page are left out. A page about every version
 * (the comparison, the verification) says so instead (`scope="all"`).
 */
export default function VersionNote({ scope = 'version' }: { readonly scope?: 'version' | 'all' }): ReactNode {
  const { t, locale } = usePageLocale();
  // Japanese sets no space after 。 or ：; English separates the sentences with one.
  const gap = locale === 'ja' ? '' : ' ';
  const version = versionOfDocs(useDocsVersion().version);
  const docId = useDoc().metadata.id;
  const versions = useAllDocsData().default?.versions ?? [];
  const others = VERSION_IDS.filter((other) => other !== version).flatMap((other) => {
    const path = versions.find((v) => v.name === DOCS_VERSION_OF[other])?.docs.find((d) => d.id === docId)?.path;
    return path ? [{ other, path }] : [];
  });
  if (scope === 'all') {
    const names = VERSION_IDS.map((id) => t(`version.${id}` satisfies MessageKey)).join(t('versionNote.separator'));
    return (
      <p className={styles.note} data-version-note={version} data-version-scope="all">
        {t('versionNote.coversAll', { versions: names })}
      </p>
    );
  }
  return (
    <p className={styles.note} data-version-note={version}>
      {t('versionNote.covers', { version: t(`version.${version}` satisfies MessageKey), release: VERSIONS[version].profile.release })}
      {others.length > 0 ? (
        <>
          {gap}
          {t('versionNote.others')}
          {gap}
          {others.map(({ other, path }, index) => (
            <Fragment key={other}>
              {index > 0 ? t('versionNote.separator') : null}
              <Link to={path}>{t(`version.${other}` satisfies MessageKey)}</Link>
            </Fragment>
          ))}
          {t('versionNote.end')}
        </>
      ) : null}
    </p>
  );
}
