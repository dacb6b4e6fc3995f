import { describe, expect, it } from 'vitest';
import { LOCALES, MESSAGES, translator, type MessageKey } from '../../src/i18n';
import { pageTranslator } from '../../src/i18n/format';

const KEYS = Object.keys(MESSAGES.en) as MessageKey[];

/** One value per `{{variable}}` of a message; `count` as a number, as i18next treats it specially. */
function sampleParams(template: string): Record<string, string | number> {
  const params: Record<string, string | number> = {};
  for (const [, name] of template.matchAll(/\{\{\s*(\w+)\s*\}\}/g)) params[name!] = name === 'count' ? 3 : `<${name}&"value">`;
  return params;
}

describe.each(LOCALES)('pageTranslator(%s)', (locale) => {
  const page = pageTranslator(locale);
  const i18next = translator(locale);

  it('gives what i18next gives for every message, with and without variables', () => {
    for (const key of KEYS) {
      const params = sampleParams(MESSAGES[locale][key]);
      expect(page(key, params), key).toBe(i18next(key, params));
      if (Object.keys(params).length === 0) expect(page(key), key).toBe(i18next(key));
    }
  });

  it('fills every variable', () => {
    for (const key of KEYS) expect(page(key, sampleParams(MESSAGES[locale][key])), key).not.toMatch(/\{\{/);
  });
});
