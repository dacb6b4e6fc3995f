import path from 'node:path';
import type { VFile } from 'vfile';
import { admonitionTitle } from './rules/admonition-title';
import { headingId } from './rules/heading-id';
import { i18nKeys } from './rules/i18n-keys';
import { localeParity } from './rules/locale-parity';
import { noHandWrittenCommand } from './rules/no-hand-written-command';
import { proseValues } from './rules/prose-values';
import { terminology } from './rules/terminology';
import { jaPolite } from './rules/ja-polite';
import { registry as registryRule } from './rules/registry';
import { releaseRange } from './rules/release-range';
import type { Rule } from './rules/rule';
import { unknownSnippet } from './rules/unknown-snippet';
import { unusedSnippet } from './rules/unused-snippet';
import { loadSite, siteFiles, type SiteRegistries } from './site';

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
  jaPolite,
  admonitionTitle,
  releaseRange,
];

export interface CheckDocsOptions {
  /** A site root with each version's pages in both locales and src/i18n/*.json. */
  readonly root: string;
  /**
   * Each version's snippets and facts (default: the real ones); a registry's source is read
   * from `<root>/src/snippets/versions/<version>/registry.ts` for positions.
   */
  readonly registries?: SiteRegistries;
}

/** Runs every docs check; each returned file carries its messages (all errors). */
export async function checkDocs({ root, registries }: CheckDocsOptions): Promise<VFile[]> {
  const site = await loadSite(path.resolve(root), registries);
  for (const rule of RULES) rule.check(site);
  return siteFiles(site);
}
