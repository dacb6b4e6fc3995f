import path from 'node:path';
import type { VFile } from 'vfile';
import { SNIPPETS } from '../../src/snippets/registry';
import { headingId } from './rules/heading-id';
import { i18nKeys } from './rules/i18n-keys';
import { localeParity } from './rules/locale-parity';
import { noHandWrittenCommand } from './rules/no-hand-written-command';
import { proseValues } from './rules/prose-values';
import { terminology } from './rules/terminology';
import { registry as registryRule } from './rules/registry';
import type { Rule } from './rules/rule';
import { unknownSnippet } from './rules/unknown-snippet';
import { unusedSnippet } from './rules/unused-snippet';
import { loadSite, siteFiles, type Registry } from './site';

export const RULES: readonly Rule[] = [
  noHandWrittenCommand,
  unknownSnippet,
  unusedSnippet,
  localeParity,
  headingId,
  i18nKeys,
  registryRule,
  proseValues,
  terminology,
];

export interface CheckDocsOptions {
  /** A site root with docs/, i18n/ja/docusaurus-plugin-content-docs/current/ and src/i18n/*.json. */
  readonly root: string;
  /** The snippets pages may use; its source is read from `<root>/src/snippets/registry.ts` for positions. */
  readonly registry?: Registry;
}

/** Runs every docs check; each returned file carries its messages (all errors). */
export async function checkDocs({ root, registry = SNIPPETS }: CheckDocsOptions): Promise<VFile[]> {
  const site = await loadSite(path.resolve(root), registry);
  for (const rule of RULES) rule.check(site);
  return siteFiles(site);
}
