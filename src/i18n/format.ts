import { MESSAGES, type Locale, type MessageKey } from './messages';

export type MessageParams = Readonly<Record<string, string | number>>;

/** A message of one locale, by key, with its `{{name}}` variables filled. */
export type PageTranslate = (key: MessageKey, params?: MessageParams) => string;

const VARIABLE = /\{\{\s*(\w+)\s*\}\}/g;

/**
 * A message of the catalogs (src/i18n/*.json) by key, with its `{{name}}` variables filled.
 * These are the only two features the catalogs use: a docs check (i18n-keys) keeps every
 * `{{variable}}` in both locales, and test/i18n/format.test.ts holds what this does with a
 * variable it is not given (left as written) and with markup in a value (left unescaped:
 * React escapes what it renders, and the tools print plain text).
 */
export function pageTranslator(locale: Locale): PageTranslate {
  const messages = MESSAGES[locale];
  return (key, params = {}) =>
    messages[key].replace(VARIABLE, (placeholder, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : placeholder));
}
