/**
 * The site's locales. Defined here, importing nothing, so the report contract
 * (verification-report.ts) can name them without importing src/; src/i18n/messages.ts
 * re-exports them beside the message catalogs.
 */
export const LOCALES = ['en', 'ja'] as const;
export type Locale = (typeof LOCALES)[number];
