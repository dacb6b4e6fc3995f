import { spawn } from 'node:child_process';
import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Snippet } from '../../src/snippets';
import { registerCleanup, removeSessionResources } from '../harness/cleanup';
import { docker, dockerResult, runProcess } from '../harness/docker';
import { hasRulesWithComment, loopbackGuardArgs, removeRulesByCommentSync, withLoopbackGuardLock } from '../harness/firewall';
import { ensureImages } from '../harness/images';
import { LABEL, labelFilterArgs } from '../harness/labels';
import type { EngineRun, SnippetReport, VerificationReport } from '../harness/report';
import { reportOf } from '../harness/verify';
import { Session } from '../harness/session';
import { freeLoopbackPort } from '../harness/run/free-port';
import { verifySnippets, type SnippetTiming } from '../harness/verify';
import { watchActivity, type ActivityReport } from './activity';
import { trackTemporary, removeTemporary } from './processes';
import { addsFirewallRule, movedHostPorts, rebaseRan, type FreshValues } from './rebase';
import { ratio, sum } from './stats';

/**
 * Part A of the bench: the Docker verification as `npm test` runs it (`verifySnippets()`,
 * each snippet's phases through its `onTiming` hook), then in the same process the raw
 * baseline: for each snippet, the same commands the harness ran, with the docker CLI
 * directly (no reader switch, no claim checks, no probes), then `docker inspect` and
 * removal of what they created.
 *
 * The baseline runs under a session of its own (Session, registerCleanup, ensureImages
 * from scripts/harness): its names, labels and firewall comment are fresh (rebase.ts),
 * so it never touches a reader's resources or reuses the harness's; Ctrl-C or a crash
 * removes what it made, as for the harness.
 */

export interface HarnessSnippetTiming {
  readonly id: string;
  readonly status: SnippetReport['status'];
  readonly exitCode: number;
  readonly prepareMs: number;
  readonly lockWaitMs: number;
  readonly runMs: number;
  readonly checksMs: number;
  readonly cleanupMs: number;
  readonly totalMs: number;
  /** totalMs without checksMs: the harness doing the same Docker work as the baseline. */
  readonly withoutChecksMs: number;
}

export interface RawSnippetTiming {
  readonly id: string;
  /** Why the baseline did not run this snippet; then no numbers. */
  readonly excluded?: string;
  readonly exitCode?: number;
  readonly stderr?: string;
  /** bash running the rebased text. */
  readonly runMs?: number;
  /** docker inspect, docker rm -f, docker network rm, iptables -D. */
  readonly removeMs?: number;
  readonly totalMs?: number;
  readonly containers?: number;
  readonly networks?: number;
  /** Anything still there after the baseline's own removal (removed untimed, listed here). */
  readonly leftovers?: readonly string[];
}

export interface DockerBench {
  readonly engine: EngineRun['engine'];
  readonly images: EngineRun['images'];
  readonly readerSwitched: boolean;
  /** The whole `verifySnippets()` call: session open (images, LAN neighbour), every snippet, close. */
  readonly verifyMs: number;
  /** verifyMs minus the snippets: opening and closing the harness session. */
  readonly sessionMs: number;
  /** Before the first snippet: sweep, images (and the images lock), LAN neighbour, reader. */
  readonly sessionOpenMs: number;
  /** After the last snippet: reader, LAN neighbour and session removal. */
  readonly sessionCloseMs: number;
  readonly harness: readonly HarnessSnippetTiming[];
  /** Opening the baseline's own session (tagging images), not part of any ratio. */
  readonly rawSessionMs: number;
  readonly raw: readonly RawSnippetTiming[];
  readonly totals: DockerTotals;
  readonly verifyActivity: ActivityReport;
  readonly rawActivity: ActivityReport;
  readonly failedSnippets: readonly string[];
  /** The harness's report of this run: the site part builds the project copy with it, as npm test does. */
  readonly verification: VerificationReport;
}

