import { validateRegistry } from '../../../src/snippets/validate';
import { report } from '../report';
import { keyPoint } from '../source-points';
import type { Rule } from './rule';

const ID = 'registry';

/** Registry data the types cannot check (src/snippets/validate.ts), reported at the snippet's key. */
export const registry: Rule = {
  id: ID,
  check(site) {
    for (const version of site.versions) {
      const source = String(version.registryFile.value);
      // Message keys are left to i18n-keys, which knows the catalogs' files and positions.
      for (const problem of validateRegistry(version.registry, null)) {
        report(
          version.registryFile,
          ID,
          `Snippet \`${problem.snippetId}\`, \`${problem.field}\`: ${problem.message}`,
          keyPoint(source, problem.snippetId),
        );
      }
    }
  },
};
