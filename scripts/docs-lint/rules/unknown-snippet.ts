import { nearest } from '../nearest';
import { snippetUses } from '../../../src/doc-pages/tree';
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
          const expected = use.element === 'Snippet' ? '`<Snippet id="..."/>`' : '`<AuditTable snippet="..."/>`';
          report(page.file, ID, `Unexpected ${use.problem}, expected ${expected} with a string id`, use.position);
          continue;
        }
        if (Object.hasOwn(registry, use.id)) {
          if (use.element === 'AuditTable' && !registry[use.id]!.claims.some((claim) => claim.kind === 'audit')) {
            report(page.file, ID, `Unexpected audit table of snippet \`${use.id}\`, which has no \`audit\` claim, expected a snippet whose claims include one (${registryFile(page.version)})`, use.position);
          }
          continue;
        }
        const suggestion = nearest(use.id, known);
        const expected = suggestion
          ? `expected a registered id such as \`${suggestion}\``
          : `expected one of: ${known.map((id) => `\`${id}\``).join(', ')}`;
        report(page.file, ID, `Unexpected unknown snippet id \`${use.id}\`, ${expected} (${registryFile(page.version)})`, use.position);
      }
    }
  },
};
