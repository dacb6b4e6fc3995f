import { pageTranslator, type PageTranslate } from './format';
import type { Locale } from './messages';

/**
 * The one translator for the site and the tools alike, so a comment renders the same during
 * the static build, in the browser and in the harness. The catalogs use nothing but key
 * lookup and `{{name}}` variables (no plurals, nesting or escaping), which format.ts does in a
 * dozen lines, so no i18n library is loaded for them.
 */
export function translator(locale: Locale): PageTranslate {
  return pageTranslator(locale);
}

export { LOCALES, MESSAGES, type Locale, type MessageKey } from './messages';
export type { MessageParams, PageTranslate } from './format';
