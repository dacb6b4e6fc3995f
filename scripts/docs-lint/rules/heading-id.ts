import { pageHeadings } from '../../../src/doc-pages/tree';
import { report } from '../report';
import type { Rule } from './rule';

const ID = 'heading-id';
const ID_FORMAT = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Both locales share anchors only if every heading names its id: a generated slug of a
 * Japanese heading differs from the English one. h1 is exempt: Docusaurus links no anchor to it.
 */
export const headingId: Rule = {
  id: ID,
  check(site) {
    for (const page of site.pages) {
      if (!page.tree) continue;
      const seen = new Map<string, number | undefined>();
      for (const heading of pageHeadings(page.tree)) {
        if (heading.depth === 1) continue;
        if (heading.id === undefined) {
          report(page.file, ID, `Unexpected heading \`${heading.text.trim()}\` without an id, expected \`${'#'.repeat(heading.depth)} ${heading.text.trim()} {#some-id}\``, heading.position);
          continue;
        }
        if (!ID_FORMAT.test(heading.id)) {
          report(page.file, ID, `Unexpected heading id \`${heading.id}\`, expected lowercase letters, digits and single hyphens`, heading.position);
        }
        if (seen.has(heading.id)) {
          report(page.file, ID, `Unexpected duplicate heading id \`${heading.id}\`, expected ids unique on the page (first on line ${seen.get(heading.id)})`, heading.position);
        } else {
          seen.set(heading.id, heading.position?.start.line);
        }
      }
    }
  },
};
