import { validateRegistry } from '../../../src/snippets/validate';
import { report } from '../report';
import { keyPoint } from '../source-points';
import type { Rule } from './rule';

const ID = 'registry';

/** Registry data the types cannot check (src/snippets/validate.ts), reported at the snippet's key. */
export const registry: Rule = {
  id: ID,
  check(site) {
    const source = String(site.registryFile.value);
    // Message keys are left to i18n-keys, which knows the catalogs' files and positions.
    for (const problem of validateRegistry(site.registry, null)) {
      report(
        site.registryFile,
        ID,
        `Snippet \`${problem.snippetId}\`, \`${problem.field}\`: ${problem.message}`,
        keyPoint(source, problem.snippetId),
      );
    }
  },
};
