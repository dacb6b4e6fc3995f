import { MESSAGES, type Locale, type MessageKey } from './messages';

export type MessageParams = Readonly<Record<string, string | number>>;

/** A message of one locale, by key, with its `{{name}}` variables filled. */
export type PageTranslate = (key: MessageKey, params?: MessageParams) => string;

const VARIABLE = /\{\{\s*(\w+)\s*\}\}/g;

/**
 * What the site does with the i18next resources (src/i18n/*.json): look a key up and fill
 * `{{name}}` variables, the only i18next features they use. i18next itself (index.ts) stays
 * with the tools: in the browser it would be a quarter of the JavaScript a page loads.
 * test/i18n/format.test.ts holds the two to the same output for every message.
 */
export function pageTranslator(locale: Locale): PageTranslate {
  const messages = MESSAGES[locale];
  return (key, params = {}) =>
    messages[key].replace(VARIABLE, (placeholder, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : placeholder));
}
