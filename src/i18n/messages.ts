import type { Locale } from '../../contracts/locales';
import en from './en.json';
import ja from './ja.json';

// The locales are defined in contracts/ (the report names them too) and re-exported beside the catalogs.
export { LOCALES, type Locale } from '../../contracts/locales';

/** Every message key; `en` is the source of truth for which keys exist. */
export type MessageKey = keyof typeof en;

/** A locale missing a key is a type error here, before any page renders. */
export const MESSAGES: Record<Locale, Record<MessageKey, string>> = { en, ja };
