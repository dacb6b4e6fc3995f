import type { ReactNode } from 'react';
import { REWRITE_RULES } from '../../../contracts/verification-report';
import type { MessageKey } from '../../i18n/messages';
import { usePageLocale } from '../../i18n/usePageLocale';

/**
 * Every change the harness may make to a command before running it, in the reader's language:
 * one item per rule of the report contract, and one for the placeholders it fills. Written
 * from the contract, so a new rule shows up here without anyone remembering the page.
 */
export default function RewriteRules(): ReactNode {
  const { t } = usePageLocale();
  return (
    <ul data-rewrite-rules="">
      {REWRITE_RULES.map((rule) => (
        <li key={rule} data-rewrite-rule={rule}>
          {t(`rewrite.${rule}` satisfies MessageKey)}
        </li>
      ))}
      <li data-rewrite-rule="placeholders">{t('rewrite.placeholders')}</li>
    </ul>
  );
}
