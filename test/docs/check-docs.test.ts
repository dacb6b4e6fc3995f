import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDocs } from '../../scripts/docs-lint/check-docs';
import { flatMessages } from './fixture-site';
import { SNIPPETS } from '../../src/snippets/versions/0.33/registry';
import { REAL_REGISTRIES } from '../../scripts/docs-lint/site';

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

describe('prose-value on the real pages', () => {
  it('fails both locales\' pages when a snippet\'s memory limit changes and the prose does not follow', async () => {
    const run = SNIPPETS['resource-limits'].steps[0].command;
    const registry = { ...SNIPPETS, 'resource-limits': { ...SNIPPETS['resource-limits'], steps: [{ command: { ...run, memory: '8g' as const } }] } };
    const registries = { ...REAL_REGISTRIES, '0.33': { ...REAL_REGISTRIES['0.33']!, registry } };
    const messages = flatMessages(await checkDocs({ root: ROOT, registries })).filter((m) => m.ruleId === 'prose-value');
    const pages = new Set(messages.map((m) => m.at.split(':')[0]));
    expect([...pages].sort()).toEqual([
      'i18n/ja/docusaurus-plugin-content-docs/version-0.33/hardened-installation.mdx',
      'versioned_docs/version-0.33/hardened-installation.mdx',
    ]);
    expect(messages.some((m) => m.reason.includes('Unexpected `--memory=4g`') && m.reason.includes('`--memory=8g`'))).toBe(true);
  });
});
