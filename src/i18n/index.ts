import i18next, { type TFunction } from 'i18next';
import { MESSAGES, type Locale } from './messages';

/**
 * One synchronous i18next instance for the site and the tools alike, so a comment
 * renders the same during the static build, in the browser and in the harness.
 * Keys contain dots, hence no key or namespace separators.
 */
const instance = i18next.createInstance();
void instance.init({
  initAsync: false,
  showSupportNotice: false,
  lng: 'en',
  fallbackLng: false,
  keySeparator: false,
  nsSeparator: false,
  interpolation: { escapeValue: false },
  resources: {
    en: { translation: MESSAGES.en },
    ja: { translation: MESSAGES.ja },
  },
});

export function translator(locale: Locale): TFunction {
  return instance.getFixedT(locale);
}

export { LOCALES, MESSAGES, type Locale, type MessageKey } from './messages';
