/**
 * `npm run test:engines`: the harness, unchanged, against every engine of src/engines, one
 * after another: each engine is started for this session, `test/harness/verify.docker.test.ts` runs
 * with DOCKER_HOST and the engine's network namespace (scripts/harness/host-net.ts), and the
 * engine is removed. Each engine's run goes to reports/engines/<id>.json; `npm test` then
 * puts them next to the host's run in reports/verification.json, which the site shows.
 *
 *   npm run test:engines                          every engine
 *   npm run test:engines -- --engines=docker28,podman
 *
 * An engine that cannot be built or started is a result too (its log and the reason), and the
 * other engines still run. Ctrl-C removes the engines and their folders; a killed run's are
 * removed by the next run's sweep (they carry this session's labels).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import pMap from 'p-map';
import { join, resolve } from 'node:path';
import { ENGINE_IDS, ENGINES, isEngineId, type EngineId } from '../../src/engines';
import { REPORT_SCHEMA, type EngineRun, type VerificationReport } from '../../contracts/verification-report';
import { registerCleanup, sweepCrashedSessions } from '../harness/cleanup';
import { runProcess } from '../harness/docker';
import { Session } from '../harness/session';
import { EngineCannotRun, engineEnvironment, startEngine, stopEngine } from './engines';
import { unexpectedResults } from './outcomes';
import { notRunNote, totals } from '../harness/report';

const ROOT = resolve(__dirname, '..', '..');
export const ENGINE_REPORTS = 'reports/engines';

/**
 * Seconds each engine's run took on 2 cores (2026-12-02, with other work on the machine:
 * docker20 405, docker26 308, docker28 198, rootless 175, podman 88; rootless fell from 351
 * once the sandbox wait ended on the stand-in's own failure). Started longest first, the two
 * workers finish closer together.
 */
const MEASURED_S: Readonly<Record<EngineId, number>> = { docker20: 405, docker26: 308, docker28: 198, rootless: 175, podman: 88 };

function longestFirst(engines: readonly EngineId[]): EngineId[] {
  return [...engines].sort((a, b) => MEASURED_S[b] - MEASURED_S[a]);
}

interface MatrixArgs {
  readonly engines: readonly EngineId[];
  /** Where the engines' reports go (a test runs the matrix without touching the project's). */
  readonly reports: string;
  /** Engines at once (default 2, measured on 2 cores: the runs mostly wait). */
  readonly parallel: number;
}

/** `--engines=a,b`, `--reports=DIR`, `--parallel=N`, by node:util's parseArgs (anything else is an error). */
function matrixArgs(argv: readonly string[]): MatrixArgs {
  const { values } = parseArgs({
    args: argv.filter((arg) => arg !== '--'),
    options: { engines: { type: 'string' }, reports: { type: 'string' }, parallel: { type: 'string', default: '2' } },
    strict: true,
    allowPositionals: false,
  });
  const engines = values.engines === undefined ? [...ENGINE_IDS] : values.engines.split(',').filter(Boolean);
  for (const id of engines) if (!isEngineId(id)) throw new Error(`--engines: unknown engine "${id}" (${ENGINE_IDS.join(', ')})`);
  const parallel = Number(values.parallel);
  if (!Number.isInteger(parallel) || parallel < 1) throw new Error('--parallel: a whole number, at least 1');
  return { engines: engines as EngineId[], reports: values.reports ? resolve(values.reports) : join(ROOT, ENGINE_REPORTS), parallel };
}

/** An engine that could not run anything: a result of its own in the report. */
function failedRun(id: EngineId, reason: string, log: string): EngineRun {
  return {
    engine: { id, kind: ENGINES[id].kind, version: 'unknown', cgroupVersion: 'unknown' },
    images: [],
    reader: { uid: 0, switchedUser: false },
    lanNeighbour: false,
    probes: 'nsenter',
    snippets: [],
    failure: { reason, log: log.split('\n').slice(-40).join('\n') },
  };
}

async function runOn(id: EngineId, session: Session, reports: string): Promise<EngineRun> {
  const out = join(reports, `${id}.json`);
  let engine;
  try {
    engine = await startEngine(id, session);
  } catch (error) {
    if (error instanceof EngineCannotRun) return failedRun(id, error.reason, error.log);
    throw error;
  }
  try {
    // The inner vitest keeps its transformed modules in the system temp folder and removes them
    // only when it closes; interrupted (Ctrl-C), it would leave them there. Under the engine's
    // own folder they go with the engine, on every path out (stopEngine, the crash sweep).
    const tmp = join(engine.dir, 'tmp');
    await mkdir(tmp, { recursive: true });
    const vitest = await runProcess(
      join(ROOT, 'node_modules/.bin/vitest'),
      ['run', '--project', 'harness', 'test/harness/verify.docker.test.ts', '--reporter=dot', '--outputFile.junit', join(reports, `junit-${id}.xml`)],
      { cwd: ROOT, env: { ...engineEnvironment(engine), OPENHANDS_GUIDE_REPORT_OUT: out, TMPDIR: tmp }, timeout: 1_200_000 },
    );
    try {
      const report = JSON.parse(await readFile(out, 'utf8')) as VerificationReport;
      return report.runs[0]!;
    } catch {
      return failedRun(id, `the harness wrote no report (vitest exit ${vitest.exitCode})`, `${vitest.stdout}\n${vitest.stderr}`);
    }
  } finally {
    await stopEngine(engine);
  }
}

async function main(): Promise<void> {
  const { engines, reports, parallel } = matrixArgs(process.argv.slice(2));
  await mkdir(reports, { recursive: true });
  await sweepCrashedSessions();
  const session = Session.create();
  const cleanup = registerCleanup(session);
  const started = Date.now();
  const runs: EngineRun[] = [];
  try {
    // Engines side by side: most of a run is waiting on containers and probes, and each engine
    // is isolated from the others (its own namespace, data root, firewall and folder).
    await pMap(
      longestFirst(engines),
      async (id) => {
        const t0 = Date.now();
        process.stdout.write(`engine ${id}: starting\n`);
        const run = await runOn(id, session, reports);
        if (run.failure) await writeFile(join(reports, `${id}.json`), `${JSON.stringify({ schema: REPORT_SCHEMA, generatedAt: new Date().toISOString(), runs: [run] }, null, 2)}\n`);
        runs.push(run);
        process.stdout.write(`engine ${id}: ${summaryLine(run)} (${Math.round((Date.now() - t0) / 1000)} s)\n`);
      },
      { concurrency: parallel },
    );
  } finally {
    cleanup.run();
    session.end();
  }
  const unexpected = runs.flatMap(unexpectedResults);
  process.stdout.write(`\nmatrix: ${runs.length} engines in ${Math.round((Date.now() - started) / 1000)} s; reports in ${reports}/\n`);
  for (const line of unexpected) process.stdout.write(`UNEXPECTED: ${line}\n`);
  process.exitCode = unexpected.length > 0 ? 1 : 0;
}

function summaryLine(run: EngineRun): string {
  if (run.failure) return `could not run: ${run.failure.reason}`;
  const { snippets, claims } = totals(run);
  return `${run.engine.kind} ${run.engine.version}: ${snippets} snippets${notRunNote(run)}; claims ${claims.verified} verified, ${claims['expected-failure']} fail as expected, ${claims.failed} failed, ${claims['not-verifiable']} not verifiable`;
}

main().catch((error: unknown) => {
  process.stderr.write(`test:engines: ${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
