import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** The repository root (test/site/support -> ../../..). */
export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const BUILD_DIR = path.join(ROOT, 'build');
export const FIXTURES_DIR = path.join(ROOT, 'test', 'site', 'fixtures');
export const SCREENSHOT_DIR = path.join(ROOT, 'reports', 'screenshots');
export const DEFAULT_REPORT = path.join(ROOT, 'reports', 'verification.json');

/** `OPENHANDS_GUIDE_REPORT` lets a test (or you) point the site tests at another report. */
export function reportPath(): string {
  const override = process.env.OPENHANDS_GUIDE_REPORT;
  return override ? path.resolve(ROOT, override) : DEFAULT_REPORT;
}

/**
 * What the production build is made from. Anything here newer than the build means the
 * pages under test are not the pages the sources describe. The report counts: the site
 * shows the harness' evidence, so a report written after the build is not on the pages.
 * contracts/ counts too: the report plugin (src/plugins) reads the report through it.
 */
const SOURCES = [
  'src',
  'docs',
  'versioned_docs',
  'versioned_sidebars',
  'versions.json',
  'i18n',
  'static',
  'docusaurus.config.ts',
  'sidebars.ts',
  'contracts',
  path.relative(ROOT, DEFAULT_REPORT),
];

function newestMtime(target: string): { mtimeMs: number; file: string } | undefined {
  if (!existsSync(target)) return undefined;
  const stat = statSync(target);
  if (!stat.isDirectory()) return { mtimeMs: stat.mtimeMs, file: target };
  let newest: { mtimeMs: number; file: string } | undefined;
  for (const entry of readdirSync(target)) {
    const found = newestMtime(path.join(target, entry));
    if (found && (!newest || found.mtimeMs > newest.mtimeMs)) newest = found;
  }
  return newest;
}

function htmlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...htmlFiles(full));
    else if (entry.name.endsWith('.html')) out.push(full);
  }
  return out;
}

/** Undefined when build/ exists and is at least as new as every source; otherwise why not. */
export function buildProblem(root = ROOT, buildDir = BUILD_DIR): string | undefined {
  const rel = path.relative(root, buildDir) || buildDir;
  if (!existsSync(path.join(buildDir, 'index.html'))) {
    return `${rel}/ has no index.html: run \`npm run build\` first`;
  }
  // The build's age is that of its oldest page: a locale built before a source changed is stale.
  const builtAt = Math.min(...htmlFiles(buildDir).map((file) => statSync(file).mtimeMs));
  for (const source of SOURCES) {
    const newest = newestMtime(path.join(root, source));
    if (newest && newest.mtimeMs > builtAt) {
      return (
        `${rel}/ is older than ${path.relative(root, newest.file)} ` +
        `(built ${new Date(builtAt).toISOString()}, changed ${new Date(newest.mtimeMs).toISOString()}): run \`npm run build\` first`
      );
    }
  }
  return undefined;
}
