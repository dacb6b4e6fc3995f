import en from './en.json';
import ja from './ja.json';

/** Every message key; `en` is the source of truth for which keys exist. */
export type MessageKey = keyof typeof en;

export const LOCALES = ['en', 'ja'] as const;
export type Locale = (typeof LOCALES)[number];

/** A locale missing a key is a type error here, before any page renders. */
export const MESSAGES: Record<Locale, Record<MessageKey, string>> = { en, ja };
