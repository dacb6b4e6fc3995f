import type { Point } from 'unist';
import type { Claim } from '../../../src/snippets/claims';
import { report } from '../report';
import type { MessageCatalog, Registry, Site } from '../site';
import { keyPoint, stringLiteralPoint } from '../source-points';
import type { Rule } from './rule';

const ID = 'i18n-keys';
const INTERPOLATION = /\{\{\s*([^\s,}]+)[^}]*\}\}/g;

interface KeyUse {
  readonly key: string;
  readonly snippetId: string;
  readonly field: string;
}

/** Every message key the registry's snippets render: captions, comments, claim sentences, users. */
export function registryKeys(registry: Registry): KeyUse[] {
  const uses: KeyUse[] = [];
  for (const [snippetId, spec] of Object.entries(registry)) {
    uses.push({ key: spec.caption, snippetId, field: 'caption' });
    spec.steps.forEach((step, index) => {
      if (step.comment) uses.push({ key: step.comment, snippetId, field: `steps[${index}].comment` });
    });
    spec.claims.forEach((claim, index) => {
      uses.push({ key: `claim.${claim.kind}`, snippetId, field: `claims[${index}].kind` });
      if (claim.kind === 'app-runs-as') uses.push({ key: `user.${claim.user}`, snippetId, field: `claims[${index}].user` });
    });
  }
  return uses;
}

export function interpolationVariables(message: string): string[] {
  return [...new Set([...message.matchAll(INTERPOLATION)].map((match) => match[1] ?? ''))].sort();
}

/** Fields each claim kind the registry uses carries: what its sentence may interpolate. */
function claimFields(registry: Registry): Map<string, Set<string>> {
  const fields = new Map<string, Set<string>>();
  for (const spec of Object.values(registry)) {
    for (const claim of spec.claims as readonly Claim[]) {
      const names = fields.get(claim.kind) ?? new Set<string>();
      for (const name of Object.keys(claim)) if (name !== 'kind') names.add(name);
      fields.set(claim.kind, names);
    }
  }
  return fields;
}

const list = (names: readonly string[]) => (names.length ? names.map((name) => `{{${name}}}`).join(', ') : 'none');

function checkRegistryKeys(site: Site, catalogs: readonly MessageCatalog[]): Set<string> {
  const reported = new Set<string>();
  for (const version of site.versions) {
    const source = String(version.registryFile.value);
    for (const catalog of catalogs) {
      const entries = catalog.entries;
      if (!entries) continue;
      for (const use of registryKeys(version.registry)) {
        if (Object.hasOwn(entries, use.key) || reported.has(`${catalog.locale}:${use.key}`)) continue;
        reported.add(`${catalog.locale}:${use.key}`);
        const place = stringLiteralPoint(source, use.key) ?? keyPoint(source, use.snippetId);
        report(
          version.registryFile,
          ID,
          `Unexpected key \`${use.key}\` (snippet \`${use.snippetId}\`, \`${use.field}\`) missing from ${catalog.file.path}, expected every message the registry uses in both locales`,
          place,
        );
      }
    }
  }
  return reported;
}

/** Where a missing key belongs in `catalog`: at the nearest preceding key of `source` that it has. */
function insertionPoint(key: string, source: MessageCatalog, catalog: MessageCatalog): Point {
  const keys = Object.keys(source.entries ?? {});
  const text = String(catalog.file.value);
  for (let index = keys.indexOf(key) - 1; index >= 0; index--) {
    const previous = keys[index];
    const point = previous !== undefined && Object.hasOwn(catalog.entries ?? {}, previous) ? keyPoint(text, previous) : undefined;
    if (point) return point;
  }
  return { line: 1, column: 1 };
}

export const i18nKeys: Rule = {
  id: ID,
  check(site) {
    const { en, ja } = site.catalogs;
    const reported = checkRegistryKeys(site, [en, ja]);
    if (!en.entries || !ja.entries) return;

    // en decides which keys exist (src/i18n/messages.ts): ja is missing a key or has one too many.
    for (const key of Object.keys(en.entries)) {
      if (Object.hasOwn(ja.entries, key) || reported.has(`ja:${key}`)) continue;
      const at = keyPoint(String(en.file.value), key);
      report(
        ja.file,
        ID,
        `Unexpected missing key \`${key}\`, expected it as in ${en.file.path}${at ? `:${at.line}:${at.column}` : ''} (the same keys in both locales)`,
        insertionPoint(key, en, ja),
      );
    }
    for (const key of Object.keys(ja.entries)) {
      if (Object.hasOwn(en.entries, key)) continue;
      report(
        ja.file,
        ID,
        `Unexpected key \`${key}\` that ${en.file.path} does not have, expected the same keys in both locales (en decides which exist)`,
        keyPoint(String(ja.file.value), key),
      );
    }

    for (const [key, english] of Object.entries(en.entries)) {
      const japanese = ja.entries[key];
      if (japanese === undefined) continue;
      const expected = interpolationVariables(english);
      const actual = interpolationVariables(japanese);
      if (expected.join() === actual.join()) continue;
      report(
        ja.file,
        ID,
        `Unexpected interpolation ${list(actual)} in \`${key}\`, expected ${list(expected)} as in ${en.file.path}`,
        keyPoint(String(ja.file.value), key),
      );
    }

    // en only: a Japanese sentence that differs from the English one is reported above.
    const all = Object.assign({}, ...site.versions.map((v) => v.registry)) as Registry;
    for (const [kind, fields] of claimFields(all)) {
      const key = `claim.${kind}`;
      const message = en.entries[key];
      if (message === undefined) continue;
      const unknown = interpolationVariables(message).filter((name) => !fields.has(name));
      if (unknown.length === 0) continue;
      report(
        en.file,
        ID,
        `Unexpected ${list(unknown)} in \`${key}\`, expected only fields of a \`${kind}\` claim: ${list([...fields].sort())}`,
        keyPoint(String(en.file.value), key),
      );
    }
  },
};