export interface DockerTotals {
  /** Snippets both sides measured; the ratios compare these only. */
  readonly compared: readonly string[];
  readonly harnessWithoutChecksMs: number;
  readonly harnessWithChecksMs: number;
  readonly rawMs: number;
  readonly ratioWithoutChecks: number | undefined;
  readonly ratioWithChecks: number | undefined;
}

export function dockerTotals(harness: readonly HarnessSnippetTiming[], raw: readonly RawSnippetTiming[]): DockerTotals {
  const pairs = harness.flatMap((h) => {
    const r = raw.find((candidate) => candidate.id === h.id);
    return r && r.excluded === undefined && r.totalMs !== undefined ? [{ h, rawMs: r.totalMs }] : [];
  });
  const harnessWithoutChecksMs = sum(pairs.map(({ h }) => h.withoutChecksMs));
  const harnessWithChecksMs = sum(pairs.map(({ h }) => h.totalMs));
  const rawMs = sum(pairs.map(({ rawMs }) => rawMs));
  return {
    compared: pairs.map(({ h }) => h.id),
    harnessWithoutChecksMs,
    harnessWithChecksMs,
    rawMs,
    ratioWithoutChecks: ratio(harnessWithoutChecksMs, rawMs),
    ratioWithChecks: ratio(harnessWithChecksMs, rawMs),
  };
}

export function harnessTiming(timing: SnippetTiming, report: SnippetReport | undefined): HarnessSnippetTiming {
  return {
    id: timing.id,
    status: report?.status ?? 'failed',
    exitCode: report?.exitCode ?? -1,
    prepareMs: timing.prepareMs,
    lockWaitMs: timing.lockWaitMs,
    runMs: timing.runMs,
    checksMs: timing.checksMs,
    cleanupMs: timing.cleanupMs,
    totalMs: timing.totalMs,
    withoutChecksMs: timing.totalMs - timing.checksMs,
  };
}


/** Named volumes pages mount (scripts/harness/verify.ts pre-creates them labelled; the raw run does not). */
const DOCUMENTED_VOLUMES = ['agent-canvas-state'] as const;

/** Containers of the session that a snippet's commands made (snippet) or the app made (runtime). */
const UNIT_ROLES = new Set(['snippet', 'runtime']);

async function unitContainers(session: Session): Promise<string[]> {
  const out = await docker(['ps', '-a', '--no-trunc', '--format', `{{.ID}} {{.Label "${LABEL.role}"}}`, ...labelFilterArgs(LABEL.session, session.id)]);
  return out
    .split('\n')
    .filter(Boolean)
    .map((row) => row.split(' '))
    .filter(([, role]) => UNIT_ROLES.has(role ?? ''))
    .map(([id]) => id!);
}

async function sessionNetworks(session: Session): Promise<string[]> {
  return (await docker(['network', 'ls', '-q', ...labelFilterArgs(LABEL.session, session.id)])).split('\n').filter(Boolean);
}

interface Dirs {
  readonly root: string;
  readonly home: string;
  readonly workspace: string;
}

