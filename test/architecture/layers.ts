/**
 * Which way the project's layers may import, as dependency-cruiser rules, and a cruise of
 * the repository (or of a fixture laid out like it) against them.
 *
 * dependency-cruiser rather than madge: its rules are declarative (from/to path patterns,
 * `circular`, `couldNotResolve`) and it reports each violation with the rule and the import,
 * or the whole cycle; madge gives a graph and a list of cycles and leaves the rules to us.
 * It reads TypeScript with the project's own compiler, type-only imports included.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { cruise, type IForbiddenRuleType, type IViolation } from 'dependency-cruiser';

/** The folders whose modules the rules judge, relative to the root that is cruised. */
export const CRUISED = ['contracts', 'src', 'scripts', 'test', 'docusaurus.config.ts', 'sidebars.ts', 'vitest.config.ts'];

export const RULES: IForbiddenRuleType[] = [
  {
    name: 'contracts-import-nothing',
    comment: 'contracts/ is the neutral ground the harness and the site both import: it imports nothing of src/, scripts/ or test/.',
    severity: 'error',
    from: { path: '^contracts/' },
    to: { path: '^(src|scripts|test)/' },
  },
  {
    name: 'no-test-outside-test',
    comment: 'Production code never imports test/: what both need lives outside test/ and the tests import it from there.',
    severity: 'error',
    from: { pathNot: '^test/' },
    to: { path: '^test/' },
  },
  {
    name: 'src-not-scripts',
    comment: 'The site (src/) imports nothing of the tools (scripts/): what both need, e.g. reading the doc pages (src/doc-pages), lives in src/ or contracts/.',
    severity: 'error',
    from: { path: '^src/' },
    to: { path: '^scripts/' },
  },
  {
    name: 'harness-below-engines',
    comment: 'scripts/engines runs the harness on other engines; the harness knows nothing of scripts/engines.',
    severity: 'error',
    from: { path: '^scripts/harness/' },
    to: { path: '^scripts/engines/' },
  },
  {
    name: 'no-cycle',
    comment: 'No module imports itself through others (the images modules once did: src/snippets/images.ts and the versions\' images.ts).',
    severity: 'error',
    from: {},
    to: { circular: true },
  },
  {
    name: 'relative-imports-resolve',
    comment: 'Every relative import resolves to a file; one that did not would hide its edges from the rules above.',
    severity: 'error',
    from: {},
    to: { couldNotResolve: true, path: '^\\.' },
  },
];

export interface Cruise {
  /** Every module the cruise read, and the project modules it imports (resolved paths). */
  readonly imports: ReadonlyMap<string, readonly string[]>;
  readonly violations: readonly IViolation[];
}

const isProjectPath = (file: string) => CRUISED.some((entry) => file === entry || file.startsWith(`${entry}/`));

/** Cruises `root` (the repository, or a fixture laid out like it) against the rules. */
export async function cruiseLayers(root: string): Promise<Cruise> {
  const options = {
    baseDir: root,
    validate: true,
    ruleSet: { forbidden: RULES },
    // Type-only imports are edges too: contracts/ once reached src/ through `import type` alone.
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['node_modules', '^build/', '^\\.docusaurus/', '^test/.*/fixtures/'] },
  };
  // Docusaurus' `@site/` is the site root (src/theme's MDX components import through it).
  const resolve = { alias: { '@site': root } };
  const result = await cruise(CRUISED.filter((entry) => existsSync(path.join(root, entry))), options, resolve);
  if (typeof result.output === 'string') throw new Error(`dependency-cruiser gave text, expected a result: ${result.output.slice(0, 200)}`);
  const imports = new Map(
    result.output.modules
      .filter((m) => isProjectPath(m.source))
      .map((m) => [m.source, m.dependencies.map((d) => d.resolved).filter(isProjectPath)] as const),
  );
  return { imports, violations: result.output.summary.violations };
}

/** One line per violation: the rule, the import (or the whole cycle). */
export function describeViolation(violation: IViolation): string {
  const cycle = violation.cycle?.map((step) => step.name).join(' -> ');
  return `${violation.rule.name}: ${violation.from} -> ${cycle ? `${cycle} (a cycle)` : violation.to}`;
}
