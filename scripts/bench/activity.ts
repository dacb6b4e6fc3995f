import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { isSessionRecordLive, listSessionRecords } from '../harness/session';

/**
 * Timings mean little while something else works the same two cores: another engineer's
 * build or test run, a second harness. The bench cannot stop them, so it watches for
 * them during each timed phase and says so next to the number.
 */

export interface ProcessRow {
  readonly pid: number;
  readonly ppid: number;
  readonly command: string;
}

/** Programs whose work competes with what the bench times. */
export const BUSY = /\b(docusaurus|vitest|vite-node|tsc|tsx|rspack|webpack|chromium|chrome|playwright|npm (?:test|run)|dockerd? (?:build|buildx))\b/;

/** Helpers that idle beside a browser (Chromium's crash reporter outlives its parent for a moment). */
const IDLE_HELPERS = /(^|\/)chrome_crashpad_handler(\s|$)/;

/** This process, its ancestors (`npm run bench` itself) and its descendants (what the bench started). */
export function ownPids(rows: readonly ProcessRow[], self: number): Set<number> {
  const byPid = new Map(rows.map((row) => [row.pid, row]));
  const ours = new Set<number>([self]);
  for (let pid = byPid.get(self)?.ppid; pid !== undefined && pid > 0 && !ours.has(pid); pid = byPid.get(pid)?.ppid) ours.add(pid);
  const children = new Map<number, number[]>();
  for (const row of rows) children.set(row.ppid, [...(children.get(row.ppid) ?? []), row.pid]);
  const queue = [self];
  while (queue.length > 0) {
    for (const child of children.get(queue.pop()!) ?? []) {
      if (ours.has(child)) continue;
      ours.add(child);
      queue.push(child);
    }
  }
  return ours;
}

/** Processes matching `pattern` that are not the bench's own (see ownPids), nor idle helpers. */
export function foreignProcesses(rows: readonly ProcessRow[], self: number, pattern: RegExp = BUSY): ProcessRow[] {
  const ours = ownPids(rows, self);
  return rows.filter((row) => !ours.has(row.pid) && pattern.test(row.command) && !IDLE_HELPERS.test(row.command));
}

function processTable(): ProcessRow[] {
  const rows: ProcessRow[] = [];
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return rows;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
      if (command !== '') rows.push({ pid: Number(entry), ppid, command });
    } catch {
      // Gone meanwhile.
    }
  }
  return rows;
}

/** Harness sessions of live processes on this host that are not the bench's own (another `npm test`). */
function otherHarnessRuns(ours: ReadonlySet<number>): string[] {
  return listSessionRecords()
    .filter((record) => !ours.has(record.pid) && isSessionRecordLive(record))
    .map((record) => `harness session ${record.id.slice(0, 6)} of pid ${record.pid}`);
}

export interface ActivityReport {
  /** Other busy processes and harness runs seen while the phase ran (commands shortened). */
  readonly concurrent: readonly string[];
  /** 1-minute load average at the start of the phase. */
  readonly loadAtStart: number;
}

function busyNow(): string[] {
  const rows = processTable();
  return [
    ...foreignProcesses(rows, process.pid).map((row) => `pid ${row.pid}: ${row.command.slice(0, 120)}`),
    ...otherHarnessRuns(ownPids(rows, process.pid)),
  ];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Seconds in a row with nothing else busy that count as quiet. */
const QUIET_SECONDS = 5;

/** How long, in all, the bench may still wait for a quiet machine before a phase. */
let quietBudgetMs = 0;
let quietLog: (line: string) => void = () => undefined;

export function configureQuietWait(budgetMs: number, log: (line: string) => void): void {
  quietBudgetMs = budgetMs;
  quietLog = log;
}

/**
 * Before a timed phase: waits until nothing else busy has run for 5 s in a row, taking
 * the time from the run's waiting budget; once the budget is spent, phases start at once
 * (and their numbers carry the activity seen).
 */
export async function waitForQuiet(label: string): Promise<void> {
  let quietFor = 0;
  let told = false;
  while (quietBudgetMs > 0) {
    const busy = busyNow();
    if (busy.length === 0) {
      if (++quietFor >= QUIET_SECONDS) return;
    } else {
      quietFor = 0;
      if (!told) quietLog(`waiting for a quiet machine before ${label} (up to ${Math.round(quietBudgetMs / 1000)} s more in this run): ${busy[0]}${busy.length > 1 ? ` and ${busy.length - 1} more` : ''}`);
      told = true;
    }
    await sleep(1000);
    quietBudgetMs -= 1000;
  }
  if (told) quietLog(`no more waiting for quiet in this run: ${label} starts with other work running`);
}

/** Waits for quiet (see waitForQuiet), then samples the process table every second while a phase runs. */
export async function watchActivity<T>(fn: () => Promise<T>, label = 'the next phase', onStart?: () => void): Promise<{ result: T; activity: ActivityReport }> {
  await waitForQuiet(label);
  onStart?.();
  const seen = new Set<string>();
  const loadAtStart = loadavg()[0] ?? 0;
  const sample = (): void => {
    for (const busy of busyNow()) seen.add(busy);
  };
  sample();
  const timer = setInterval(sample, 1000);
  try {
    const result = await fn();
    sample();
    return { result, activity: { concurrent: [...seen], loadAtStart } };
  } finally {
    clearInterval(timer);
  }
}
