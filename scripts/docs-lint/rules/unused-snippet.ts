import { snippetUses } from '../../../src/doc-pages/tree';
import { report } from '../report';
import { keyPoint } from '../source-points';
import type { Rule } from './rule';

const ID = 'unused-snippet';

/** A registered command no page shows is verified for nothing; it should be used or removed. */
export const unusedSnippet: Rule = {
  id: ID,
  check(site) {
    for (const version of site.versions) {
      const used = new Set<string>();
      for (const page of site.pages.filter((p) => p.version === version.version)) {
        for (const use of page.tree ? snippetUses(page.tree) : []) if (use.id) used.add(use.id);
      }
      const source = String(version.registryFile.value);
      for (const id of Object.keys(version.registry)) {
        if (used.has(id)) continue;
        report(
          version.registryFile,
          ID,
          `Unexpected snippet \`${id}\` that no page of version ${version.version} shows, expected \`<Snippet id="${id}"/>\` on one of its pages or the snippet removed`,
          keyPoint(source, id),
        );
      }
    }
  },
};
