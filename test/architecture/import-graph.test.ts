/**
 * The layers point one way (issue 17, item 4): contracts/ imports nothing of the project,
 * nothing outside test/ imports test/, the site imports nothing of scripts/, the harness
 * nothing of scripts/engines, and no module reaches itself through others. No Docker.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cruiseLayers, describeViolation } from './layers';

const ROOT = path.resolve(__dirname, '..', '..');
const FIXTURE = path.join(__dirname, 'fixtures', 'layers');

describe('the import graph', () => {
  it('of the repository breaks no layer rule', async () => {
    const { imports, violations } = await cruiseLayers(ROOT);
    // A cruise that read nothing would break no rule either: it must see the project and its edges.
    expect(imports.size, 'modules read').toBeGreaterThan(250);
    expect(imports.get('scripts/engines/engines.ts'), 'an edge the rules judge').toContain('scripts/harness/docker.ts');
    expect(imports.get('src/theme/MDXComponents.tsx'), 'an import through @site/').toContain('src/components/Snippet/index.tsx');
    expect(imports.get('contracts/verification-report.ts'), 'a type-only import').toContain('contracts/versions.ts');
    expect(violations.map(describeViolation)).toEqual([]);
  }, 60_000);

  // Each rule shown able to fail: a fixture laid out like the repository breaks every rule once,
  // and the imports the layers allow (src -> contracts, engines -> harness, test -> anything) pass.
  it('of a fixture with one forbidden import per rule reports each of them, and only those', async () => {
    const { violations } = await cruiseLayers(FIXTURE);
    expect(violations.map(describeViolation).sort()).toEqual([
      'contracts-import-nothing: contracts/report.ts -> src/locale.ts',
      'harness-below-engines: scripts/harness/cleanup.ts -> scripts/engines/folders.ts',
      'no-cycle: src/snippets/images.ts -> src/snippets/versions/v/images.ts -> src/snippets/images.ts (a cycle)',
      'no-test-outside-test: scripts/site/card.ts -> test/support.ts',
      'no-test-outside-test: src/alias.ts -> test/support.ts',
      'relative-imports-resolve: src/unresolved.ts -> ./does-not-exist',
      'src-not-scripts: src/plugin.ts -> scripts/docs-lint.ts',
    ]);
  }, 60_000);
});
