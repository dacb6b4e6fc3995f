import { nearest } from '../nearest';
import { snippetUses } from '../page-facts';
import { report } from '../report';
import { registryFile, versionOf } from '../site';
import type { Rule } from './rule';

const ID = 'unknown-snippet';

export const unknownSnippet: Rule = {
  id: ID,
  check(site) {
    for (const page of site.pages) {
      if (!page.tree) continue;
      const { registry } = versionOf(site, page);
      const known = Object.keys(registry);
      for (const use of snippetUses(page.tree)) {
        if (use.id === undefined) {
          report(page.file, ID, `Unexpected ${use.problem}, expected \`<Snippet id="..."/>\` with a string id`, use.position);
          continue;
        }
        if (Object.hasOwn(registry, use.id)) continue;
        const suggestion = nearest(use.id, known);
        const expected = suggestion
          ? `expected a registered id such as \`${suggestion}\``
          : `expected one of: ${known.map((id) => `\`${id}\``).join(', ')}`;
        report(page.file, ID, `Unexpected unknown snippet id \`${use.id}\`, ${expected} (${registryFile(page.version)})`, use.position);
      }
    }
  },
};
