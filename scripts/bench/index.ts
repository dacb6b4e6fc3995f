/**
 * `npm run bench`: how long `npm test` takes and what the harness costs over plain Docker,
 * and how the site's build time and page weight compare with a blank Docusaurus site, all
 * measured in one run, one thing at a time. Prints tables and writes reports/bench.json.
 *
 * Exits non-zero only when the bench itself could not run (no Docker daemon, a build that
 * failed, no browser); a missed target is printed as "TARGET MISSED" and exits 0.
 *
 *   npm run bench                         everything
 *   npm run bench -- --parts=docker,site  some parts only (static, docker, site)
 *   npm run bench -- --rounds=3           builds per site (at least 2; default 3)
 *   npm run bench -- --quiet-wait=300     seconds the whole run may wait, before its timed
 *                                         phases, for other builds and test runs to end
 */
import { parseArgs } from 'node:util';
import { mkdir, writeFile } from 'node:fs/promises';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { availableParallelism, cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { runProcess } from '../harness/docker';
import { allSnippets } from '../../src/snippets';
import { activitySection, dockerSection, phasesSection, siteSection, targetsSection } from './output';
import { BenchCannotRun, benchDocker, type DockerBench } from './docker';
import { formatMs, formatRatio } from './format';
import { classifyTestFiles, dockerTestPhases, npmTestTotals, siteTestPhase, staticPhases, UNIT_PHASE, type Phase } from './npm-test';
import { cleanupOnExit } from './processes';
import { configureQuietWait } from './activity';
import { benchSite, type SiteBench } from './site';
import { verdict } from './stats';
import { budgetVerdict, TARGETS, type TargetResult } from './targets';

const ROOT = resolve(__dirname, '..', '..');
export const BENCH_REPORT = 'reports/bench.json';

type Part = 'static' | 'docker' | 'site' | 'engines';

interface Args {
  readonly parts: ReadonlySet<Part>;
  readonly rounds: number;
  readonly quietWaitS: number;
  readonly snippets: readonly string[] | undefined;
}

const PARTS: readonly Part[] = ['static', 'docker', 'site', 'engines'];

/** The bench's options, by node:util's parseArgs (an unknown option or a missing value is an error). */
function benchArgs(argv: readonly string[]): Args {
  const { values } = parseArgs({
    args: argv.filter((arg) => arg !== '--'),
    options: { parts: { type: 'string' }, rounds: { type: 'string', default: '3' }, 'quiet-wait': { type: 'string', default: '300' }, snippets: { type: 'string' } },
    strict: true,
    allowPositionals: false,
  });
  const wanted = values.parts?.split(',').filter(Boolean) ?? [...PARTS];
  for (const part of wanted) if (!PARTS.includes(part as Part)) throw new Error(`--parts: unknown part "${part}" (${PARTS.join(', ')})`);
  const rounds = Number(values.rounds);
  if (!Number.isInteger(rounds) || rounds < 2) throw new Error('--rounds: a whole number, at least 2 (the median needs two builds)');
  const quietWaitS = Number(values['quiet-wait']);
  if (!Number.isFinite(quietWaitS) || quietWaitS < 0) throw new Error('--quiet-wait: seconds, 0 or more');
  return { parts: new Set(wanted as Part[]), rounds, quietWaitS, snippets: values.snippets?.split(',').filter(Boolean) };
}

const log = (line: string): void => console.log(`· ${line}`);

async function main(): Promise<number> {
  const args = benchArgs(process.argv.slice(2));
  process.on('exit', cleanupOnExit);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      process.stderr.write(`\n${signal}: stopping the bench, removing its containers, networks, rules and temporary folders\n`);
      // 'exit' runs the harness session cleanups (scripts/harness/cleanup.ts) and cleanupOnExit.
      process.exit(signal === 'SIGINT' ? 130 : 143);
    });
  }

  configureQuietWait(args.quietWaitS * 1000, log);
  const cores = availableParallelism();
  const started = new Date();
  console.log(`npm run bench: ${started.toISOString()}, ${cores} cores (${cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}`);
  const snippets = args.snippets ? allSnippets().filter((s) => args.snippets!.includes(s.id)) : undefined;
  if (args.snippets) console.log(`ONLY snippets ${args.snippets.join(', ')}: the Docker numbers cover these alone`);

  const files = classifyTestFiles(ROOT);
  const phases: Phase[] = [];
  const activity: { phase: string; concurrent: readonly string[]; loadAtStart: number }[] = [];
  const cannotRun: string[] = [];
  let dockerBench: DockerBench | undefined;
  let siteBench: SiteBench | undefined;

  if (args.parts.has('static')) {
    log(`static part of npm test (vitest files without Docker: ${files.static.length})`);
    phases.push(...(await staticPhases(ROOT, files, log)));
  }
  if (args.parts.has('docker')) {
    try {
      phases.push(...(await dockerTestPhases(ROOT, files, log)));
      dockerBench = await benchDocker({ snippets, log });
      phases.push({
        name: 'Docker verification',
        part: 'docker',
        command: 'verifySnippets() in-process',
        ms: dockerBench.verifyMs,
        exitCode: dockerBench.failedSnippets.length === 0 ? 0 : 1,
        note: `${dockerBench.harness.length} snippets, claims checked${dockerBench.failedSnippets.length ? `; claims failed: ${dockerBench.failedSnippets.join(', ')}` : ''}`,
      });
      activity.push({ phase: 'Docker verification', ...dockerBench.verifyActivity }, { phase: 'raw baseline', ...dockerBench.rawActivity });
    } catch (error) {
      // No daemon (BenchCannotRun), or the harness could not set up: say so, measure the rest.
      const message = error instanceof BenchCannotRun ? error.message : `the Docker part failed: ${(error as Error).stack ?? String(error)}`;
      cannotRun.push(message);
      console.error(`bench: ${message}`);
    }
  }
  if (args.parts.has('site')) {
    siteBench = await benchSite({
      root: ROOT,
      rounds: args.rounds,
      log,
      siteTests: (copy) => siteTestPhase(copy, classifyTestFiles(copy), log),
      verification: dockerBench?.verification,
    });
    cannotRun.push(...siteBench.failures);
    phases.push({
      name: 'build',
      part: 'build',
      command: 'docusaurus build (both locales)',
      ms: siteBench.projectMedianMs,
      exitCode: siteBench.projectMedianMs === undefined ? 1 : 0,
      note: `median of ${siteBench.builds.filter((b) => b.site === 'project' && b.exitCode === 0).length} project builds (part B)`,
    });
    for (const build of siteBench.builds) activity.push({ phase: `build ${build.site} #${build.round}`, ...build.activity });
  }
  if (siteBench) {
    phases.push(
      siteBench.siteTests ?? { name: 'test:site', part: 'site', command: 'npm run test:site', ms: undefined, exitCode: undefined, note: 'not run: no project build' },
    );
  }
  let matrixMs: number | undefined;
  if (args.parts.has('engines')) {
    // The whole matrix as `npm run test:engines` runs it, its reports in a temporary folder.
    const reports = mkdtempSync(join(tmpdir(), 'ohg-bench-engines-'));
    log('engines: scripts/engines/matrix.ts (every engine)');
    const t0 = performance.now();
    const run = await runProcess(join(ROOT, 'node_modules/.bin/vite-node'), ['scripts/engines/matrix.ts', `--reports=${reports}`], { cwd: ROOT, timeout: 3_600_000 });
    matrixMs = performance.now() - t0;
    rmSync(reports, { recursive: true, force: true });
    phases.push({ name: 'engines matrix', part: 'engines', command: 'npm run test:engines (matrix)', ms: matrixMs, exitCode: run.exitCode, note: run.stdout.split('\n').filter((l) => l.startsWith('engine ') && !l.endsWith('starting')).join('; ') });
  }
  for (const p of phases) if (p.activity) activity.push({ phase: p.name, ...p.activity });

  // ------------------------------------------------------------------ report
  const npmTest = npmTestTotals(phases);

  const targets: TargetResult[] = [];
  const sections: string[] = [];
  if (dockerBench) {
    sections.push(dockerSection(dockerBench));
    const t = dockerBench.totals;
    targets.push(
      {
        name: 'harness overhead, same Docker work (w/o claim checks)',
        measured: formatRatio(t.ratioWithoutChecks),
        target: `${TARGETS.harnessOverhead}×`,
        verdict: verdict(t.ratioWithoutChecks, TARGETS.harnessOverhead),
        note: `${formatMs(t.harnessWithoutChecksMs)} vs raw ${formatMs(t.rawMs)} over ${t.compared.length} snippets`,
      },
      {
        name: 'harness incl. claim checks vs raw',
        measured: formatRatio(t.ratioWithChecks),
        target: `${TARGETS.harnessOverhead}×`,
        verdict: verdict(t.ratioWithChecks, TARGETS.harnessOverhead),
        note: `${formatMs(t.harnessWithChecksMs)} vs raw ${formatMs(t.rawMs)}; the checks are extra Docker work raw does not do`,
      },
    );
  }
  if (phases.length > 0) {
    sections.push(phasesSection(phases, npmTest, cores));
    const unit = phases.find((p) => p.name === UNIT_PHASE);
    if (unit)
      targets.push({
        name: `npm run test:unit (${cores} cores)`,
        measured: formatMs(unit.ms),
        target: formatMs(TARGETS.testUnitMs),
        verdict: unit.exitCode === 0 ? budgetVerdict(unit.ms, TARGETS.testUnitMs) : 'not measured',
        note: unit.exitCode === 0 ? unit.note : `it failed (exit ${unit.exitCode}): ${unit.note}`,
      });
    targets.push(
      {
        name: `npm test, static + Docker, all OpenHands versions (${cores} cores)`,
        measured: formatMs(npmTest.staticDockerMs),
        target: formatMs(TARGETS.staticDockerMs),
        verdict: budgetVerdict(npmTest.staticDockerMs, TARGETS.staticDockerMs),
        note: `the issue's scope: static ${formatMs(npmTest.staticMs)} + Docker ${formatMs(npmTest.dockerMs)}`,
      },
      {
        name: `npm test, full (${cores} cores)`,
        measured: formatMs(npmTest.fullMs),
        target: formatMs(TARGETS.npmTestMs),
        verdict: budgetVerdict(npmTest.fullMs, TARGETS.npmTestMs),
        note: `package.json also builds the site (${formatMs(npmTest.buildMs)}) and runs the site tests (${formatMs(npmTest.siteMs)})`,
      },
    );
  }
  if (matrixMs !== undefined) {
    targets.push({
      name: `engine matrix, every engine (${cores} cores)`,
      measured: formatMs(matrixMs),
      target: formatMs(TARGETS.matrixMs),
      verdict: budgetVerdict(matrixMs, TARGETS.matrixMs),
      note: 'engine images cached; a fresh machine builds each once (debootstrap, about 40 s)',
    });
    const ci = npmTest.fullMs !== undefined ? matrixMs + npmTest.fullMs : undefined;
    targets.push({
      name: `.ci/run, estimated (${cores} cores)`,
      measured: formatMs(ci),
      target: formatMs(TARGETS.ciRunMs),
      verdict: budgetVerdict(ci, TARGETS.ciRunMs),
      note: 'the matrix plus the full npm test as measured here; npm ci and package installs are not counted',
    });
  }
  if (siteBench) {
    sections.push(siteSection(siteBench));
    targets.push(
      {
        name: 'build time vs blank site',
        measured: formatRatio(siteBench.buildRatio),
        target: `${TARGETS.buildRatio}×`,
        verdict: verdict(siteBench.buildRatio, TARGETS.buildRatio),
        note: `medians ${formatMs(siteBench.projectMedianMs)} vs ${formatMs(siteBench.blankMedianMs)}`,
      },
      {
        name: 'docs page JS + CSS bytes vs blank site',
        measured: formatRatio(siteBench.bytesRatio),
        target: `${TARGETS.pageBytesRatio}×`,
        verdict: verdict(siteBench.bytesRatio, TARGETS.pageBytesRatio),
        note: `encoded (gzip); decoded ratio ${formatRatio(siteBench.decodedBytesRatio)}`,
      },
    );
  }
  sections.push(activitySection(activity), targetsSection(targets));
  console.log(`\n${sections.join('\n\n')}\n`);

  const report = {
    schema: 1,
    generatedAt: started.toISOString(),
    durationMs: Date.now() - started.getTime(),
    machine: { cores, cpu: cpus()[0]?.model, node: process.version, uid: process.getuid?.() },
    parts: [...args.parts],
    snippetsOnly: args.snippets,
    targets,
    npmTest: { phases: phases.map(({ tail: _tail, ...p }) => p), ...npmTest, testFiles: files },
    docker: dockerBench && { ...dockerBench, verification: undefined },
    site: siteBench && {
      ...siteBench,
      builds: siteBench.builds.map(({ tail: _tail, ...b }) => b),
    },
    cannotRun,
  };
  await mkdir(dirname(resolve(ROOT, BENCH_REPORT)), { recursive: true });
  await writeFile(resolve(ROOT, BENCH_REPORT), `${JSON.stringify(report, null, 2)}\n`);
  console.log(`(report: ${BENCH_REPORT}; the bench took ${formatMs(report.durationMs)})`);

  if (cannotRun.length > 0) {
    console.error(`\nbench: could not measure everything:\n${cannotRun.map((line) => `  ${line.split('\n')[0]}`).join('\n')}`);
    return 1;
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`bench: ${(error as Error).stack ?? String(error)}`);
    process.exit(1);
  },
);
