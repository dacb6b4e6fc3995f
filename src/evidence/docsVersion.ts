import type { VersionId } from '../snippets/versions/ids';

/**
 * Docusaurus' docs version of each OpenHands version: Agent Canvas is the current one (at
 * the site's root), the others are versioned_docs/version-<name>.
 */
export const DOCS_VERSION_OF: Readonly<Record<VersionId, string>> = { canvas: 'current', '1.x': '1.x', '0.33': '0.33' };

export function versionOfDocs(docsVersion: string): VersionId {
  const found = (Object.entries(DOCS_VERSION_OF) as [VersionId, string][]).find(([, docs]) => docs === docsVersion)?.[0];
  if (!found) throw new Error(`Unexpected docs version "${docsVersion}", expected one of ${Object.values(DOCS_VERSION_OF).join(', ')} (src/evidence/docsVersion.ts)`);
  return found;
}
