import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Evidence, onContainer, type Checker } from './context';

/** After a cleanup: the documented containers and networks are gone, and so are the sandboxes. */
export const removed: Checker<'removed'> = async (claim, ctx) => {
  const ev = new Evidence();
  for (const name of claim.containers) {
    const actual = ctx.containerName(name);
    ev.expect((await ctx.inspect(actual)) === undefined, `container ${actual} (documented as ${name}) no longer exists`);
  }
  for (const name of claim.networks) {
    const actual = ctx.networkName(name);
    ev.expect((await ctx.inspectNetwork(actual)) === undefined, `network ${actual} (documented as ${name}) no longer exists`);
  }
  const sandboxes = await ctx.sessionSandboxes();
  ev.expect(sandboxes.length === 0, `no sandbox container of this run is left${sandboxes.length ? `: ${sandboxes.map((s) => s.Name.replace(/^\//, '')).join(', ')}` : ''}`);
  return ev.result();
};

const SAVE_WINDOW_MS = 1000;

const nonEmptyLines = (text: string) => text.split('\n').map((line) => line.trimEnd()).filter((line) => line !== '');

/** `docker logs --timestamps` lines: when each was written, and the text. */
function timestamped(text: string): { at: number; line: string }[] {
  return nonEmptyLines(text).map((raw) => {
    const space = raw.indexOf(' ');
    return { at: Date.parse(raw.slice(0, space)), line: raw.slice(space + 1) };
  });
}

/**
 * The saved file holds the app's output from both streams: the app logs to stderr
 * (OpenHands@0.33.0 openhands/core/logger.py get_console_handler: logging.StreamHandler()
 * with no stream), so a file without `2>&1` would miss its events. Judged by time: every
 * stderr line written before the file was saved must be in it.
 */
export const logSaved = onContainer<'log-saved'>(async (claim, ctx, found, ev) => {
  const path = join(ctx.reader.cwd, claim.file);
  const saved = await readFile(path, 'utf8').catch(() => undefined);
  if (!ev.expect(saved !== undefined, `${claim.file} exists in the folder the commands ran in`)) return;
  const savedAt = (await stat(path)).mtimeMs;
  const logs = await ctx.logsOf(found.actual);
  if (!ev.expect(logs !== undefined, `docker logs ${found.actual} answers`)) return;
  const lines = nonEmptyLines(saved!);
  const written = [...timestamped(logs!.stdout), ...timestamped(logs!.stderr)].map((entry) => entry.line);
  // `docker logs` reads the log up to when it was asked, then writes the file: a line written in
  // between is older than the file's last write but not in it. A second covers that window.
  const stderrBefore = timestamped(logs!.stderr).filter((entry) => entry.at <= savedAt - SAVE_WINDOW_MS);
  ev.expect(lines.length > 0, `${claim.file} holds ${lines.length} line(s)`);
  ev.expect(lines.every((line) => written.includes(line)), `every line of ${claim.file} is a line ${found.actual} wrote`);
  // 2>&1: the file holds what the app wrote to stderr, where OpenHands logs.
  const fromStderr = lines.filter((line) => timestamped(logs!.stderr).some((entry) => entry.line === line));
  ev.expect(fromStderr.length > 0, `${fromStderr.length} line(s) of ${claim.file} are lines ${found.actual} wrote to stderr`);
  ev.expect(
    stderrBefore.every((entry) => lines.includes(entry.line)),
    `the ${stderrBefore.length} line(s) ${found.actual} wrote to stderr more than ${SAVE_WINDOW_MS / 1000} s before the file was saved are in it`,
  );
});
