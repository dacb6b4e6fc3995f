import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { watchActivity, type ActivityReport } from './activity';
import { removeTemporary, timedRun, trackTemporary } from './processes';

/**
 * `npm test`, phase by phase, as package.json runs it:
 *   typecheck, check:docs, ensure-daemon, vitest --project harness, build, test:site.
 * The vitest phase is split into the files that need no Docker (the static part, the
 * `unit` project) and those that talk to the daemon (`*.docker.test.ts`). The snippet verification itself (verify.docker.test.ts) is not
 * run again here: the bench times the same `verifySnippets()` call in-process (docker.ts),
 * and the build is the project build the site part times. Summing the phases gives an
 * estimate of `npm test`; it is an upper bound for vitest, which runs its files in
 * parallel where the bench runs the two groups one after the other.
 */

export type PhasePart = 'static' | 'docker' | 'build' | 'site' | 'engines';

export interface Phase {
  readonly name: string;
  readonly part: PhasePart;
  /** What was run, or where the number comes from. */
  readonly command: string;
  readonly ms: number | undefined;
  readonly exitCode: number | undefined;
  readonly note?: string;
  readonly tail?: string;
  readonly activity?: ActivityReport;
  /** vitest phases: its own summary of where the time went (transform, collect, tests, ...). */
  readonly vitestDuration?: string;
  /** vitest phases: the slowest files, by vitest's own per-file time (tests only). */
  readonly slowestFiles?: readonly { readonly file: string; readonly ms: number }[];
}

/** What a test file needs, from its name (vitest.config.ts selects its projects the same way). */
export function needsOf(file: string): 'docker' | 'browser' | 'nothing' {
  if (file.endsWith('.docker.test.ts')) return 'docker';
  if (file.endsWith('.browser.test.ts')) return 'browser';
  return 'nothing';
}

function testFiles(root: string, dir: string): string[] {
  const out: string[] = [];
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'fixtures' && entry.name !== 'node_modules') out.push(...testFiles(root, path));
    } else if (entry.name.endsWith('.test.ts')) out.push(relative(root, path));
  }
  return out.sort();
}

export interface TestFiles {
  /** The harness project's files without Docker. */
  readonly static: readonly string[];
  /** Its files that need Docker, except the snippet verification. */
  readonly docker: readonly string[];
  /** The snippet verification (timed in-process instead). */
  readonly verification: readonly string[];
  /** The site project's files. */
  readonly site: readonly string[];
}

/** The files of vitest.config.ts's projects, by name: `unit`, `harness` (Docker, without test/engines) and `site`. */
export function classifyTestFiles(root: string): TestFiles {
  const all = testFiles(root, join(root, 'test'));
  const site = all.filter((file) => needsOf(file) === 'browser');
  const harness = all.filter((file) => needsOf(file) === 'docker' && !file.startsWith('test/engines/'));
  const verification: string[] = harness.filter((file) => file === 'test/harness/verify.docker.test.ts');
  const docker = harness.filter((file) => !verification.includes(file));
  return { static: all.filter((file) => needsOf(file) === 'nothing'), docker, verification, site };
}

const bin = (root: string, name: string): string => join(root, 'node_modules', '.bin', name);

async function phase(name: string, part: PhasePart, file: string, args: readonly string[], root: string, log: (line: string) => void, env?: NodeJS.ProcessEnv): Promise<Phase> {
  const command = [file.startsWith(root) ? relative(root, file) : file, ...args].join(' ');
  log(`${name}: ${command.length > 160 ? `${command.slice(0, 157)}...` : command}`);
  const { result, activity } = await watchActivity(() => timedRun(file, args, { cwd: root, env }), name);
  return { name, part, command, ms: result.ms, exitCode: result.exitCode, tail: result.tail, activity };
}

/**
 * vitest without the config's junit reporter, so the bench never overwrites
 * reports/junit.xml; its JSON reporter gives each file's time.
 */
const vitestArgs = (project: string, files: readonly string[], json: string): string[] => [
  'run', '--project', project, '--reporter=dot', '--reporter=json', `--outputFile.json=${json}`, ...files,
];

interface VitestJson {
  readonly testResults?: readonly { readonly name: string; readonly startTime?: number; readonly endTime?: number }[];
}

