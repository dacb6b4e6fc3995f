import useDocusaurusContext from '@docusaurus/useDocusaurusContext';
import { pageTranslator, type PageTranslate } from './format';
import { LOCALES, type Locale } from './messages';

/**
 * The page's locale and its messages, for the site's components. A locale the messages do
 * not know fails the build instead of rendering another language's text.
 */
export function usePageLocale(): { readonly locale: Locale; readonly t: PageTranslate } {
  const { currentLocale } = useDocusaurusContext().i18n;
  const locale = LOCALES.find((candidate) => candidate === currentLocale);
  if (!locale) {
    throw new Error(`Unexpected locale "${currentLocale}", expected one of: ${LOCALES.join(', ')} (src/i18n/messages.ts)`);
  }
  return { locale, t: pageTranslator(locale) };
}