/** bash as the harness starts it (-e, no profile, the same small environment), as this process's own user. */
function rawShell(text: string, dirs: Dirs): Promise<{ exitCode: number; stderr: string }> {
  const env: NodeJS.ProcessEnv = {
    HOME: dirs.home,
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin',
    LANG: 'C.UTF-8',
    ...(process.env.DOCKER_HOST ? { DOCKER_HOST: process.env.DOCKER_HOST } : {}),
  };
  return new Promise((resolve) => {
    const child = spawn('bash', ['--noprofile', '--norc', '-e', '-c', text], { env, cwd: dirs.root, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', (error) => resolve({ exitCode: -1, stderr: `${stderr}${error.message}` }));
    child.on('close', (code) => resolve({ exitCode: code ?? -1, stderr }));
  });
}

const isRoot = (): boolean => process.getuid?.() === 0;

async function rawSnippet(entry: SnippetReport, session: Session, dirs: Dirs): Promise<RawSnippetTiming> {
  // Ids repeat across versions: the timings pair by version/id, as the harness's do.
  const run = { ...entry, id: `${entry.version}/${entry.id}` };
  const firewall = addsFirewallRule(run);
  if (firewall && !isRoot()) {
    return { id: run.id, excluded: 'adds a host firewall rule (iptables): needs root, and the bench does not run as root' };
  }
  const ports = new Map<number, number>();
  for (const port of movedHostPorts(run)) ports.set(port, await freeLoopbackPort());
  const fresh: FreshValues = {
    uniqueName: (name) => session.name(name),
    labelFlags: labelFlagsOf(session),
    firewallComment: session.firewallComment,
    sessionFilter: `label=${LABEL.session}=${session.id}`,
    hostPort: (port) => {
      const moved = ports.get(port);
      if (moved === undefined) throw new Error(`no fresh port for ${port}`);
      return moved;
    },
    workspace: dirs.workspace,
  };
  let text: string;
  try {
    text = rebaseRan(run, fresh).text;
  } catch (error) {
    return { id: run.id, excluded: (error as Error).message };
  }

  const measure = async (): Promise<RawSnippetTiming> => {
    const started = performance.now();
    const shell = await rawShell(text, dirs);
    const ran = performance.now();
    let containers = 0;
    // As the harness's cleanup does: again, for a sandbox the app created a moment before.
    for (let round = 0; round < 3; round++) {
      const ids = await unitContainers(session);
      if (ids.length === 0) break;
      await dockerResult(['container', 'inspect', ...ids], { reject: false });
      await dockerResult(['rm', '-f', '-v', ...ids], { reject: false });
      containers += ids.length;
    }
    const networks = await sessionNetworks(session);
    if (networks.length > 0) await dockerResult(['network', 'rm', ...networks], { reject: false });
    // A named volume the text mounts was created by docker run itself (unlabelled): remove it by its fresh name.
    const volumes = DOCUMENTED_VOLUMES.map((volume) => session.name(volume)).filter((name) => text.includes(name));
    if (volumes.length > 0) await dockerResult(['volume', 'rm', '-f', ...volumes], { reject: false });
    if (firewall) removeRulesByCommentSync(session.firewallComment);
    const done = performance.now();
    return {
      id: run.id,
      exitCode: shell.exitCode,
      stderr: shell.exitCode === 0 ? undefined : shell.stderr.trim().split('\n').slice(-3).join(' | '),
      runMs: ran - started,
      removeMs: done - ran,
      totalMs: done - started,
      containers,
      networks: networks.length,
    };
  };
  // The rule acts on the whole reader's machine: hold that namespace's lock while it exists.
  const timing = firewall ? await withLoopbackGuardLock(measure) : await measure();
  return { ...timing, leftovers: await removeLeftovers(session, firewall) };
}

/** Untimed: whatever the baseline's removal missed (a late sandbox), so the next snippet starts clean. */
async function removeLeftovers(session: Session, firewall: boolean): Promise<string[]> {
  const leftovers: string[] = [];
  const containers = await unitContainers(session);
  if (containers.length > 0) {
    leftovers.push(...containers.map((id) => `container ${id.slice(0, 12)}`));
    await dockerResult(['rm', '-f', '-v', ...containers], { reject: false });
  }
  const networks = await sessionNetworks(session);
  if (networks.length > 0) {
    leftovers.push(...networks.map((id) => `network ${id.slice(0, 12)}`));
    await dockerResult(['network', 'rm', ...networks], { reject: false });
  }
  if (firewall || isRoot()) {
    if (await hasRulesWithComment(session.firewallComment)) {
      leftovers.push(`iptables rule ${session.firewallComment}`);
      removeRulesByCommentSync(session.firewallComment);
    }
  }
  return leftovers;
}

function labelFlagsOf(session: Session): string[] {
  const args = session.labelArgs('snippet');
  const flags: string[] = [];
  for (let i = 0; i < args.length; i += 2) flags.push(`${args[i]} ${args[i + 1]}`);
  return flags;
}

async function rawBaseline(report: EngineRun, log: (line: string) => void): Promise<{ sessionMs: number; raw: RawSnippetTiming[] }> {
  const opening = performance.now();
  const session = Session.create();
  const cleanup = registerCleanup(session);
  const root = trackTemporary(await mkdtemp(join(tmpdir(), `ohg-bench-raw-${session.suffix}-`)));
  const dirs: Dirs = { root, home: join(root, 'home'), workspace: join(root, 'workspace') };
  try {
    await mkdir(dirs.home);
    await mkdir(dirs.workspace);
    await ensureImages(session);
    const sessionMs = performance.now() - opening;
    const raw: RawSnippetTiming[] = [];
    for (const run of report.snippets) {
      const result = await rawSnippet(run, session, dirs);
      raw.push(result);
      log(
        result.excluded
          ? `raw ${run.id}: excluded (${result.excluded})`
          : `raw ${run.id}: ${Math.round(result.totalMs!)} ms${result.exitCode === 0 ? '' : ` (exit ${result.exitCode}: ${result.stderr})`}`,
      );
    }
    return { sessionMs, raw };
  } finally {
    await removeSessionResources(session);
    cleanup.unregister();
    try {
      removeTemporary(root);
    } catch (error) {
      log(`could not remove ${root}: ${(error as Error).message}`);
    }
  }
}

export class BenchCannotRun extends Error {}

export async function benchDocker(options: { readonly snippets?: readonly Snippet[]; readonly log: (line: string) => void }): Promise<DockerBench> {
  const { log } = options;
  const info = await dockerResult(['version', '--format', '{{.Server.Version}}'], { reject: false, timeout: 20_000 });
  if (info.exitCode !== 0) {
    throw new BenchCannotRun(`no Docker daemon answers (docker version: ${info.stderr.trim() || `exit ${info.exitCode}`}); start one with \`bash scripts/docker/ensure-daemon.sh\``);
  }

  const timings: SnippetTiming[] = [];
  /** When each snippet ended, on the same clock as `verifying`. */
  const ends: number[] = [];
  log('harness: verifySnippets() over every snippet (claims checked, as npm test does)');
  let verifying = performance.now();
  const { result: report, activity: verifyActivity } = await watchActivity(() =>
    verifySnippets({
      snippets: options.snippets,
      onTiming: (timing) => {
        timings.push({ ...timing });
        ends.push(performance.now());
      },
      onSnippet: (snippet) => log(`harness ${snippet.id}: ${snippet.status}${snippet.exitCode === 0 ? '' : ` (exit ${snippet.exitCode})`}`),
    }),
    'the Docker verification',
    // watchActivity may first wait for a quiet machine: the clock starts when verifySnippets() does.
    () => (verifying = performance.now()),
  );
  const verified = performance.now();
  const verifyMs = verified - verifying;
  const firstStart = timings.length > 0 ? ends[0]! - timings[0]!.totalMs : verified;
  const lastEnd = ends.length > 0 ? ends[ends.length - 1]! : verifying;
  const harness = timings.map((timing) => harnessTiming(timing, report.snippets.find((s) => `${s.version}/${s.id}` === timing.id)));

  log('raw baseline: the same commands with the docker CLI, then inspect and remove, under a fresh session');
  const { result: rawResult, activity: rawActivity } = await watchActivity(() => rawBaseline(report, log), 'the raw baseline');

  return {
    engine: report.engine,
    images: report.images,
    readerSwitched: report.reader.switchedUser,
    verifyMs,
    sessionMs: verifyMs - sum(harness.map((h) => h.totalMs)),
    sessionOpenMs: firstStart - verifying,
    sessionCloseMs: verified - lastEnd,
    harness,
    rawSessionMs: rawResult.sessionMs,
    raw: rawResult.raw,
    totals: dockerTotals(harness, rawResult.raw),
    verifyActivity,
    rawActivity,
    failedSnippets: report.snippets.filter((s) => s.status === 'failed').map((s) => s.id),
    verification: reportOf([report]),
  };
}
