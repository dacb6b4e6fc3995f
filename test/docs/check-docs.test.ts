import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDocs } from '../../scripts/docs-lint/check-docs';
import { flatMessages } from './fixture-site';

const ROOT = path.resolve(__dirname, '../..');

/**
 * THE REAL SITE, not a fixture: every page of both locales must pass every docs check.
 * This test FAILS (never skips) while docs/ does not exist: a site without pages has
 * verified nothing.
 */
describe('check-docs on the real repository', () => {
  it('has English pages in docs/ and Japanese pages beside them', () => {
    expect(existsSync(path.join(ROOT, 'docs')), 'docs/ does not exist yet: the guide has no pages').toBe(true);
    expect(existsSync(path.join(ROOT, 'i18n/ja/docusaurus-plugin-content-docs/current'))).toBe(true);
  });

  it('reports no message on any page, catalog or the registry', async () => {
    const messages = flatMessages(await checkDocs({ root: ROOT }));
    expect(messages.map((message) => `${message.at} [${message.ruleId}] ${message.reason}`)).toEqual([]);
  });
});
