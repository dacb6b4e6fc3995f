/**
 * Where an engine of the matrix (scripts/engines) keeps its socket and shared folder on the
 * host: `<tmp>/ohg-<session suffix>-engine-<id>`. Named after the session, so the sweep of a
 * killed run (scripts/harness/cleanup.ts) finds it; nothing else is ever removed. It lives in
 * the harness, beside the reader folders, because the harness sweeps every session resource
 * and scripts/engines builds on the harness, never the reverse (test/architecture/import-graph.test.ts).
 */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ENGINE_FOLDER = /^ohg-([0-9a-f]{6})-engine-[a-z0-9]+$/;

export const engineFolder = (suffix: string, id: string): string => join(tmpdir(), `ohg-${suffix}-engine-${id}`);

/** Session suffixes of every engine folder on this machine. */
export function listEngineFolderSuffixesSync(): string[] {
  if (!existsSync(tmpdir())) return [];
  return readdirSync(tmpdir())
    .map((entry) => ENGINE_FOLDER.exec(entry)?.[1])
    .filter((suffix): suffix is string => suffix !== undefined);
}

/** Removes one session's engine folders (its engines are gone: their containers are removed first). */
export function removeEngineFoldersSync(suffix: string): string[] {
  const removed: string[] = [];
  for (const entry of existsSync(tmpdir()) ? readdirSync(tmpdir()) : []) {
    if (ENGINE_FOLDER.exec(entry)?.[1] !== suffix) continue;
    rmSync(join(tmpdir(), entry), { recursive: true, force: true });
    removed.push(join(tmpdir(), entry));
  }
  return removed;
}
