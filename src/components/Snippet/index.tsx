import type { ReactNode } from 'react';
import CodeBlock from '@theme/CodeBlock';
import useBrokenLinks from '@docusaurus/useBrokenLinks';
import { useDocsVersion } from '@docusaurus/plugin-content-docs/client';
import { versionOfDocs } from '../../evidence/docsVersion';
import { renderSnippet, snippetKey } from '../../snippets';
import { evidenceFor } from '../../evidence/evidenceFor';
import { useVerificationData } from '../../evidence/useVerificationData';
import { usePageLocale } from '../../i18n/usePageLocale';
import { assertCopyable } from './assertCopyable';
import Evidence from './Evidence';
import { resolveSnippet } from './resolveSnippet';
import styles from './styles.module.css';

export interface SnippetProps {
  /** A key of the page's version's registry (src/snippets/versions/<version>/registry.ts). */
  readonly id: string;
}

/**
 * A command of the registry as the reader sees it: caption, the exact text the harness
 * runs (and the copy button copies), what the command is claimed to do, and the evidence
 * of the last verification run that it does.
 */
export default function Snippet({ id }: SnippetProps): ReactNode {
  const { locale, t } = usePageLocale();
  const snippet = resolveSnippet(versionOfDocs(useDocsVersion().version), id);
  const text = renderSnippet(snippet, t);
  const evidence = evidenceFor(snippet, useVerificationData());
  // The verification page links here; registering the anchor lets onBrokenAnchors check those links.
  useBrokenLinks().collectAnchor(`snippet-${id}`);
  assertCopyable(text, id);
  return (
    <figure id={`snippet-${id}`} data-snippet-id={snippetKey(snippet)} data-evidence={evidence.state} className={styles.snippet}>
      <figcaption className={styles.caption}>{t(snippet.caption)}</figcaption>
      <CodeBlock language="bash">{text}</CodeBlock>
      <Evidence snippet={snippet} evidence={evidence} t={t} locale={locale} />
    </figure>
  );
}