/** The slowest files of a vitest JSON report, slowest first. */
export function slowestFiles(report: VitestJson, root: string, count = 3): { file: string; ms: number }[] {
  return (report.testResults ?? [])
    .filter((r) => r.startTime !== undefined && r.endTime !== undefined)
    .map((r) => ({ file: relative(root, r.name), ms: r.endTime! - r.startTime! }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, count);
}

async function vitestPhase(name: string, part: PhasePart, project: string, files: readonly string[], root: string, log: (line: string) => void, env?: NodeJS.ProcessEnv): Promise<Phase> {
  const dir = trackTemporary(mkdtempSync(join(tmpdir(), 'ohg-bench-vitest-')));
  try {
    const json = join(dir, 'vitest.json');
    const result = await phase(name, part, bin(root, 'vitest'), vitestArgs(project, files, json), root, log, env);
    let slowest: { file: string; ms: number }[] | undefined;
    try {
      slowest = slowestFiles(JSON.parse(readFileSync(json, 'utf8')) as VitestJson, root);
    } catch {
      slowest = undefined;
    }
    // eslint-disable-next-line no-control-regex
    const duration = /Duration\s+(.+)/.exec((result.tail ?? '').replace(/\x1b\[[0-9;]*m/g, ''))?.[1]?.trim();
    return { ...result, slowestFiles: slowest, vitestDuration: duration };
  } finally {
    removeTemporary(dir);
  }
}

/** The phase that is `npm run test:unit`: the `unit` project's files. */
export const UNIT_PHASE = 'vitest (no Docker): npm run test:unit';

export async function staticPhases(root: string, files: TestFiles, log: (line: string) => void): Promise<Phase[]> {
  return [
    await phase('typecheck', 'static', 'npm', ['run', 'typecheck'], root, log),
    await phase('check:docs', 'static', 'npm', ['run', 'check:docs'], root, log),
    files.static.length === 0
      ? { name: UNIT_PHASE, part: 'static', command: '', ms: 0, exitCode: 0, note: 'no such test files' }
      : {
          // As `npm run test:unit` promises to run: with no Docker daemon to reach.
          ...(await vitestPhase(UNIT_PHASE, 'static', 'unit', files.static, root, log, { ...process.env, DOCKER_HOST: 'unix:///nonexistent/docker.sock' })),
          note: `${files.static.length} files, DOCKER_HOST pointing nowhere`,
        },
  ];
}

export async function dockerTestPhases(root: string, files: TestFiles, log: (line: string) => void): Promise<Phase[]> {
  return [
    await phase('ensure-daemon', 'docker', 'bash', ['scripts/docker/ensure-daemon.sh'], root, log),
    files.docker.length === 0
      ? { name: 'vitest (Docker, without verify)', part: 'docker', command: '', ms: 0, exitCode: 0, note: 'no such test files' }
      : {
          ...(await vitestPhase('vitest (Docker, without verify)', 'docker', 'harness', files.docker, root, log)),
          note: `${files.docker.length} files: ${files.docker.map((f) => f.replace(/^test\/harness\//, '')).join(', ')}`,
        },
  ];
}

/** `npm run test:site` in `root` (the project's copy, whose build/ is the bench's fresh build). */
export async function siteTestPhase(root: string, files: TestFiles, log: (line: string) => void): Promise<Phase> {
  if (files.site.length === 0) {
    return { name: 'test:site', part: 'site', command: 'npm run test:site', ms: 0, exitCode: undefined, note: 'no test/site files yet: counted as 0' };
  }
  if (!existsSync(join(root, 'build'))) {
    return { name: 'test:site', part: 'site', command: 'npm run test:site', ms: undefined, exitCode: undefined, note: 'no build to test: not timed' };
  }
  return { ...(await vitestPhase('test:site', 'site', 'site', files.site, root, log)), note: `${files.site.length} files, in the project's copy against its fresh build` };
}

export interface NpmTestTotals {
  readonly staticMs: number;
  readonly dockerMs: number;
  readonly buildMs: number;
  readonly siteMs: number;
  /** typecheck, check:docs and every harness vitest file with the Docker verification: the issue's "static and Docker". */
  readonly staticDockerMs: number | undefined;
  /** Everything `npm test` runs today (package.json): also the build and the site tests. */
  readonly fullMs: number | undefined;
}

/** Sums the phases; a sum is undefined when one of its phases is missing or was not timed. */
export function npmTestTotals(phases: readonly Phase[]): NpmTestTotals {
  const of = (part: PhasePart) => phases.filter((p) => p.part === part);
  const total = (part: PhasePart) => of(part).reduce((sum, p) => sum + (p.ms ?? 0), 0);
  const measured = (parts: readonly PhasePart[]) => parts.every((part) => of(part).length > 0 && of(part).every((p) => p.ms !== undefined));
  const staticDockerMs = measured(['static', 'docker']) ? total('static') + total('docker') : undefined;
  return {
    staticMs: total('static'),
    dockerMs: total('docker'),
    buildMs: total('build'),
    siteMs: total('site'),
    staticDockerMs,
    fullMs: staticDockerMs !== undefined && measured(['build', 'site']) ? staticDockerMs + total('build') + total('site') : undefined,
  };
}
