import type { ReactNode } from 'react';
import CodeBlock from '@theme/CodeBlock';
import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import type { TFunction } from 'i18next';
import { renderSnippet, type Claim } from '../../snippets';
import { LOCALES, translator, type Locale } from '../../i18n';
import { assertCopyable } from './assertCopyable';
import { claimText } from './claimText';
import Evidence from './Evidence';
import { resolveSnippet } from './resolveSnippet';
import styles from './styles.module.css';

export interface SnippetProps {
  /** A key of SNIPPETS in src/snippets/registry.ts. */
  readonly id: string;
}

function useLocale(): Locale {
  const { currentLocale } = useDocusaurusContext().i18n;
  const locale = LOCALES.find((candidate) => candidate === currentLocale);
  if (!locale) {
    throw new Error(`Unexpected locale "${currentLocale}", expected one of: ${LOCALES.join(', ')} (src/i18n/messages.ts)`);
  }
  return locale;
}

function ClaimList({ claims, t, locale }: { claims: readonly Claim[]; t: TFunction; locale: Locale }): ReactNode {
  if (claims.length === 0) return null;
  return (
    <div className={styles.claims}>
      <div className={styles.claimsTitle}>{t('snippet.claims')}</div>
      <ul className={styles.claimList}>
        {claims.map((claim, index) => (
          <li key={index} data-claim-kind={claim.kind}>
            {claimText(claim, { t, locale })}
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * A command of the registry as the reader sees it: caption, the exact text the harness
 * runs (and the copy button copies), what the command is claimed to do, and (later) the
 * evidence that it does.
 */
export default function Snippet({ id }: SnippetProps): ReactNode {
  const locale = useLocale();
  const t = translator(locale);
  const snippet = resolveSnippet(id);
  const text = renderSnippet(snippet, t);
  assertCopyable(text, id);
  return (
    <figure id={`snippet-${id}`} data-snippet-id={id} className={styles.snippet}>
      <figcaption className={styles.caption}>{t(snippet.caption)}</figcaption>
      <CodeBlock language="bash">{text}</CodeBlock>
      <ClaimList claims={snippet.claims} t={t} locale={locale} />
      <Evidence snippetId={id} />
    </figure>
  );
}
