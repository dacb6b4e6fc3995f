import type { ReactNode } from 'react';
import { useDocsVersion } from '@docusaurus/plugin-content-docs/client';
import { versionOfDocs } from '../../evidence/docsVersion';
import { useVerificationData } from '../../evidence/useVerificationData';
import { usePageLocale } from '../../i18n/usePageLocale';
import { PlatformMatrixTable } from './Table';

/**
 * The platform bottom line of a hardened page: each engine the build's report holds, with whether
 * the page's measures work there as written (from their results on that engine), and the
 * platforms nothing ran on, as cited only. A page never claims more engines than the report has.
 */
export default function PlatformMatrix(): ReactNode {
  const { t } = usePageLocale();
  const version = versionOfDocs(useDocsVersion().version);
  return <PlatformMatrixTable version={version} data={useVerificationData()} t={t} />;
}
