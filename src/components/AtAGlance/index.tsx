import type { ReactNode } from 'react';
import { useDocsVersion } from '@docusaurus/plugin-content-docs/client';
import { versionOfDocs } from '../../evidence/docsVersion';
import { useVerificationData } from '../../evidence/useVerificationData';
import { usePageLocale } from '../../i18n/usePageLocale';
import { AtAGlanceTable } from './Table';

/**
 * The bottom line of a hardened page: "do these first" and one row per measure, with what it
 * protects against, what it costs and where the build's report says it was verified. No cell
 * about verification is written by hand: a change in a claim's result changes the table.
 */
export default function AtAGlance(): ReactNode {
  const { t } = usePageLocale();
  const version = versionOfDocs(useDocsVersion().version);
  return <AtAGlanceTable version={version} data={useVerificationData()} t={t} />;
}
