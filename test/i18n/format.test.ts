import { describe, expect, it } from 'vitest';
import { LOCALES, MESSAGES, translator, type MessageKey } from '../../src/i18n';
import { pageTranslator } from '../../src/i18n/format';

const KEYS = Object.keys(MESSAGES.en) as MessageKey[];
const VARIABLE = /\{\{\s*(\w+)\s*\}\}/g;
/** Without the g flag: `test` on a global pattern moves its lastIndex between calls. */
const HAS_VARIABLE = /\{\{\s*\w+\s*\}\}/;

/** One value per `{{variable}}` of a message, with markup and quotes that must come through as written. */
function sampleParams(template: string): Record<string, string | number> {
  const params: Record<string, string | number> = {};
  for (const [, name] of template.matchAll(VARIABLE)) params[name!] = name === 'count' ? 3 : `<${name}&"value">`;
  return params;
}

describe.each(LOCALES)('pageTranslator(%s)', (locale) => {
  const page = pageTranslator(locale);

  it('fills every variable of every message with its value, unescaped', () => {
    for (const key of KEYS) {
      const template = MESSAGES[locale][key];
      const params = sampleParams(template);
      const expected = template.replace(VARIABLE, (_, name: string) => String(params[name]));
      expect(page(key, params), key).toBe(expected);
      expect(page(key, params), key).not.toMatch(/\{\{/);
    }
  });

  it('gives a message without variables as written', () => {
    for (const key of KEYS) if (!HAS_VARIABLE.test(MESSAGES[locale][key])) expect(page(key), key).toBe(MESSAGES[locale][key]);
  });

  it('is what the tools use too', () => {
    const key = KEYS.find((k) => HAS_VARIABLE.test(MESSAGES[locale][k]))!;
    const params = sampleParams(MESSAGES[locale][key]);
    expect(translator(locale)(key, params)).toBe(page(key, params));
  });
});

describe('pageTranslator on a variable it is not given', () => {
  it('leaves the placeholder as written, so a missing value shows instead of vanishing', () => {
    const key = KEYS.find((k) => /\{\{\s*container\s*\}\}/.test(MESSAGES.en[k]))!;
    expect(pageTranslator('en')(key, {})).toMatch(/\{\{\s*container\s*\}\}/);
  });

  it('takes a number as its decimal text, and spaces inside the braces', () => {
    const key = KEYS.find((k) => /\{\{\s*port\s*\}\}/.test(MESSAGES.en[k]))!;
    expect(pageTranslator('en')(key, { port: 8000, container: 'c' })).toContain('8000');
  });
});
