import { snippetUses } from '../page-facts';
import { report } from '../report';
import { keyPoint } from '../source-points';
import type { Rule } from './rule';

const ID = 'unused-snippet';

/** A registered command no page shows is verified for nothing; it should be used or removed. */
export const unusedSnippet: Rule = {
  id: ID,
  check(site) {
    const used = new Set<string>();
    for (const page of site.pages) {
      for (const use of page.tree ? snippetUses(page.tree) : []) if (use.id) used.add(use.id);
    }
    const source = String(site.registryFile.value);
    for (const id of Object.keys(site.registry)) {
      if (used.has(id)) continue;
      report(
        site.registryFile,
        ID,
        `Unexpected snippet \`${id}\` that no page shows, expected \`<Snippet id="${id}"/>\` on a page or the snippet removed`,
        keyPoint(source, id),
      );
    }
  },
};
