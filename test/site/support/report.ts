import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { EngineRun, SnippetReport, VerificationReport } from '../../../contracts/verification-report';
import type { VersionId } from '../../../src/snippets/versions/ids';
import { snippetCommands } from '../../../scripts/harness/parse';
import { getSnippet, isSnippetId, isVersionId, requiredSnippets, snippetHash } from '../../../src/snippets';
import { reportProblem } from '../../../src/evidence/fromReport';
import { ROOT, reportPath } from './env';

export type LoadedReport =
  | { readonly ok: true; readonly path: string; readonly report: VerificationReport; readonly mtimeMs: number }
  | { readonly ok: false; readonly path: string; readonly problem: string };

/** Reads the harness report (reports/verification.json, or OPENHANDS_GUIDE_REPORT). */
export function loadReport(file = reportPath()): LoadedReport {
  const relative = path.relative(ROOT, file);
  const shown = relative && !relative.startsWith('..') ? relative : file;
  if (!existsSync(file)) {
    return { ok: false, path: file, problem: `no verification report at ${shown}: run the harness (npm test) first` };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    return { ok: false, path: file, problem: `${shown} is not JSON (${String(error)}): run the harness (npm test) again` };
  }
  // The same test the site's build applies, so the two never disagree on what a report is.
  const problem = reportProblem(parsed);
  if (problem) return { ok: false, path: file, problem: `${shown} cannot be read: ${problem}` };
  return { ok: true, path: file, report: parsed as VerificationReport, mtimeMs: statSync(file).mtimeMs };
}

/** The first engine run of the report that ran anything: the rewrites and texts are the same on every engine but for names. */
export function firstRun(loaded: Extract<LoadedReport, { ok: true }>): EngineRun | undefined {
  return loaded.report.runs.find((run) => !run.failure);
}

/** `0.33/network-binding` -> its version and id, as figures carry it (data-snippet-id). */
export function splitKey(key: string): { version: VersionId; id: string } {
  const slash = key.indexOf('/');
  const version = key.slice(0, slash);
  if (slash < 0 || !isVersionId(version)) throw new Error(`Unexpected snippet key ${JSON.stringify(key)}, expected <version>/<id>`);
  return { version, id: key.slice(slash + 1) };
}

/** The report's entry for a snippet (`<version>/<id>`, in the first engine run), or the message a test fails with. */
export function snippetEntry(loaded: LoadedReport, key: string): SnippetReport {
  const { version, id } = splitKey(key);
  if (!loaded.ok) throw new Error(`no verification report for snippet ${key}: ${loaded.problem}`);
  const snippets = firstRun(loaded)?.snippets ?? [];
  const entry = snippets.find((s) => s.version === version && s.id === id);
  if (!entry) {
    throw new Error(
      `no verification report for snippet ${key}: run the harness (npm test) first ` +
        `(${loaded.path.startsWith(`${ROOT}${path.sep}`) ? path.relative(ROOT, loaded.path) : loaded.path} has ${snippets.map((s) => `${s.version}/${s.id}`).join(', ') || 'no snippets'})`,
    );
  }
  return entry;
}

/**
 * Why a report entry does not describe the snippet the registry holds now (undefined
 * when it does): the registry hash the harness recorded differs from today's.
 */
export function staleness(entry: SnippetReport): string | undefined {
  if (!isSnippetId(entry.version, entry.id)) return `snippet ${entry.version}/${entry.id} is no longer in the registry`;
  const snippet = getSnippet(entry.version, entry.id);
  const hash = snippetHash(snippet, requiredSnippets(snippet));
  return hash === entry.registryHash
    ? undefined
    : `the report verified registry entry ${entry.registryHash} of ${entry.id}, the registry now has ${hash}: run the harness (npm test) again`;
}

/** Where two texts first differ, by line, for an assertion message. */
export function firstDifference(actual: string, expected: string): string {
  const a = actual.split('\n');
  const b = expected.split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) {
      return `line ${i + 1}: got ${JSON.stringify(a[i] ?? '(no line)')}, expected ${JSON.stringify(b[i] ?? '(no line)')}`;
    }
  }
  return 'no difference';
}

/** A snippet text as comparable data: each command as its words' source text (comments dropped by the parser). */
export async function commandWords(key: string, text: string): Promise<string[][]> {
  return (await snippetCommands({ id: key }, text)).map((command) => command.words.map((word) => word.raw));
}

/**
 * The evidence a figure must show for a snippet, stated here from the report on its own
 * terms (not with the site's code): every engine run of the report counts where it ran
 * today's registry entry; an engine where an expectation says the commands do not work
 * is set aside; the rest decide, the worst of them winning. With no engine left, the
 * snippet is not verified, or shows that it is expected to fail everywhere it ran.
 */
export function expectedEvidence(loaded: LoadedReport, key: string): { state: string; because: string } {
  const { version, id } = splitKey(key);
  if (!loaded.ok) throw new Error(`no verification report for snippet ${key}: ${loaded.problem}`);
  const current = isSnippetId(version, id) ? snippetHash(getSnippet(version, id), requiredSnippets(getSnippet(version, id))) : undefined;
  const results = loaded.report.runs.flatMap((run) => {
    const entry = run.failure ? undefined : run.snippets.find((s) => s.version === version && s.id === id);
    // Not run on an engine (an expectation says so) is no result from that engine.
    return entry && entry.registryHash === current && entry.status !== 'not-run' ? [{ engine: run.engine.id, status: entry.status }] : [];
  });
  const because = results.map((r) => `${r.engine}: ${r.status}`).join(', ') || 'no engine ran the current registry entry';
  if (results.length === 0) return { state: 'not-verified', because };
  const judged = results.filter((r) => r.status !== 'expected-failure').map((r) => r.status);
  const worst = (['failed', 'partly-verifiable', 'verified'] as const).find((status) => judged.includes(status));
  return { state: judged.length === 0 ? 'expected-failure' : (worst ?? 'verified'), because };
}
